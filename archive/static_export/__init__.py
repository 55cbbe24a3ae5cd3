"""The static export: the whole reader's site as a folder of plain files that any file server can host.

``export_site(folder, base_url)`` asks the site itself for every page a reader
can reach (paths.py lists them), through Django's test client and the whole
middleware stack, so that each exported page is the live page; what only a
server can do is left out of it (the comment form), by the flag the requests
carry (``FROZEN``, a WSGI environ key no HTTP client can send). writer.py puts
each answer where a file server finds it (``/page/2/`` → ``page/2/index.html``),
rewrites a file only if its content changed, and removes the files of pages
that are gone, so that syncing the folder to a host uploads little.
"""

from .writer import FROZEN, export_site

__all__ = ["FROZEN", "export_site"]
