"""What a list page shows: the archive, a category's or a tag's archive, the briefings citing an outlet.

Each view's ``get_queryset()`` is the query of its posts, built on
``Post.objects.for_listing()`` (archive.models.posts); a paginator cuts it into
pages (archive.views.pagination), and templates/archive/post_list.html shows them.
"""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import ListView

from ..models import Category, Outlet, Post, Tag
from ..web.paths import path_maker
from .pagination import RankPaginator


def parse_page(value):
    """A page number from a query string: a positive integer, or a 404."""
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 10**9:
        raise Http404("No such page.")
    return int(value)


class PostListMixin:
    """A paginated list of posts, with page links, headings and canonical URLs.

    By default page numbers live in the path (/…/page/N/): page 1 is the list's
    own URL, ``/page/1/`` and ``?page=N`` redirect to the canonical URL, and a
    page that does not exist is a 404.
    """

    paginate_by = settings.POSTS_PER_PAGE
    # What the page reads of the query string (the page cache keys pages by these alone).
    query_parameters = ("page",)
    context_object_name = "posts"
    template_name = "archive/post_list.html"
    url_name = ""  # e.g. "archive:category"; pages use url_name + "_page"

    def url_kwargs(self):
        # A category's, tag's or outlet's list is named by its slug.
        return {"slug": self.kwargs["slug"]} if "slug" in self.kwargs else {}

    def page_url(self, number):
        if number == 1:
            return reverse(self.url_name, kwargs=self.url_kwargs())
        return self.numbered_page_path(number)

    @cached_property
    def numbered_page_path(self):
        # The route of pages 2, 3…, reversed once for the dozen page links of a page (archive.web.paths).
        return path_maker(f"{self.url_name}_page", ("page", 999_999_999), **self.url_kwargs())

    def page_number(self):
        return self.kwargs.get("page", 1)

    def get(self, request, *args, **kwargs):
        if "page" in request.GET:
            return redirect(self.page_url(parse_page(request.GET["page"])), permanent=True)
        if kwargs.get("page") == 1:
            return redirect(self.page_url(1), permanent=True)
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        try:
            page = paginator.page(self.page_number())
        except InvalidPage:
            raise Http404("No such page.") from None
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_links"] = [
            (number, self.page_url(number) if isinstance(number, int) else None)
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ]
        context["prev_url"] = self.page_url(page.number - 1) if page.has_previous() else None
        context["next_url"] = self.page_url(page.number + 1) if page.has_next() else None
        context["canonical_url"] = self.page_url(page.number)
        context["heading"] = self.heading(page.number)
        return context

    def heading(self, number):
        title = self.list_title()
        return title if number == 1 else f"{title} – page {number}"


class ArchiveIndexView(PostListMixin, ListView):
    """/ and /page/N/: every post, in the archive's order."""

    url_name = "archive:index"
    paginator_class = RankPaginator

    def get_queryset(self):
        return Post.objects.for_listing()

    def list_title(self):
        return settings.SITE_TITLE

    def get_context_data(self, **kwargs):
        # The home page says what the site is, to readers and to search engines.
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["introduction"] = settings.SITE_INTRODUCTION
        return context


class CategoryView(PostListMixin, ListView):
    """/category/SLUG/ and its pages: the posts filed under a category, in the archive's order."""

    url_name = "archive:category"

    @cached_property
    def family(self):
        """The category, and the categories right under it that have posts, by name: one query for both."""
        slug = self.kwargs["slug"]
        rows = list(Category.objects.filter(Q(slug=slug) | Q(parent__slug=slug, post_count__gt=0)).order_by("name"))
        category = next((row for row in rows if row.slug == slug), None)
        if category is None:
            raise Http404("No such category.")
        return category, [row for row in rows if row is not category]

    @property
    def category(self):
        return self.family[0]

    def get_queryset(self):
        return Post.objects.for_listing().in_category(self.category)

    def get_paginator(self, queryset, per_page, **kwargs):
        return RankPaginator(queryset, per_page, rank="place", count=self.category.post_count, **kwargs)

    def list_title(self):
        return f"Category Archives: {self.category.name}"

    def get_context_data(self, **kwargs):
        # Its place in the hierarchy: the categories above it, and those below.
        return super().get_context_data(
            category=self.category, category_ancestors=self.category.ancestors(), subcategories=self.family[1],
            **kwargs
        )


class TagView(PostListMixin, ListView):
    """/tag/SLUG/ and its pages: the posts tagged so, in the archive's order (a range of the tag's placements, as
    a category's page is of its own)."""

    url_name = "archive:tag"

    @cached_property
    def tag(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def get_queryset(self):
        return Post.objects.for_listing().tagged_with(self.tag)

    def get_paginator(self, queryset, per_page, **kwargs):
        return RankPaginator(queryset, per_page, rank="place", count=self.tag.post_count, **kwargs)

    def list_title(self):
        return f"Tag Archives: {self.tag.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SourceView(PostListMixin, ListView):
    """/source/SLUG/ and its pages: the briefings citing an outlet, in the archive's order (a range of the
    outlet's placements, as a category's page is of its own)."""

    url_name = "archive:source"

    @cached_property
    def outlet(self):
        return get_object_or_404(Outlet, slug=self.kwargs["slug"])

    def get_queryset(self):
        return Post.objects.for_listing().citing(self.outlet)

    def get_paginator(self, queryset, per_page, **kwargs):
        return RankPaginator(queryset, per_page, rank="place", count=self.outlet.post_count, **kwargs)

    def list_title(self):
        return f"Briefings citing {self.outlet.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(outlet=self.outlet, **kwargs)
