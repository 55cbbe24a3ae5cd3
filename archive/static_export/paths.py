"""Every path of the reader's site, as the static export asks for them: pages, feeds, old links."""

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncDay
from django.urls import reverse

from ..models import Author, Category, Month, OldPath, Outlet, Page, Post, Tag
from ..views.pagination import page_count
from ..web.old_links import FEEDS
from ..web.paths import path_maker


def list_pages(first_page, count):
    """The paths of a list of ``count`` posts: its own, then …/page/2/ and on."""
    pages = page_count(count, settings.POSTS_PER_PAGE)
    yield first_page
    yield from (f"{first_page}page/{number}/" for number in range(2, pages + 1))


def reader_paths():
    """Every page a reader can reach, feeds and the sitemap included (not the search page)."""
    yield from list_pages("/", Post.objects.highest_rank())
    yield from ("/feed/", "/feed/atom/", "/comments/feed/", "/comments/feed/atom/", "/robots.txt", "/dates/",
                "/category/", "/source/")
    # Every category, an empty one too: the live site serves its page (and the sitemap lists it).
    for slug, count in Category.objects.values_list("slug", "post_count"):
        page = reverse("archive:category", kwargs={"slug": slug})
        yield from list_pages(page, count)
        yield from (f"{page}feed/", f"{page}feed/atom/")
    for slug, count in Tag.objects.filter(post_count__gt=0).values_list("slug", "post_count"):
        page = reverse("archive:tag", kwargs={"slug": slug})
        yield from list_pages(page, count)
        yield from (f"{page}feed/", f"{page}feed/atom/")
    for slug, count in Author.objects.filter(post_count__gt=0).values_list("slug", "post_count"):
        page = reverse("archive:author", kwargs={"slug": slug})
        yield from list_pages(page, count)
        yield from (f"{page}feed/", f"{page}feed/atom/")
    for slug, count in Outlet.objects.filter(post_count__gt=0).values_list("slug", "post_count"):
        yield from list_pages(reverse("archive:source", kwargs={"slug": slug}), count)
    yield from date_paths()
    post_path = path_maker("archive:post", ("slug", "placeholder-slug"))
    yield from (post_path(slug) for slug in Post.objects.order_by("rank").values_list("slug", flat=True).iterator())
    yield from (page.get_absolute_url() for page in Page.objects.only("slug"))


def date_paths():
    """Each year's, month's and day's archive with its pages."""
    for year, month, count in Month.objects.order_by("year", "month").values_list("year", "month", "post_count"):
        yield from list_pages(f"/{year:04}/{month:02}/", count)
    for year, count in Month.objects.years():
        yield from list_pages(f"/{year:04}/", count)
    days = (
        Post.objects.exclude(published=None).order_by().values(day=TruncDay("published"))
        .annotate(count=Count("id")).values_list("day", "count")
    )
    for day, count in days:
        yield from list_pages(f"/{day:%Y/%m/%d}/", count)


def old_paths():
    """(old path, where it leads now) of every old link that is a path (/?p=123 needs a server), and
    WordPress's other names for the feeds (/feed/rss2/ and the like), which feed readers still ask for."""
    paths = OldPath.objects.exclude(path__contains="?")
    for old in paths.select_related("post", "page", "category", "tag", "author"):
        yield old.path, old.target_url()
    for alias, route in FEEDS.items():
        yield alias, reverse(route)
