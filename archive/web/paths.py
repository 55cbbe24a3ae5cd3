"""Many paths of one route, with one reverse().

A page that lists sixty categories, or a sitemap of a thousand pages, links one
route many times over with a different value each time. ``reverse()`` resolves
the route anew for each (it was a third of the time of a sitemap, and of every
page's list of categories): ``path_maker`` reverses it once and fills the value in.
"""

from django.urls import reverse


def path_maker(name, placeholder, **kwargs):
    """A function of one value that gives ``reverse(name)``'s path with that value in ``placeholder``'s place.

    ``placeholder`` is (keyword, value): a value the route accepts and that no
    other part of the path holds. Values given to the function must be valid
    for the route (slugs, page numbers: they are not checked again).
    """
    keyword, value = placeholder
    before, found, after = reverse(name, kwargs={**kwargs, keyword: value}).rpartition(str(value))
    if not found:
        raise ValueError(f"{value!r} is not in the path of {name}")
    return lambda filled: f"{before}{filled}{after}"


class PagePaths:
    """The paths that one rendering of a page links to, each route reversed once.

    A list page links each of its posts, their categories, tags and authors, and
    the header's and footer's fixed pages: sixty-odd links through a dozen routes.
    Each ``reverse()`` resolves its route anew (about 40 µs: a quarter of a list
    page's time at 100 000 posts); here each route is reversed once per rendering
    and its values filled in (``path_maker``). Nothing outlives the rendering: the
    context processor makes a new one for every page (archive.web.context_processors).
    """

    def __init__(self):
        self._makers = {}
        self._paths = {}

    def of(self, instance):
        """``instance.get_absolute_url()``.

        A model with a ``url_name`` has its page at that route with its slug
        (archive.models.slugs.AtSlug: posts, pages, named rows); any other model is asked.
        """
        route = getattr(instance, "url_name", "")
        if not route:
            return instance.get_absolute_url()
        maker = self._makers.get(route)
        if maker is None:
            maker = self._makers[route] = path_maker(route, ("slug", "placeholder-slug"))
        return maker(instance.slug)

    def reverse(self, name, **kwargs):
        """``reverse(name, kwargs=kwargs)``, once per name and values in this rendering."""
        key = (name, *sorted(kwargs.items()))
        path = self._paths.get(key)
        if path is None:
            path = self._paths[key] = reverse(name, kwargs=kwargs)
        return path
