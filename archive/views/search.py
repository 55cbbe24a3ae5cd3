"""What the search page shows: the posts matching a reader's words, best first, with snippets."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.generic import ListView

from ..models import Post
from ..search.query import CANDIDATES, MAX_QUERY_LENGTH, SearchTookTooLong, clean_query, search, snippet
from ..search.websearch import too_common_words
from .lists import PostListMixin, parse_page


class SearchView(PostListMixin, ListView):
    """/search/?q=…&page=N: the query is kept in every page link."""

    template_name = "archive/search.html"
    query_parameters = ("q", "page")

    @cached_property
    def query(self):
        return clean_query(self.request.GET.get("q", ""))

    @cached_property
    def query_too_long(self):
        return len(self.query) > MAX_QUERY_LENGTH

    timed_out = False

    def get(self, request, *args, **kwargs):
        # Page numbers live in the query string here, beside the words.
        try:
            return ListView.get(self, request, *args, **kwargs)
        except SearchTookTooLong:
            # Said on the page, and never stored: the next try may be quicker.
            self.timed_out = True
            response = ListView.get(self, request, *args, **kwargs)
            response["Cache-Control"] = "no-store"
            return response

    def page_number(self):
        return parse_page(self.request.GET.get("page", "1"))

    def page_url(self, number):
        params = {"q": self.query}
        if number > 1:
            params["page"] = number
        return f"{reverse('archive:search')}?{urlencode(params)}"

    def get_queryset(self):
        if not self.query or self.query_too_long or self.timed_out:
            return Post.objects.none()
        return search(self.query)

    def list_title(self):
        return f"Search results for “{self.query}”" if self.query else "Search"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, query_too_long=self.query_too_long, timed_out=self.timed_out,
            max_query_length=MAX_QUERY_LENGTH,
            candidates=CANDIDATES,
            # When nothing matches, the page says why if the query held only words too common to search.
            too_common=() if self.query_too_long else too_common_words(self.query),
            **kwargs
        )
        for post in context["posts"]:
            post.snippet = snippet(post)
        if not self.query:
            context["canonical_url"] = reverse("archive:search")
        return context
