"""How the frozen archive is searched: Pagefind's index of every post and page, built in parts of bounded size.

Pagefind's indexer holds the whole index in memory until it writes it (about
170 kB a post: bench/EXPORT.md), so one run over 100 000 posts would want some
17 GB. The pages are indexed in parts instead, at most ``part_size`` pages in
each, one run of the indexer a part, so that memory is bounded by the size of a
part whatever the size of the archive (an export of 5 000 posts peaked at 861 MB
in one part, 196 MB in parts of 1 000). Each part costs a search a few more
small files to fetch. The first part's bundle is ``pagefind/``
(with Pagefind's script and styles), the others ``pagefind/part-2/``,
``pagefind/part-3/``…, named in ``pagefind/parts.json``. The search page
(templates/archive/search.html) reads that list and merges every part into one
search (Pagefind's ``mergeIndex``): results from all of them, ranked together.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PART_SIZE = 5_000
# The pages search finds: every post and standalone page (not lists, which only repeat them).
INDEXED = ("post/", "pages/")
# What is searched of a page: its <main>, less its comments and its links to the neighbouring posts.
ROOT_SELECTOR, LEFT_OUT = "main", ".comments, .post-nav"
PARTS_LIST = "parts.json"


def indexed(names):
    """Of the files ``names`` (paths relative to the export's folder), the pages search finds, in path order."""
    return sorted(name for name in names if name.startswith(INDEXED) and name.endswith("/index.html"))


def build_index(folder, names, output, part_size=PART_SIZE):
    """Pagefind's bundles for the pages among ``names`` (this export's files, in ``folder``), written into
    ``output`` (what becomes ``pagefind/``); none for an archive with no posts yet.

    Only this export's pages: a page of a post that is gone is still in the
    folder until the export ends, and must not be found. Each part is indexed
    from a folder of its own that holds links to its pages (hard links: nothing
    is copied where the file system allows them), so that Pagefind gives each
    page the URL of its path, as it has in the export.
    """
    pages, folder, output = indexed(names), Path(folder), Path(output)
    parts = [pages[start : start + part_size] for start in range(0, len(pages), part_size)]
    bundles = []
    output.mkdir(parents=True, exist_ok=True)
    # Beside the export, so that hard links reach it (a temporary folder may be on another file system).
    with tempfile.TemporaryDirectory(dir=folder.resolve().parent, prefix=".search-part-") as scratch:
        for number, part in enumerate(parts, 1):
            site = Path(scratch) / f"site-{number}"
            site.mkdir()
            for name in part:
                _link(folder / name, site / name)
            bundle = output if number == 1 else output / f"part-{number}"
            subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle.resolve()),
                 "--root-selector", ROOT_SELECTOR, "--exclude-selectors", LEFT_OUT],
                check=True, capture_output=True,
            )
            shutil.rmtree(site)
            if number > 1:
                bundles.append(f"/pagefind/part-{number}/")
    (output / PARTS_LIST).write_text(json.dumps(bundles) + "\n")


def _link(source, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links, or another one
        shutil.copyfile(source, target)
