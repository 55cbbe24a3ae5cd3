"""An ExportImporter writes one WordPress export: its records, streamed, in batches."""

from urllib.parse import unquote

from django.utils.text import slugify

from ... import markup
from ...models import Category, Comment, Page, Post, Tag, free_slug, slug_base
from ...search.index import index_terms
from ..wordpress.bodies import convert_body, title_text
from ..wordpress.reader import read_export, read_media
from ..wordpress.records import Author, Item, Site
from ..wordpress.records import Category as ExportCategory
from ..wordpress.records import Tag as ExportTag
from .content import markup_of, page_content, post_content, term_slug

BATCH_SIZE = 200


class ExportImporter:
    """Writes one export, inside the caller's transaction and derived-data batch."""

    def __init__(self, path, summary, changes, on_item=None):
        self.path, self.summary, self.changes = path, summary, changes
        self.on_item = on_item  # told of each item read (the command's progress bar)
        self.site = ""
        self.authors = {}  # login → display name
        self.categories = {}  # slug → Category row
        self.tags = {}  # slug → Tag row
        self.pending_categories = []  # the export's categories, made once the first item comes
        self.pending_tags = []
        self.batch = []  # Items of posts waiting to be written
        self.pages = {}  # WordPress id → Page row, and its parent's WordPress id
        self.media = {}

    def run(self):
        self.media = read_media(self.path)
        for record in read_export(self.path):
            if isinstance(record, Site):
                self.site = (record.base_blog_url or record.link or record.base_site_url).rstrip("/")
            elif isinstance(record, Author):
                self.authors[record.login] = record.display_name
            elif isinstance(record, ExportCategory):
                self.pending_categories.append(record)
            elif isinstance(record, ExportTag):
                self.pending_tags.append(record)
            elif isinstance(record, Item):
                self.item(record)
                if self.on_item is not None:
                    self.on_item(1)
        self.write_posts()
        self.terms()
        self.link_pages()

    def key(self, kind, number):
        return f"wxr:{self.site}:{kind}:{number}"

    # Categories and tags ------------------------------------------------------------------------

    def terms(self):
        """Make the export's categories and tags (the first item needs them), each parent once all are known."""
        if self.pending_categories:
            for record in self.pending_categories:
                self.category(record.slug, record.name, record.description)
            for record in self.pending_categories:
                child = self.categories.get(term_slug(record.slug, record.name, "category"))
                parent = self.categories.get(term_slug(record.parent_slug, "", "category")) if record.parent_slug else None
                if child is not None and parent is not None and child.parent_id is None and child != parent:
                    child.parent = parent
                    child.save(update_fields=["parent"])
            self.pending_categories = []
        if self.pending_tags:
            self.make_tags(self.pending_tags)
            self.pending_tags = []

    def make_tags(self, records):
        """The export's tags, those not here yet made in one statement (a blog has thousands)."""
        wanted = {term_slug(record.slug, record.name, "tag"): record for record in records}
        wanted = {slug: record for slug, record in wanted.items() if slug not in self.tags}
        found = Tag.objects.in_bulk(list(wanted), field_name="slug")
        self.tags.update(found)
        self.summary.count("tags", "unchanged", len(found))
        new = [Tag(name=title_text(record.name) or slug, slug=slug, description=record.description)
               for slug, record in wanted.items() if slug not in found]
        self.tags.update((tag.slug, tag) for tag in Tag.objects.bulk_create(new))
        self.summary.count("tags", "created", len(new))
        if new:
            self.changes.changed = True

    def category(self, slug, name, description=""):
        slug = term_slug(slug, name, "category")
        if slug not in self.categories:
            found = Category.objects.filter(slug=slug).first()
            if found is None:
                name = title_text(name) or slug
                if Category.objects.filter(name=name).exists():
                    name = f"{name} ({slug})"
                found = Category.objects.create(name=name, slug=slug, description=description)
                self.summary.count("categories", "created")
            else:
                self.summary.count("categories", "unchanged")
            self.categories[slug] = found
        return self.categories[slug]

    def tag(self, slug, name, description=""):
        slug = term_slug(slug, name, "tag")
        if slug not in self.tags:
            found = Tag.objects.filter(slug=slug).first()
            if found is None:
                found = Tag.objects.create(name=title_text(name) or slug, slug=slug, description=description)
                self.summary.count("tags", "created")
            else:
                self.summary.count("tags", "unchanged")
            self.tags[slug] = found
        return self.tags[slug]

    # Items --------------------------------------------------------------------------------------

    def item(self, item):
        self.terms()
        kind = {"post": "posts", "page": "pages"}.get(item.post_type)
        if kind is None:
            if item.post_type != "attachment":  # attachments serve galleries and media
                self.summary.skip("posts", f"{item.post_type} (not a post or page)")
            return
        if item.status != "publish":
            self.summary.skip(kind, {"future": "scheduled"}.get(item.status, item.status or "no status"))
            return
        if item.is_protected:
            self.summary.skip(kind, "password-protected")
            return
        if kind == "pages":
            self.page(item)
            return
        self.batch.append(item)
        if len(self.batch) >= BATCH_SIZE:
            self.write_posts()

    def page(self, item):
        body = convert_body(item.content, self.media, item.id).html
        page = Page.objects.filter(import_key=self.key("page", item.id)).first()
        prepared = Page(
            title=title_text(item.title) or "Untitled page", title_html=markup.render_title(markup_of(item.title)),
            body=body.strip(), menu_order=item.menu_order,
        )
        written = page_content(prepared)
        if page is None:
            prepared.slug = self.free_page_slug(item.slug or item.title)
            prepared.original_url, prepared.wordpress_id = item.link, item.id
            prepared.import_key, prepared.import_digest = self.key("page", item.id), written
            prepared.save()
            page, outcome = prepared, "created"
        elif page_content(page) != page.import_digest:
            outcome = "kept"
        elif written == page.import_digest:
            outcome = "unchanged"
        else:
            page.title, page.title_html, page.body, page.menu_order = (
                prepared.title, prepared.title_html, prepared.body, prepared.menu_order)
            page.import_digest = written
            page.save()
            outcome = "updated"
        self.summary.count("pages", outcome)
        self.pages[item.id] = (page, item.parent)

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
        keys = {self.key("post", item.id): item for item in items}
        existing = Post.objects.filter(import_key__in=list(keys)).prefetch_related("categories", "tags").in_bulk(
            field_name="import_key"
        )
        written, new, filings = [], [], []
        for key, item in keys.items():
            post, categories, tags = self.prepare(item)
            names = ([category.name for category in categories], [tag.name for tag in tags])
            digest_new = post_content(post, *names)
            stored = existing.get(key)
            if stored is None:
                post.import_key, post.import_digest = key, digest_new
                post.index_terms = index_terms(names[0], [])
                new.append((post, item, categories, tags))
                continue
            stored_names = ([c.name for c in stored.categories.all()], [t.name for t in stored.tags.all()])
            if post_content(stored, *stored_names) != stored.import_digest:
                outcome = "kept"  # an editor changed it since: left as the editor left it
            elif digest_new == stored.import_digest:
                outcome = "unchanged"
            else:
                for name in ("title", "title_html", "body", "excerpt", "author", "published"):
                    setattr(stored, name, getattr(post, name))
                stored.import_digest, stored.index_terms = digest_new, index_terms(names[0], [])
                stored.save()
                filings.append((stored, categories, tags))
                outcome = "updated"
                self.changes.order_changed = True
            self.summary.count("posts", outcome)
            written.append((stored, item))
        if new:
            self.create_posts(new)
            written.extend((post, item) for post, item, _, _ in new)
            filings.extend((post, categories, tags) for post, _, categories, tags in new)
        self.file(filings)
        self.write_comments(written)

    def create_posts(self, new):
        """Insert new posts in one statement, each with a slug no other post has (bulk_create sends no signals:
        the import's batch brings ranks, placements and counts up to date at its end)."""
        bases = [(post, self.slug_base(item)) for post, item, _, _ in new]
        taken = set(Post.objects.filter(slug__in={base for _, base in bases}).values_list("slug", flat=True))
        for post, base in bases:
            post.slug = free_slug(base, lambda slug: slug in taken or (
                slug != base and Post.objects.filter(slug=slug).exists()
            ))
            taken.add(post.slug)
        Post.objects.bulk_create([post for post, _, _, _ in new])
        self.changes.order_changed = True
        self.summary.count("posts", "created", len(new))

    def file(self, filings):
        """File posts under their categories and tags: what each has becomes exactly what the export says."""
        if not filings:
            return
        posts = [post.pk for post, _, _ in filings]
        for relation, column, terms_of in ((Post.categories, "category_id", 1), (Post.tags, "tag_id", 2)):
            through = relation.through
            through.objects.filter(post_id__in=posts).delete()
            through.objects.bulk_create([
                through(post_id=filing[0].pk, **{column: term.pk}) for filing in filings for term in filing[terms_of]
            ])
        self.changes.filings_changed = True

    def prepare(self, item):
        """The post an item makes (not saved), with its categories and tags."""
        title = title_text(item.title)
        body = convert_body(item.content, self.media, item.id).html.strip()
        post = Post(
            title=title, title_html=markup.render_title(markup_of(item.title)),
            body=body, body_format=Post.Format.HTML, excerpt=item.excerpt.strip(),
            author=self.authors.get(item.creator, ""), published=item.date,
            original_url=item.link, wordpress_id=item.id,
        )
        post.render()
        if not post.title:
            words = post.body_text.split()
            post.title = " ".join(words[:8]) + "…" if len(words) > 8 else " ".join(words)
            if not post.title:
                post.title = f"Untitled post of {item.date:%B %-d, %Y}" if item.date else "Untitled post"
        post.title = post.title[:300]
        categories = [self.category(term.slug or term.name, term.name) for term in item.categories]
        tags = [self.tag(term.slug or term.name, term.name) for term in item.tags]
        return post, list(dict.fromkeys(categories)), list(dict.fromkeys(tags))

    def slug_base(self, item):
        # The post's own slug, kept verbatim where free; made from its title where it has none.
        return (slugify(unquote(item.slug)) or slug_base(title_text(item.title), "post"))[:120]

    # Comments -----------------------------------------------------------------------------------

    def write_comments(self, written):
        """The comments of the posts just written that are not here yet, threaded as on the original blog."""
        wanted = []
        for post, item in written:
            for comment in item.comments:
                if comment.is_ping:
                    self.summary.skip("comments", f"{comment.type} (left out)")
                elif comment.approved not in {"1", "0"}:
                    self.summary.skip("comments", comment.approved or "not approved")
                else:
                    wanted.append((post, comment))
        keys = [self.key("comment", comment.id) for _, comment in wanted]
        known = dict(Comment.objects.filter(import_key__in=keys).values_list("import_key", "pk"))
        new = []
        for post, comment in wanted:
            key = self.key("comment", comment.id)
            if key in known:
                self.summary.count("comments", "unchanged")
                continue
            text = markup.plain_text(markup.render(comment.content, "html"))
            new.append((comment, Comment(
                post=post, author_name=(title_text(comment.author) or "Anonymous")[:100],
                author_email=comment.author_email[:254], body=text, import_key=key,
                created=comment.date or post.published,
                status=Comment.Status.APPROVED if comment.approved == "1" else Comment.Status.PENDING,
            )))
        Comment.objects.bulk_create([row for _, row in new])
        if new:
            self.changes.comments_changed = True
            self.summary.count("comments", "created", len(new))
        # Threads: a reply's parent is found among this post's comments, new or imported before.
        by_wordpress_id = {comment.id: row.pk for comment, row in new}
        parents = {self.key("comment", comment.parent): comment.parent for _, comment in wanted if comment.parent}
        for key, pk in Comment.objects.filter(import_key__in=list(parents)).values_list("import_key", "pk"):
            by_wordpress_id.setdefault(parents[key], pk)
        replies = []
        for comment, row in new:
            if comment.parent and comment.parent in by_wordpress_id:
                row.parent_id = by_wordpress_id[comment.parent]
                replies.append(row)
        Comment.objects.bulk_update(replies, ["parent"])
