"""The archive's indexes: every category with its number of posts (/category/), every outlet cited (/source/)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.views.generic import ListView

from ..models import Category, Outlet, Source
from ..web.paths import path_maker


class CategoryIndexView(ListView):
    """/category/: every category with posts, by name, each under the category above it."""

    template_name = "archive/category_index.html"

    def get_queryset(self):
        return Category.objects.filter(post_count__gt=0).order_by("name").only("name", "slug", "parent", "post_count")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        path = path_maker("archive:category", ("slug", "placeholder-slug"))
        categories = list(context["object_list"])
        shown = {category.pk for category in categories}
        children = {}
        for category in categories:
            # Under its parent where the parent is listed too; else at the top.
            parent = category.parent_id if category.parent_id in shown and category.parent_id != category.pk else None
            children.setdefault(parent, []).append(category)

        def tree(parent, seen=frozenset()):
            return [
                (category.name, path(category.slug), category.post_count, tree(category.pk, seen | {category.pk}))
                for category in children.get(parent, []) if category.pk not in seen
            ]

        context.update(tree=tree(None), heading="Categories", canonical_url=reverse("archive:categories"))
        return context


class OutletIndexView(ListView):
    """/source/: every outlet the briefings cite, by name."""

    template_name = "archive/outlet_index.html"

    def get_queryset(self):
        # Each outlet looked up in the citations' index: no scan of every citation.
        cited = Source.objects.filter(outlet=OuterRef("pk"))
        return Outlet.objects.filter(Exists(cited)).order_by("name").only("name", "slug")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        path = path_maker("archive:source", ("slug", "placeholder-slug"))
        context.update(
            outlets=[(outlet.name, path(outlet.slug)) for outlet in context["object_list"]],
            heading="Sources", canonical_url=reverse("archive:outlets"),
        )
        return context
