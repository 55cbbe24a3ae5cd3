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
