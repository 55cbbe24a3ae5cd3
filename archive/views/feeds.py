"""RSS and Atom feeds: the newest posts of the archive, or of one category, tag or author, each as lists show it
(its summary, or whole: BRIEFINGS_LISTS_SHOW); the newest comments."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from ..models import Author, Category, Comment, Post, Tag
from .pagination import ByRank


class ArchiveFeed(Feed):
    """The newest posts of the archive, each as lists show it (templates/archive/feed_item.html)."""

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
        # Its categories, then its tags, as WordPress's feeds name both: feed readers file and filter by them.
        return [category.name for category in post.filed_under] + [tag.name for tag in post.tagged]


class ArchiveAtomFeed(ArchiveFeed):
    feed_type = Atom1Feed


class ListFeed(ArchiveFeed):
    """The newest posts of one list of the archive: a category's, tag's or author's (``model``, by slug)."""

    model = None
    said = ""  # how the posts belong to it: "filed under", "tagged", "by"

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
        # The tag's own first places, as its first page shows them.
        return ByRank(Post.objects.for_listing().tagged_with(tag), rank="place")[: settings.FEED_SIZE]


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed


class AuthorFeed(ListFeed):
    model, said = Author, "by"

    def items(self, author):
        # The author's own first places, as the author's first page shows them.
        posts = Post.objects.for_listing().filter(author=author)
        return ByRank(posts, rank="author_rank")[: settings.FEED_SIZE]


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed


class CommentsFeed(Feed):
    """The newest approved comments, on any post: who wrote each (by the name they gave, never their email),
    when, and on which post."""

    title = f"Comments | {settings.SITE_TITLE}"
    link = reverse_lazy("archive:index")
    description = subtitle = f"The newest comments on the posts of the {settings.SITE_TITLE} archive."
    author_name = settings.SITE_TITLE

    def items(self):
        # Read from the end of the index of (status, created, id).
        return (
            Comment.objects.filter(status=Comment.Status.APPROVED).select_related("post").only(
                "author_name", "body", "body_format", "body_html", "created", "post__title", "post__slug"
            ).order_by("-created", "-id")[: settings.FEED_SIZE]
        )

    def item_title(self, comment):
        return f"Comment on {comment.post.title} by {comment.author_name}"

    def item_link(self, comment):
        return f"{comment.post.get_absolute_url()}#comment-{comment.pk}"

    def item_description(self, comment):
        # As the post's page shows it.
        return comment.html

    def item_author_name(self, comment):
        return comment.author_name

    def item_pubdate(self, comment):
        return comment.created


class CommentsAtomFeed(CommentsFeed):
    feed_type = Atom1Feed
