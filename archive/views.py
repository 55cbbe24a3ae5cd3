from django.conf import settings
from django.core.paginator import InvalidPage
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView
from django_ratelimit.core import is_ratelimited
from modern_csrf.decorators import csrf_protect as cross_origin_protect

from .caching import categories_by_slug, outlets_by_id, per_generation, post_count
from .compiled import CompiledQuery
from .forms import CommentForm
from .links import link
from .listed_posts import with_categories_and_sources
from .models import Comment, Listing, Outlet, Post, Source
from .pagination import ARCHIVE_PAGE, CATEGORY_PAGE, PlacementPaginator, RankPaginator
from .related_rows import RelatedRows, loaded, rows
from .search.query import CANDIDATES, MAX_QUERY_LENGTH, clean_query, search, snippet


class PostListMixin:
    """A paginated list of posts, with page links, headings and canonical URLs.

    By default page numbers live in the path (/…/page/N/): page 1 is the list's
    own URL, ``/page/1/`` and ``?page=N`` redirect to the canonical URL, and a
    page that does not exist is a 404.
    """

    paginate_by = settings.POSTS_PER_PAGE
    context_object_name = "posts"
    template_name = "archive/post_list.html"
    url_name = ""  # e.g. "archive:category"; pages use url_name + "_page"

    def url_kwargs(self):
        return {}

    def page_url(self, number):
        if number == 1:
            return link(self.url_name, **self.url_kwargs())
        return link(f"{self.url_name}_page", **self.url_kwargs(), page=number)

    def page_number(self):
        return self.kwargs.get("page", 1)

    def get(self, request, *args, **kwargs):
        if "page" in request.GET:
            return redirect(self.page_url(parse_page(request.GET["page"])), permanent=True)
        if kwargs.get("page") == 1:
            return redirect(self.page_url(1), permanent=True)
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        try:
            page = paginator.page(self.page_number())
        except InvalidPage:
            raise Http404("No such page.") from None
        page.object_list = self.page_posts(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def page_posts(self, object_list):
        """The posts of one page, each with its categories and sources."""
        return with_categories_and_sources(object_list, self.request)

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


def parse_page(value):
    """A page number from a query string: a positive integer, or a 404."""
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 10**9:
        raise Http404("No such page.")
    return int(value)


class ArchiveIndexView(PostListMixin, ListView):
    url_name = "archive:index"

    def get_paginator(self, queryset, per_page, **kwargs):
        count = post_count(self.request)
        return RankPaginator(queryset, per_page, page_query=ARCHIVE_PAGE, count=count, **kwargs)

    def get_queryset(self):
        # Every post, by rank; the paginator reads a page's columns with ARCHIVE_PAGE.
        return Post.objects.order_by("rank")

    def list_title(self):
        return settings.SITE_TITLE


class CategoryView(PostListMixin, ListView):
    url_name = "archive:category"

    def get_paginator(self, queryset, per_page, **kwargs):
        return PlacementPaginator(queryset, per_page, category=self.category, page_query=CATEGORY_PAGE, **kwargs)

    @cached_property
    def category(self):
        category = categories_by_slug(self.request).get(self.kwargs["slug"])
        if category is None:
            raise Http404("No such category.")
        return category

    def url_kwargs(self):
        return {"slug": self.kwargs["slug"]}

    def get_queryset(self):
        # The category's posts; the paginator reads a page's columns with CATEGORY_PAGE.
        return Post.objects.all()

    def list_title(self):
        return f"Category Archives: {self.category.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


# The posts of a source page, as listings show them, by their ids (one parameter each).
SOURCE_PAGE = CompiledQuery(lambda *ids: Post.objects.for_listing().filter(pk__in=ids))


class SourceView(PostListMixin, ListView):
    url_name = "archive:source"

    @cached_property
    def outlet(self):
        # The generation's map of outlets (every list page's sources use it) holds
        # every outlet; one it lacks is new since it was made, or none at all.
        slug = self.kwargs["slug"]
        for outlet in outlets_by_id(self.request).values():
            if outlet.slug == slug:
                return outlet
        return get_object_or_404(Outlet, slug=slug)

    def url_kwargs(self):
        return {"slug": self.kwargs["slug"]}

    def get_queryset(self):
        # The ids of the briefings citing the outlet, in archive order: a short list
        # (an outlet is cited hundreds of times, not millions); a page loads its posts.
        # Paging through an outlet reads it again and again: once per generation.
        def post_ids():
            ids = Source.objects.filter(outlet=self.outlet).order_by("post__rank").values_list("post_id", flat=True)
            return list(dict.fromkeys(ids))

        return per_generation(f"source-posts:{self.outlet.pk}", post_ids, self.request)

    def page_posts(self, ids):
        if not ids:
            return []
        # A page's ids and then the last one again up to a full page: the same compiled query for every page.
        padded = [*ids, *[ids[-1]] * (self.paginate_by - len(ids))]
        posts = super().page_posts(SOURCE_PAGE(*padded))
        by_id = {post.pk: post for post in posts}
        return [by_id[pk] for pk in ids]

    def list_title(self):
        return f"Briefings citing {self.outlet.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(outlet=self.outlet, **kwargs)


def neighbours_of_post():
    """The posts ranked just before and after a post (id, rank, title, slug), as a JSON column of a post query."""
    posts = Post._meta.db_table
    return RelatedRows(
        ['n."id"', 'n."rank"', 'n."title"', 'n."slug"'],
        f'FROM "{posts}" n WHERE n."rank" IN ("{posts}"."rank" - 1, "{posts}"."rank" + 1)',
        order='n."rank"',
    )


# A post page's post, with what its listing's name is made of and its neighbours: one query.
POST_BY_SLUG = CompiledQuery(
    lambda slug: Post.objects.for_post_page()
    .filter(slug=slug)
    .annotate(listing_kind=F("listing__kind"), listing_name=F("listing__name"), listing_page=F("listing__page"))
    .annotate(neighbour_rows=neighbours_of_post())
)


# The comment form carries no CSRF token, so that a post page is the same page
# for every reader and is cached like the others: a comment posted from another
# site's page is refused by the browser's Sec-Fetch-Site and Origin headers
# instead (django-modern-csrf). The admin keeps Django's token-based protection.
@method_decorator([csrf_exempt, cross_origin_protect], name="dispatch")
class PostDetailView(DetailView):
    """A post with its sources, comments and neighbours; POST adds a reader's comment."""

    context_object_name = "post"
    template_name = "archive/post_detail.html"

    def get_object(self, queryset=None):
        post = next(iter(POST_BY_SLUG(self.kwargs["slug"])), None)
        if post is None:
            raise Http404("No such post.")
        if post.listing_id is not None:  # where it was archived from, with the post
            values = [post.listing_id, post.listing_kind, post.listing_name, post.listing_page]
            post.listing = Listing.from_db(post._state.db, ["id", "kind", "name", "page"], values)
        return with_categories_and_sources([post], self.request)[0]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = CommentForm(request.POST)
        limited = is_ratelimited(
            request, group="comments", key="ip", rate=settings.COMMENT_RATE, increment=True
        )
        if form.is_spam:
            return self.refuse(form, 400, "Your comment could not be accepted.")
        if limited:
            return self.refuse(
                form, 429, "You have sent several comments in a short time. Please wait a few minutes."
            )
        if not form.is_valid():
            return self.refuse(form, 400, "Please correct the problems below.")
        comment = form.save(commit=False)
        comment.post = self.object
        comment.save()
        return redirect(f"{self.object.get_absolute_url()}?comment=received#comments")

    def refuse(self, form, status, message):
        context = self.get_context_data(object=self.object, comment_form=form, comment_error=message)
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        post = self.object
        neighbours = {
            rank: loaded(Post, post._state.db, id=pk, rank=rank, title=title, slug=slug)
            for pk, rank, title, slug in rows(post.neighbour_rows)
        }
        kwargs.setdefault("comment_form", None)  # an empty form (archive.templating.comment_fields)
        return super().get_context_data(
            previous_post=neighbours.get((post.rank or 0) - 1),
            next_post=neighbours.get((post.rank or 0) + 1),
            # The number came with the post: most posts have no comment here to load.
            comments=(
                post.comments.filter(status=Comment.Status.APPROVED).order_by("created", "pk")
                if post.approved_comment_count else []
            ),
            comment_received=self.request.GET.get("comment") == "received",
            canonical_url=post.get_absolute_url(),
            **kwargs,
        )


class SearchView(PostListMixin, ListView):
    """/search/?q=…&page=N: the query is kept in every page link."""

    template_name = "archive/search.html"

    @cached_property
    def query(self):
        return clean_query(self.request.GET.get("q", ""))

    @cached_property
    def query_too_long(self):
        return len(self.query) > MAX_QUERY_LENGTH

    def get(self, request, *args, **kwargs):
        return ListView.get(self, request, *args, **kwargs)

    def page_number(self):
        return parse_page(self.request.GET.get("page", "1"))

    def page_url(self, number):
        params = {"q": self.query}
        if number > 1:
            params["page"] = number
        return f"{link('archive:search')}?{urlencode(params)}"

    def get_queryset(self):
        if not self.query or self.query_too_long:
            return Post.objects.none()
        return search(self.query)

    def list_title(self):
        return f"Search results for “{self.query}”" if self.query else "Search"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, query_too_long=self.query_too_long, max_query_length=MAX_QUERY_LENGTH,
            candidates=CANDIDATES, **kwargs
        )
        for post in context["posts"]:
            post.snippet = snippet(post)
        if not self.query:
            context["canonical_url"] = link("archive:search")
        return context
