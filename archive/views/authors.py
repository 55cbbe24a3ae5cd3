"""An author's page: /author/SLUG/ and its pages, the posts they wrote, in the archive's order."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import ListView

from ..models import Author, Post
from .lists import PostListMixin
from .pagination import RankPaginator


class AuthorView(PostListMixin, ListView):
    """/author/SLUG/ and its pages: the posts by one author, found by their places among the author's posts.

    A blog with one author has every post on that author's page: its pages are
    cut by ``Post.author_rank`` (kept by archive.derived), as the archive's own
    pages are by rank, so that its last page costs what its first does.
    """

    url_name = "archive:author"

    @cached_property
    def author(self):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def get_queryset(self):
        return Post.objects.for_listing().filter(author=self.author)

    def get_paginator(self, queryset, per_page, **kwargs):
        return RankPaginator(queryset, per_page, rank="author_rank", count=self.author.post_count, **kwargs)

    def list_title(self):
        return f"Author Archives: {self.author.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
