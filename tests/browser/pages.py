"""Every type of page a reader can land on, with a real example of each.

The examples come from the seeds (undated captures) and from the small
WordPress blog in tests/browser/blog/ (dated posts with authors, tags, comments
and an image, and standalone pages), which the `seeded_site` fixture loads
after them. The accessibility, HTML validity and Lighthouse checks all walk
this one list, so a new kind of page is checked everywhere by adding it here.
Plain Python, no Django: scripts/lighthouse.py imports it too.
"""

from typing import NamedTuple


class PageType(NamedTuple):
    name: str
    path: str
    status: int = 200
    # False for pages deliberately kept out of search engines (meta robots noindex).
    indexable: bool = True


PAGE_TYPES = (
    PageType("front", "/"),
    PageType("archive-page-2", "/page/2/"),
    PageType("category", "/category/technology/"),
    PageType("category-page-2", "/category/technology/page/2/"),
    PageType("post-with-caption", "/post/china-formalises-state-guidance-of-its-tech-platforms/"),
    PageType(
        "briefing-two-sources",
        "/post/peoples-daily-sullivan-admits-that-us-efforts-to-change-the-prc-over-the-past-several-decades-have/",
    ),
    PageType("source", "/source/kyodo-news/"),
    PageType("categories", "/category/"),
    PageType("sources", "/source/"),
    PageType("search", "/search/?q=chips", indexable=False),
    # From the WordPress blog.
    PageType("wordpress-post", "/post/taiwans-chipmakers-weigh-where-to-build-next/"),  # image, threaded comments
    PageType("subcategory", "/category/taiwan/"),
    PageType("tag", "/tag/chips/"),
    PageType("author", "/author/mei-wong/"),
    PageType("page", "/pages/team/"),  # between its parent page and its child
    PageType("dates", "/dates/"),  # every month, under a chart
    PageType("year", "/2024/"),
    PageType("month", "/2024/02/"),
    PageType("day", "/2024/02/20/"),
    PageType("not-found", "/post/no-such-post-in-the-archive/", status=404),
)

PAGE_NAMES = tuple(page.name for page in PAGE_TYPES)
