"""RSS and Atom feeds: the newest posts of the archive, or of one category, each in full."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from ..models import Category, Post, Tag
from .pagination import ByRank


class ArchiveFeed(Feed):
    """The newest posts of the archive, each in full."""

    title = settings.SITE_TITLE
    link = reverse_lazy("archive:index")
    description = subtitle = (
        f"The newest posts in the {settings.SITE_TITLE} archive: China, geopolitics and technology."
    )
    author_name = settings.SITE_TITLE
    description_template = "archive/feed_item.html"

    def items(self):
        # The first ranks: what the archive's first page starts with.
        return ByRank(Post.objects.for_listing())[: settings.FEED_SIZE]

    def item_title(self, post):
        return post.title

    def item_pubdate(self, post):
        return post.published

    def item_updateddate(self, post):
        return post.published or post.updated

    def item_categories(self, post):
        return [category.name for category in post.filed_under]


class ArchiveAtomFeed(ArchiveFeed):
    feed_type = Atom1Feed


class ListFeed(ArchiveFeed):
    """The newest posts of one list of the archive: a category's, a tag's (``model``, found by its slug)."""

    model = None
    said = ""  # how the posts belong to it: "filed under", "tagged"

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, named):
        return f"{named.name} | {settings.SITE_TITLE}"

    def link(self, named):
        return named.get_absolute_url()

    def description(self, named):
        return named.description or f"The newest posts {self.said} {named.name}."

    def subtitle(self, named):
        return self.description(named)


class CategoryFeed(ListFeed):
    model, said = Category, "filed under"

    def items(self, category):
        # The category's own first places, as its first page shows them.
        return ByRank(Post.objects.for_listing().in_category(category), rank="place")[: settings.FEED_SIZE]


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed


class TagFeed(ListFeed):
    model, said = Tag, "tagged"

    def items(self, tag):
        return Post.objects.for_listing().filter(tags=tag).order_by("rank")[: settings.FEED_SIZE]


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed
