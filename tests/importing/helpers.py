from archive.models import Category, Comment, Listing, Outlet, Post, Source


def database_state():
    """Every row the importer can touch, for comparing before and after."""
    return {
        model.__name__: sorted(map(repr, model.objects.order_by().values_list()))
        for model in (Post, Category, Source, Outlet, Listing, Comment, Post.categories.through)
    }
