"""An ExportImporter writes one WordPress export: its records, streamed, in batches."""

from urllib.parse import unquote

from django.core.files.storage import default_storage
from django.utils.text import slugify

from ... import markup
from ...models import Page, Post, free_slug, slug_base
from ...models.filings import filed_and_cited
from ...search.index import INDEXED_FIELDS, index_terms
from ..rows import insert_instances, insert_rows
from ..wordpress.bodies import title_text
from ..wordpress.links import SiteLinks
from ..wordpress.reader import read_export, read_site_and_media
from ..wordpress.records import Author, Item, Site
from ..wordpress.records import Category as ExportCategory
from ..wordpress.records import Tag as ExportTag
from ..wordpress.uploads import UploadsFolder
from ..workers import worker_stream
from .authors import Authors
from .comments import Comments
from .content import import_outcome, markup_of, page_content, post_content
from .conversion import convert, is_imported, start
from .old_links import OldLinks
from .terms import Terms
from .uploads import UPLOADS

# The longest name of a file an old path leads to (OldPath.file).
FILE_NAME_LENGTH = 500

BATCH_SIZE = 200
# Items handed to a worker at a time, and at most in the workers' hands: what memory holds of an export.
ITEMS_A_TASK, ITEMS_AHEAD = 20, 400


class ExportImporter:
    """Writes one export, inside the caller's transaction and derived-data batch."""

    def __init__(self, path, summary, changes, index, on_item=None, workers=0, uploads=None):
        self.path, self.summary, self.changes, self.workers = path, summary, changes, workers
        self.index = index  # adds new posts to the search index (archive.search.sqlite.indexing_by_batch)
        self.uploads = uploads  # a copy of the blog's uploads folder, or None
        self.on_item = on_item  # told of each item read (the command's progress bar)
        self.site = ""
        self.authors = Authors(summary, changes, self.key)
        self.comments = Comments(summary, changes, self.key)
        self.batch = []  # (Item, Converted) of posts waiting to be written
        self.pages = {}  # WordPress id → Page row, and its parent's WordPress id
        self.post_ids = {}  # WordPress id → id here, of every post of the export
        self.hidden = {"posts": [], "pages": []}  # the import keys of the posts and pages WordPress does not show
        self.old_links = OldLinks("")
        self.terms = Terms(summary, changes, self.old_links)
        self.authors.old_links = self.old_links

    def run(self):
        site, media = read_site_and_media(self.path)
        links = SiteLinks(site.base_blog_url, site.base_site_url, site.link)
        uploads = UploadsFolder(self.uploads, links, lambda name: default_storage.url(f"{UPLOADS}{name}"))
        with worker_stream(
            convert, read_export(self.path), workers=self.workers, chunk=ITEMS_A_TASK, ahead=ITEMS_AHEAD,
            initializer=start, initargs=(media, links, uploads),
        ) as converted:
            self.write(converted)
        # Every attachment's file, named in a body or not; its page and id lead to the file, else to the post
        # or page it was uploaded to.
        for attachment in media.values():
            links = (attachment.link, f"attachment_id={attachment.id}")
            if (found := uploads.find(attachment.url)) is not None:
                self.summary.files[found[0]] = found[1]
            if found is not None and len(UPLOADS + found[0]) <= FILE_NAME_LENGTH:
                self.old_links.add_file(UPLOADS + found[0], *links)
            elif attachment.parent in self.post_ids:
                self.old_links.add("post", self.post_ids[attachment.parent], *links)
            elif attachment.parent in self.pages:
                self.old_links.add("page", self.pages[attachment.parent][0].pk, *links)
        self.old_links.write()

    def write(self, converted):
        """Every record, with its conversion (conversion.convert), in the file's order."""
        for record, ready in converted:
            if isinstance(record, Site):
                self.site = (record.base_blog_url or record.link or record.base_site_url).rstrip("/")
                self.old_links = self.terms.old_links = self.authors.old_links = OldLinks(self.site)
            elif isinstance(record, Author):
                self.authors.add(record)
            elif isinstance(record, ExportCategory):
                self.terms.pending_categories.append(record)
            elif isinstance(record, ExportTag):
                self.terms.pending_tags.append(record)
            elif isinstance(record, Item):
                if ready is not None:
                    self.summary.files.update(ready.files)
                    self.summary.missing |= ready.missing
                self.item(record, ready)
                if self.on_item is not None:
                    self.on_item(1)
        self.write_posts()
        self.terms.make()
        self.link_pages()
        self.withdraw()

    def withdraw(self):
        """Take down the posts and pages imported before that WordPress no longer shows (made private or a draft,
        scheduled, trashed, given a password): nothing hidden on the blog stays public here, an editor's changes
        to it included (the admin's "Recover deleted" has each version an editor saved)."""
        for model, kind in ((Post, "posts"), (Page, "pages")):
            keys = self.hidden[kind]
            for first in range(0, len(keys), BATCH_SIZE):
                _, deleted = model.objects.filter(import_key__in=keys[first:first + BATCH_SIZE]).delete()
                if deleted.get(model._meta.label):
                    self.summary.count(kind, "withdrawn", deleted[model._meta.label])

    def key(self, kind, number):
        return f"wxr:{self.site}:{kind}:{number}"

    # Items --------------------------------------------------------------------------------------

    def item(self, item, ready):
        self.terms.make()
        kind = {"post": "posts", "page": "pages"}.get(item.post_type)
        if kind is None:
            if item.post_type != "attachment":  # attachments serve galleries and media
                self.summary.skip("posts", f"{item.post_type} (not a post or page)")
            return
        if not is_imported(item):
            if item.status != "publish":
                self.summary.skip(kind, {"future": "scheduled"}.get(item.status, item.status or "no status"))
            else:
                self.summary.skip(kind, "password-protected")
            self.hidden[kind].append(self.key(kind.removesuffix("s"), item.id))
            return
        if kind == "pages":
            self.page(item, ready.page_body)
            return
        self.batch.append((item, ready))
        if len(self.batch) >= BATCH_SIZE:
            self.write_posts()

    def page(self, item, body):
        page = Page.objects.filter(import_key=self.key("page", item.id)).first()
        prepared = Page(
            title=title_text(item.title) or "Untitled page", title_html=markup.render_title(markup_of(item.title)),
            body=body, menu_order=item.menu_order,
        )
        written = page_content(prepared)
        if page is None:
            prepared.slug = self.free_page_slug(item.slug or item.title)
            prepared.original_url, prepared.wordpress_id = item.link, item.id
            prepared.import_key, prepared.import_digest = self.key("page", item.id), written
            prepared.save()
            page, outcome = prepared, "created"
        elif (outcome := import_outcome(page_content(page), page.import_digest, written)) == "updated":
            page.title, page.title_html, page.body, page.menu_order = (
                prepared.title, prepared.title_html, prepared.body, prepared.menu_order)
            page.import_digest = written
            page.save()
        self.summary.count("pages", outcome)
        self.pages[item.id] = (page, item.parent)
        self.old_links.add("page", page.pk, item.link, f"page_id={item.id}")

    def free_page_slug(self, text):
        base = slugify(unquote(text)) or slug_base(title_text(text), "page")
        return free_slug(base[:200], lambda slug: Page.objects.filter(slug=slug).exists())

    def link_pages(self):
        """Each imported page under its parent, once every page is there."""
        for page, parent_id in self.pages.values():
            parent = self.pages.get(parent_id, (None, None))[0]
            if parent is not None and page.parent_id is None and parent != page:
                page.parent = parent
                page.save(update_fields=["parent"])

    # Posts --------------------------------------------------------------------------------------

    def write_posts(self):
        """Write a batch of posts: the new ones in bulk, with their categories and tags, then their comments."""
        items, self.batch = self.batch, []
        if not items:
            return
        keys = {self.key("post", item.id): (item, ready) for item, ready in items}
        existing = (
            Post.objects.filter(import_key__in=list(keys)).select_related("author")
            .prefetch_related("categories", "tags").in_bulk(field_name="import_key")
        )
        written, new, filings = [], [], []
        for key, (item, ready) in keys.items():
            post, categories, tags = self.prepare(item, ready.post)
            names = ([category.name for category in categories], [tag.name for tag in tags])
            digest_new = post_content(post, *names)
            stored = existing.get(key)
            if stored is None:
                post.import_key, post.import_digest = key, digest_new
                post.index_terms = index_terms(names[0], [])
                post.filed_and_cited = filed_and_cited(categories, tags, [])
                new.append((post, (item, ready), categories, tags))
                continue
            stored_names = ([c.name for c in stored.categories.all()], [t.name for t in stored.tags.all()])
            outcome = import_outcome(post_content(stored, *stored_names), stored.import_digest, digest_new)
            if outcome == "updated":
                for name in ("title", "title_html", "body", "excerpt", "author", "published"):
                    setattr(stored, name, getattr(post, name))
                stored.import_digest = digest_new
                stored.save()
                self.changes.refiled.add(stored.pk)  # its categories and tags, once filed below
                filings.append((stored, categories, tags))
                self.changes.order_changed = True
            self.summary.count("posts", outcome)
            written.append((stored, (item, ready)))
        updated = [post.pk for post, _, _ in filings]
        if new:
            self.create_posts(new)
            written.extend((post, entry) for post, entry, _, _ in new)
            filings.extend((post, categories, tags) for post, _, categories, tags in new)
        self.file(filings, updated)
        self.comments.write(written)
        for post, (item, _) in written:
            self.post_ids[item.id] = post.pk
            self.old_links.add("post", post.pk, item.link, f"p={item.id}")
        self.old_links.write()

    def create_posts(self, new):
        """Insert new posts in one statement, each with a slug no other post has (bulk_create sends no signals:
        the import's batch brings ranks, placements and counts up to date at its end)."""
        bases = [(post, self.slug_base(item)) for post, (item, _), _, _ in new]
        taken = set(Post.objects.filter(slug__in={base for _, base in bases}).values_list("slug", flat=True))
        for post, base in bases:
            post.slug = free_slug(base, lambda slug: slug in taken or (
                slug != base and Post.objects.filter(slug=slug).exists()
            ))
            taken.add(post.slug)
        posts = [post for post, _, _, _ in new]
        insert_instances(Post, posts)
        self.index([(post.pk, *[getattr(post, name) for name in INDEXED_FIELDS]) for post in posts])
        self.changes.order_changed = True
        self.summary.count("posts", "created", len(new))

    def file(self, filings, updated):
        """File posts under their categories and tags: what each has becomes exactly what the export says.

        ``updated``: the ids of the posts written before, whose filings are replaced (new posts have none).
        """
        if not filings:
            return
        for relation, column, terms_of in ((Post.categories, "category", 1), (Post.tags, "tag", 2)):
            through = relation.through
            if updated:
                through.objects.filter(post_id__in=updated).delete()
            insert_rows(through, ["post", column], [
                (filing[0].pk, term.pk) for filing in filings for term in filing[terms_of]
            ])
        self.changes.filings_changed = True

    def prepare(self, item, post):
        """The post an item makes (``post``, converted, not saved), with its author, categories and tags."""
        post.author = self.authors.author(item.creator)
        categories = [self.terms.category(term.slug or term.name, term.name) for term in item.categories]
        tags = [self.terms.tag(term.slug or term.name, term.name) for term in item.tags]
        return post, list(dict.fromkeys(categories)), list(dict.fromkeys(tags))

    def slug_base(self, item):
        # The post's own slug, kept verbatim where free; made from its title where it has none.
        return (slugify(unquote(item.slug)) or slug_base(title_text(item.title), "post"))[:120]
