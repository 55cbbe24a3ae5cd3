"""Server time per request for each page type, through Django's WSGI handler.

Run by bench/run.py with DATABASE_URL set; prints one JSON line of results.
With ``--dated`` (bench/wordpress.py, on an imported WordPress blog): the pages
of dated posts and tags instead (date archives, the date index, tag pages).
"""

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db.models import Count  # noqa: E402

from archive.models import Category, Comment, Month, OldPath, Outlet, Post, Tag  # noqa: E402

COMMENTS = 20_000


def add_comments():
    """20 000 approved reader comments spread over the archive (once)."""
    if Comment.objects.count() >= COMMENTS:
        return
    ids = list(Post.objects.order_by("rank").values_list("pk", flat=True)[: COMMENTS // 2])
    Comment.objects.bulk_create(
        [
            Comment(post_id=ids[n % len(ids)], author_name=f"Reader {n}", body=f"Comment number {n}.", status="approved")
            for n in range(COMMENTS)
        ],
        batch_size=2000,
    )


def urls():
    per_page = settings.POSTS_PER_PAGE
    total = Post.objects.count()
    category = Category.objects.annotate(n=Count("posts")).order_by("-n").first()
    last_page = (category.n - 1) // per_page + 1
    outlet = Outlet.objects.annotate(n=Count("citations__post", distinct=True)).order_by("-n").first()
    post = Post.objects.get(rank=total // 2)
    deep = min(6000, (total - 1) // per_page + 1)
    return {
        "archive page 1": "/",
        f"archive page {deep}": page_path("/", deep),
        "category, first page": category.get_absolute_url(),
        f"category, last page ({last_page})": page_path(category.get_absolute_url(), last_page),
        "post": post.get_absolute_url(),
        "source page": outlet.get_absolute_url(),
        "search, common word": "/search/?q=government",
        "search, rare word": "/search/?q=" + rare_word(),
        "source page, last": page_path(outlet.get_absolute_url(), (outlet.n - 1) // per_page + 1),
        "RSS feed": "/feed/",
        "category feed (Atom)": f"{category.get_absolute_url()}feed/atom/",
        "sitemap (index)": "/sitemap.xml",
        "sitemap (posts)": "/sitemap-posts.xml",
        "sitemap (posts, last)": f"/sitemap-posts.xml?p={(total - 1) // 250 + 1}",
        "sitemap (categories)": "/sitemap-categories.xml",
        "sitemap (sources)": "/sitemap-sources.xml",
    }


def dated_urls():
    """The pages of an archive of dated posts: its busiest year, month and day, the date index, its biggest tag."""
    per_page = settings.POSTS_PER_PAGE
    month = Month.objects.order_by("-post_count", "year", "month").first()
    year_size = sum(Month.objects.filter(year=month.year).values_list("post_count", flat=True))
    first = Post.objects.filter(published__year=month.year, published__month=month.month).order_by("rank").first()
    day = f"/{month.year:04}/{month.month:02}/{first.published.day:02}/"
    tag = Tag.objects.annotate(n=Count("posts")).order_by("-n").first()
    permalink = OldPath.objects.filter(post=first).exclude(path__startswith="/?").first()
    return {
        "year page": f"/{month.year:04}/",
        "year, last page": page_path(f"/{month.year:04}/", (year_size - 1) // per_page + 1),
        "month page": f"/{month.year:04}/{month.month:02}/",
        "month, last page": page_path(f"/{month.year:04}/{month.month:02}/", (month.post_count - 1) // per_page + 1),
        "day page": day,
        "date index": "/dates/",
        "tag page": tag.get_absolute_url(),
        "tag, last page": page_path(tag.get_absolute_url(), (tag.n - 1) // per_page + 1),
        "tag feed": f"{tag.get_absolute_url()}feed/",
        # Old links: a post's permalink on the blog and its /?p=ID, each answered with a 301.
        "old permalink (301)": permalink.path,
        "old /?p=ID (301)": f"/?p={first.wordpress_id}",
    }


def page_path(list_path, number):
    """Page ``number`` of the list at ``list_path``: page 1 is the list's own URL (/page/1/ redirects)."""
    return list_path if number == 1 else f"{list_path}page/{number}/"


def rare_word():
    # One of the generator's 20 000 rare words: it occurs in a few hundred posts of 100 000.
    from bench.generate import Writer

    return Writer(int(os.environ.get("BENCH_SEED", "1"))).rare[0]


def request(handler, path, redirect=False):
    """(seconds, bytes) of one GET of ``path``; it must answer 200, or 301 where ``redirect``."""
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": False,
        "wsgi.multiprocess": False, "wsgi.run_once": False, "SERVER_PROTOCOL": "HTTP/1.1",
    }
    status = []
    start = time.perf_counter()
    body = b"".join(handler(environ, lambda s, headers, exc_info=None: status.append(s)))
    elapsed = time.perf_counter() - start
    if not status[0].startswith("301" if redirect else "200"):
        raise SystemExit(f"{path}?{query}: {status[0]}")
    return elapsed, len(body)


def main(count=200, dated=False):
    if not dated:
        add_comments()
    handler = WSGIHandler()
    pages = dated_urls() if dated else urls()
    for name, path in pages.items():
        for _ in range(5):
            request(handler, path, "(301)" in name)  # warm up
    # Round after round over every page type, so that a slow moment of a shared
    # machine falls on all of them alike instead of on whichever was being timed.
    times = {name: [] for name in pages}
    for _ in range(count):
        for name, path in pages.items():
            times[name].append(request(handler, path, "(301)" in name)[0] * 1000)
    results = {}
    for name, path in pages.items():
        ordered = sorted(times[name])
        results[name] = {
            "path": path,
            "median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        }
    print(json.dumps(results))


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    main(int(numbers[0]) if numbers else 200, dated="--dated" in sys.argv)
