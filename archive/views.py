from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from .models import Category, Outlet, Post, Source


class RankPaginator(Paginator):
    """Pages of the whole archive by Post.rank: an index range, never an OFFSET."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        posts = self.object_list.filter(rank__gt=bottom, rank__lte=bottom + self.per_page)
        return self._get_page(posts, number, self)


class PostListMixin:
    """A paginated list of posts with page numbers in the path: /…/page/N/.

    Page 1 lives at the list's own URL; ``/page/1/`` redirects there. A page
    number that does not exist, in the path or in ``?page=``, is a 404.
    """

    paginate_by = settings.POSTS_PER_PAGE
    context_object_name = "posts"
    template_name = "archive/post_list.html"
    url_name = ""  # e.g. "archive:category"; pages use url_name + "_page"

    def url_kwargs(self):
        return {}

    def page_url(self, number):
        if number == 1:
            return reverse(self.url_name, kwargs=self.url_kwargs())
        return reverse(f"{self.url_name}_page", kwargs={**self.url_kwargs(), "page": number})

    def get(self, request, *args, **kwargs):
        query_page = request.GET.get("page")
        if query_page is not None:
            if not query_page.isdigit() or not 1 <= int(query_page) <= 10**9:
                raise Http404("No such page.")
            return redirect(self.page_url(int(query_page)), permanent=True)
        if kwargs.get("page") == 1:
            return redirect(self.page_url(1), permanent=True)
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        try:
            page = paginator.page(self.kwargs.get("page", 1))
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
    url_name = "archive:index"
    paginator_class = RankPaginator

    def get_queryset(self):
        return Post.objects.for_listing().order_by("rank")

    def list_title(self):
        return settings.SITE_TITLE


class CategoryView(PostListMixin, ListView):
    url_name = "archive:category"

    @cached_property
    def category(self):
        return get_object_or_404(Category, slug=self.kwargs["slug"])

    def url_kwargs(self):
        return {"slug": self.kwargs["slug"]}

    def get_queryset(self):
        return self.category.posts.for_listing().in_listing_order()

    def list_title(self):
        return f"Category Archives: {self.category.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class SourceView(PostListMixin, ListView):
    url_name = "archive:source"

    @cached_property
    def outlet(self):
        return get_object_or_404(Outlet, slug=self.kwargs["slug"])

    def url_kwargs(self):
        return {"slug": self.kwargs["slug"]}

    def get_queryset(self):
        citing = Source.objects.filter(outlet=self.outlet).values("post")
        return Post.objects.filter(pk__in=citing).for_listing().in_listing_order()

    def list_title(self):
        return f"Briefings citing {self.outlet.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(outlet=self.outlet, **kwargs)


class PostDetailView(DetailView):
    context_object_name = "post"
    template_name = "archive/post_detail.html"

    def get_queryset(self):
        return Post.objects.for_listing()

    def get_context_data(self, **kwargs):
        post = self.object
        neighbours = {
            neighbour.rank: neighbour
            for neighbour in Post.objects.filter(rank__in=[post.rank - 1, post.rank + 1]).only(
                "title", "slug", "rank"
            )
        } if post.rank else {}
        return super().get_context_data(
            previous_post=neighbours.get(post.rank - 1) if post.rank else None,
            next_post=neighbours.get(post.rank + 1) if post.rank else None,
            canonical_url=post.get_absolute_url(),
            **kwargs,
        )
