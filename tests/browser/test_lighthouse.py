"""Lighthouse scores 100 in every category on every type of page, on mobile and desktop.

The work is done by scripts/lighthouse.py, the same script a developer runs by
hand against any running copy of the archive. Its performance score times the
browser, so `make test` runs these tests on their own, after the rest.
"""

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .pages import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.lighthouse]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "lighthouse.py"


def run_script(*args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=1200
    )


@pytest.mark.markup  # the scores are the pages' and the browser's, the same on every database
def test_every_page_type_scores_100_on_mobile_and_desktop(seeded_site):
    result = run_script(seeded_site)
    print(result.stdout)

    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    rows = [line.split() for line in result.stdout.splitlines()]
    for page_type in PAGE_TYPES:
        for form_factor in ("mobile", "desktop"):
            assert [page_type.name, form_factor, "100", "100", "100", "100"] in [row[:6] for row in rows], report


def test_lighthouse_script_fails_when_a_page_cannot_be_scored():
    result = run_script("http://127.0.0.1:9", "--page", "front", "--form-factor", "desktop")

    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[1].split()[:6] == ["front", "desktop", "n/a", "n/a", "n/a", "n/a"]


def test_pages_left_out_of_search_engines_say_so(seeded_site):
    for page_type in PAGE_TYPES:
        if page_type.status != 200:
            continue
        with urllib.request.urlopen(seeded_site + page_type.path) as response:
            html = response.read().decode()
        noindex = re.search(r'<meta name="robots" content="[^"]*\bnoindex\b', html) is not None
        assert noindex is not page_type.indexable, page_type.path
