"""Write the reader's site into a folder: each page as the live site answers it, only what changed."""

import functools
import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils.html import escape

from ..importing.workers import worker_map
from ..web.context_processors import FROZEN
from . import search_index
from .paths import old_paths, reader_paths

MANIFEST = ".export-manifest"  # the files the last export wrote, so that the next removes those of pages now gone
NOT_FOUND_PROBE = "/this-page-is-not-in-the-archive/"
PAGES_A_TASK = 50  # pages handed to a worker process at a time
_sites = {}  # the client of each process, by the address it asks at
LOC = re.compile(r"<loc>([^<]+)</loc>")


class ExportFailed(Exception):
    pass


@dataclass
class ExportReport:
    written: int = 0  # files whose content changed (or that are new)
    unchanged: int = 0
    removed: int = 0
    files: set = field(default_factory=set)  # every file of this export, relative to the folder


def export_site(folder, base_url, processes=1, search_part_size=search_index.PART_SIZE):
    """Write the reader's site for ``base_url`` (its sitemap and feeds name it) into ``folder``; an ExportReport.

    ``processes``: how many processes ask for the pages (each with a database
    connection of its own); the rest is done in this one. ``search_part_size``:
    the most pages one run of the search indexer holds (archive.static_export.search_index).
    """
    address = urlsplit(base_url)
    if address.scheme not in ("http", "https") or not address.hostname:
        raise ExportFailed(f"--base-url: {base_url!r} is not an http(s) address")
    folder, report = Path(folder), ExportReport()
    folder.mkdir(parents=True, exist_ok=True)
    # First, so that pages name the static files as collectstatic names them (by their hashes, in production).
    static_files = static_root()
    client = Site(address)
    with override_settings(PAGE_CACHE=False, ALLOWED_HOSTS=[address.hostname]):
        pages = list(reader_paths())
        if processes > 1:
            # Processes forked from this one open connections of their own: none may share this one's.
            connections.close_all()
        page = functools.partial(export_page, folder, address)
        with worker_map(page, pages, workers=processes if processes > 1 else 0, chunk=PAGES_A_TASK) as done:
            for name, changed in done:
                report.files.add(name)
                report.written += changed
                report.unchanged += not changed
        response = client.get(NOT_FOUND_PROBE)
        write(folder, "404.html", response.content, report)
        # The search page searches the index built below, in the reader's browser.
        write(folder, "search/index.html", client.get(reverse("archive:search")).content, report)
        write_sitemaps(client, folder, address, report)
    redirects = []
    for old, new in old_paths():
        if (name := file_for(old)) is not None and name not in report.files:
            write(folder, name, redirect_page(new).encode(), report)
            redirects.append(f"{quote(old)} {new} 301")  # one line a redirect, its parts apart by spaces
    write(folder, "_redirects", ("\n".join(sorted(redirects)) + "\n").encode(), report)
    copy_files(static_files, folder / "static", folder, report)
    copy_files(Path(settings.MEDIA_ROOT), folder / "media", folder, report)
    build_search_index(folder, report, search_part_size)
    prune(folder, report)
    return report


def export_page(folder, address, path):
    """(file name, whether it changed) of the page at ``path``, written into ``folder`` (in a worker, or here)."""
    # One client a process: a new one loads every middleware again (WhiteNoise reads the static files' list).
    if address not in _sites:
        _sites[address] = Site(address)
    response = _sites[address].get(path)
    if response.status_code != 200:
        raise ExportFailed(f"{path}: the site answered {response.status_code}")
    name = file_for(path)
    return name, store(folder / name, response.content)


class Site:
    """The reader's site as the export asks it: at the base URL's address, its pages frozen."""

    def __init__(self, address):
        self.client = Client(HTTP_HOST=address.netloc, **{FROZEN: True})
        self.secure = address.scheme == "https"

    def get(self, path, data=None):
        return self.client.get(path, data, secure=self.secure)


def write_sitemaps(client, folder, address, report):
    """The sitemap index and every sitemap it lists, their absolute URLs the base URL's.

    A section's later sitemaps are ``sitemap-posts.xml?p=2`` on the live site; a
    file server ignores the query, so they are written, and listed, as
    ``sitemap-posts-2.xml``.
    """
    index = client.get(reverse("sitemap")).content.decode()
    origin = f"{address.scheme}://{address.netloc}"
    for url in LOC.findall(index):
        path, _, query = url.removeprefix(origin).partition("?")
        number = query.removeprefix("p=")
        name = path.lstrip("/") if not number else path.lstrip("/").replace(".xml", f"-{number}.xml")
        write(folder, name, client.get(path, {"p": number} if number else {}).content, report)
        index = index.replace(f"<loc>{url}</loc>", f"<loc>{origin}/{name}</loc>")
    write(folder, "sitemap.xml", index.encode(), report)


def file_for(path):
    """The file a static server answers ``path`` with: /page/2/ → page/2/index.html; None for a path no file
    may have (.., a NUL)."""
    parts = path.split("?", 1)[0].lstrip("/").split("/")
    if any(part in (".", "..") or "\x00" in part or "\\" in part for part in parts):
        return None
    name = "/".join(parts)
    return f"{name}index.html" if name.endswith("/") or not name else name


def redirect_page(target):
    """A page that sends the reader on to ``target`` (a path of the archive), for hosts without redirects."""
    target = escape(target)
    return (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Moved</title>\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<link rel="canonical" href="{target}">\n'
        f'<meta name="robots" content="noindex">\n</head>\n<body>\n<p>This page is now at <a href="{target}">'
        f"{target}</a>.</p>\n</body>\n</html>\n"
    )


def write(folder, name, content, report):
    """Write ``content`` to ``folder/name`` unless the file holds it already, and count it in ``report``."""
    report.files.add(name)
    if store(folder / name, content):
        report.written += 1
    else:
        report.unchanged += 1


def store(target, content):
    """Write ``content`` to ``target`` unless the file holds it already (content compared, not times): changed?"""
    if target.is_file() and target.stat().st_size == len(content) and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return True


def build_search_index(folder, report, part_size):
    """Pagefind's index of every post and page, in pagefind/ (archive.static_export.search_index)."""
    with tempfile.TemporaryDirectory() as scratch:
        search_index.build_index(folder, set(report.files), scratch, part_size)
        copy_files(Path(scratch), folder / "pagefind", folder, report)


def static_root():
    """The static files as collectstatic makes them (hashed names in production), made now."""
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


def copy_files(source, destination, folder, report):
    """Every file below ``source`` into ``destination``, those that changed only."""
    if not source.is_dir():
        return
    for file in sorted(source.rglob("*")):
        if file.is_file() and not file.is_symlink():
            name = (destination / file.relative_to(source)).relative_to(folder).as_posix()
            report.files.add(name)
            target = folder / name
            if target.is_file() and _digest(target) == _digest(file):
                report.unchanged += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
            report.written += 1


def prune(folder, report):
    """Remove the files the last export wrote that this one did not; note what this one wrote."""
    manifest = folder / MANIFEST
    before = set(manifest.read_text().splitlines()) if manifest.is_file() else set()
    for name in sorted(before - report.files):
        target = folder / name
        if file_for("/" + name) == name and target.is_file():
            target.unlink()
            report.removed += 1
            # And the folders it leaves empty (a page's own, a search index's part), up to the export's.
            for parent in target.parents:
                if parent == folder or not parent.is_relative_to(folder) or any(parent.iterdir()):
                    break
                parent.rmdir()
    listed = "\n".join(sorted(report.files)) + "\n"
    if not manifest.is_file() or manifest.read_text() != listed:
        manifest.write_text(listed)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).digest()
