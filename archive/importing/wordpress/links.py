"""Links to the blog itself, made paths of the archive: they work on whatever host serves it.

A post links its neighbours by their full address on the blog
(``https://blog.example/2013/01/10/slug/``); once the blog is gone, those links
lead nowhere. Every link to the blog's own address (its site and home URLs,
over http or https, with or without ``www.``) becomes the path it names,
relative to the blog's address (``/2013/01/10/slug/``): the archive answers
the blog's old paths with the page they showed (archive.web.old_links).
Links into WordPress's own folders (``/wp-content/``: the uploads, which stay
the old host's until an import copies them; ``/wp-admin/``) are left as they
are. Pure Python; no Django.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HREF = re.compile(r"""(\shref\s*=\s*)(["'])([^"'<>]*)\2""", re.IGNORECASE)
WORDPRESS_FOLDERS = ("/wp-content/", "/wp-admin/", "/wp-includes/", "/wp-json/")


class SiteLinks:
    """The blog's own addresses, and the archive's path for a link to one of them."""

    def __init__(self, *addresses):
        self.bases = set()  # (host without www., the blog's path on it, e.g. "/blog")
        for address in addresses:
            parts = urlsplit((address or "").strip())
            if parts.scheme in ("http", "https") and parts.hostname:
                self.bases.add((parts.hostname.removeprefix("www."), parts.path.rstrip("/")))

    def own_path(self, url):
        """The path of ``url`` relative to the blog's address if it is the blog's own (its query and fragment
        after it), else None."""
        try:
            parts = urlsplit(url.strip())
            host = parts.hostname
        except ValueError:
            return None  # not a URL (a bad port, an unclosed bracket)
        if parts.scheme.lower() not in ("http", "https", "") or not host:
            return None
        # The deepest address first: the site's /wordpress/ before the blog's /.
        for base_host, base_path in sorted(self.bases, key=lambda base: -len(base[1])):
            if host.removeprefix("www.") != base_host:
                continue
            if base_path and parts.path != base_path and not parts.path.startswith(base_path + "/"):
                continue
            path = parts.path[len(base_path):] or "/"
            if not path.startswith("/") or path.startswith("//"):
                return None
            query, fragment = f"?{parts.query}" if parts.query else "", f"#{parts.fragment}" if parts.fragment else ""
            return path + query + fragment
        return None

    def local(self, url):
        """The archive's path for ``url`` if it is a link to the blog's own pages; None otherwise."""
        path = self.own_path(url)
        return None if path is None or path.startswith(WORDPRESS_FOLDERS) else path

    def rewrite(self, html):
        """``html`` with every ``href`` to the blog's own pages made the archive's path."""
        if not self.bases or "href" not in html.lower():
            return html

        def replace(match):
            local = self.local(match[3])
            return match[0] if local is None else f"{match[1]}{match[2]}{local}{match[2]}"

        return HREF.sub(replace, html)
