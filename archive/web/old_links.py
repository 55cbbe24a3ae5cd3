"""Old links answer: a path the archive does not serve, that led to a post, page, category, tag, author or
uploaded file, gets a 301.

The original blog's links (its permalinks, whatever their structure, its author
and attachment pages, and its query links such as ``/?p=123``) and every path a
post, page, category, tag or author had before an editor changed its slug are
OldPath rows (archive.models). This middleware looks a path up only where the
archive would answer 404, and the query links on the home page, so that every
other page costs what it did. A redirect only ever leads to a page or a file of
this archive, named by the row it found: no old link, however an export wrote
it, can send a reader elsewhere.
"""

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.http import urlencode

from ..models import OldPath

# The query links of WordPress's home page that name one thing: a post, a page, an attachment, an author.
QUERY_LINKS = ("p", "page_id", "attachment_id", "author")
# WordPress's other names for the site's feeds and its comments feed (its RSS 0.92 and RDF ones included).
FEEDS = {
    **dict.fromkeys(("/feed/rss2/", "/feed/rss/", "/feed/rdf/", "/rss2/", "/rss/"), "archive:feed"),
    **dict.fromkeys(("/comments/feed/rss2/", "/comments/feed/rss/"), "archive:comments_feed"),
}
# A list's or a post's page, feed or comment page, after its path: /category/x/page/2/, /author/x/feed/.
SUFFIX = re.compile(r"(?P<base>/.*?/)(?P<suffix>page/[0-9]{1,9}/|feed/(?P<feed>atom/|rss2?/)?|comment-page-[0-9]+/)\Z")


class OldLinksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in ("GET", "HEAD")
        if reading and request.path_info == "/" and request.GET and (redirect := query_link(request.GET)):
            return redirect
        response = self.get_response(request)
        if reading and response.status_code == 404 and (redirect := old_path(request.path_info)):
            return redirect
        return response


def query_link(query):
    """/?p=123, /?page_id=…, /?attachment_id=…, /?author=…; WordPress's search (/?s=words) and month
    (/?m=201301) links."""
    for name in QUERY_LINKS:
        if (value := query.get(name, "")).isascii() and value.isdigit():
            # What was never imported (a draft, a private post, an author of neither) is not the home page.
            if (redirect := old_path(f"/?{name}={int(value)}")) is None:
                raise Http404("No such post.")
            return redirect
    if words := query.get("s", "").strip():
        return HttpResponsePermanentRedirect(f"{reverse('archive:search')}?{urlencode({'q': words})}")
    month = query.get("m", "")
    if month.isascii() and month.isdigit() and len(month) == 6 and 1 <= int(month[4:]) <= 12:
        return HttpResponsePermanentRedirect(reverse("archive:month", kwargs={"year": month[:4], "month": month[4:]}))
    return None


def old_path(path):
    """The redirect for an old path, or None: the path itself, else its list or post with the page or feed after it."""
    if "\x00" in path or len(path) > 2000:
        return None  # no old path holds one (PostgreSQL refuses NUL in a query's text)
    if path in FEEDS:
        return HttpResponsePermanentRedirect(reverse(FEEDS[path]))
    found = OldPath.objects.filter(path__in=[path] if path.endswith("/") else [path, path + "/"]).first()
    suffix = ""
    if found is None and (match := SUFFIX.match(path)):
        found = OldPath.objects.filter(path=match["base"]).first()
        suffix = "feed/" if match["feed"] in ("rss/", "rss2/") else match["suffix"]
    if found is None:
        return None
    target = found.target_url()
    if found.category_id or found.tag_id or found.author_id:
        # A category's, tag's or author's page N or feed; a post's feed or comment page is the post, an
        # attachment page's the file or the post.
        target += suffix
    return HttpResponsePermanentRedirect(target)
