"""What a standalone page of the original blog shows (About, Contact): its text, where it stands, what is below it."""

from django.views.generic import DetailView

from ..models import Page


class PageView(DetailView):
    """/pages/SLUG/: one of the blog's pages, with the pages above and below it."""

    context_object_name = "page"
    template_name = "archive/page_detail.html"

    def get_queryset(self):
        return Page.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        page = self.object
        return super().get_context_data(
            page_ancestors=page.ancestors(), subpages=list(page.children.order_by("menu_order", "title")),
            canonical_url=page.get_absolute_url(), **kwargs
        )
