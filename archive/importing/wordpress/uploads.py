"""The blog's uploaded files, found in a copy of its uploads folder, and put at the archive's address in HTML.

WordPress keeps every upload under ``wp-content/uploads/YYYY/MM/name.ext``,
with its resized copies beside it (``name-300x200.ext``); bodies, galleries
and captions name them by their full address, ``srcset`` attributes several
at once. ``UploadsFolder`` finds the file an address names in a copy of that
folder (``load_seeds --uploads DIR``) and refuses any name that would lead
outside it (``..``, a link elsewhere); ``rewrite`` puts the archive's address
of each file it holds into the HTML and tells which it found and which it did
not. Files it does not hold keep their old address. Pure Python; no Django.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from ... import srcset

UPLOADS = "/wp-content/uploads/"
# Attributes that name a file: a link to it, an image or a source, a video's poster, a srcset's candidates.
FILE_ATTRIBUTE = re.compile(r"""(\s(src|href|srcset|poster)\s*=\s*)(["'])([^"'<>]*)\3""", re.IGNORECASE)


class UploadsFolder:
    """A copy of the blog's uploads folder (None: none was given), and the archive's address for its files."""

    def __init__(self, folder, site_links, address):
        self.root = Path(folder).resolve() if folder else None
        self.links = site_links
        self.address = address  # the archive's address of a file, from its name below the folder (unquoted)

    def find(self, url):
        """(name below the folder, the file) of the upload ``url`` names, if the folder holds it; else None."""
        path = self.links.own_path(url) if self.root else None
        if not path or not path.startswith(UPLOADS):
            return None
        name = unquote(path[len(UPLOADS):].split("?", 1)[0].split("#", 1)[0])
        parts = name.split("/")
        if "\\" in name or "\x00" in name or any(part in ("", ".", "..") for part in parts):
            return None
        file = (self.root / name).resolve()
        if not file.is_relative_to(self.root) or not file.is_file():
            return None  # outside the folder (through a link), or not there
        return name, file

    def is_upload(self, url):
        path = self.links.own_path(url)
        return bool(path and path.startswith(UPLOADS))

    def rewrite(self, html):
        """``(html, found, missing)``: ``html`` with the address of each upload the folder holds made the
        archive's; found, {name: file}; missing, the addresses of the blog's uploads it does not hold."""
        found, missing = {}, set()
        if not self.root or "/wp-content/uploads/" not in html:
            return html, found, missing

        def one(url):
            hit = self.find(url)
            if hit is None:
                if self.is_upload(url):
                    missing.add(url)
                return url
            found[hit[0]] = hit[1]
            return self.address(hit[0])

        def attribute(match):
            if match[2].lower() == "srcset":
                value = srcset.join((one(address), descriptor) for address, descriptor in srcset.candidates(match[4]))
            else:
                value = one(match[4])
            return f"{match[1]}{match[3]}{value}{match[3]}"

        return FILE_ATTRIBUTE.sub(attribute, html), found, missing
