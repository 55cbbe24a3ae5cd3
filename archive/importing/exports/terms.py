"""An export's categories and tags: made or found by slug, with their parents and their old paths."""

from ...models import Category, Tag
from ..wordpress.bodies import title_text
from .content import term_slug


class Terms:
    """The categories and tags of one export, as rows here, by slug.

    The export lists them before its first item; they are made when that item
    comes (``make()``), each category's parent once all are known. Categories
    and tags are matched by slug and never renamed by a re-import.
    """

    def __init__(self, summary, changes, old_links):
        self.summary, self.changes, self.old_links = summary, changes, old_links
        self.categories = {}  # slug → Category row
        self.tags = {}  # slug → Tag row
        self.pending_categories = []  # the export's categories, made once the first item comes
        self.pending_tags = []

    def make(self):
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
            self.category_paths(self.pending_categories)
            self.pending_categories = []
        if self.pending_tags:
            self.make_tags(self.pending_tags)
            self.pending_tags = []

    def category_paths(self, records):
        """Each category's path on the blog, /category/parent/child/ (the nicenames of its line), leads to it."""
        by_nicename = {record.slug: record for record in records}
        for record in records:
            line, current = [], record
            while current is not None and current.slug not in line:
                line.insert(0, current.slug)
                current = by_nicename.get(current.parent_slug) if current.parent_slug else None
            if (category := self.categories.get(term_slug(record.slug, record.name, "category"))) is not None:
                self.old_links.add("category", category.pk, "/category/" + "/".join(line) + "/")

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
        for slug, record in wanted.items():
            self.old_links.add("tag", self.tags[slug].pk, f"/tag/{record.slug}/")
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
