"""axe-core finds no accessibility violations on any type of page, on a phone or a desktop screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pages import PAGE_NAMES, PAGE_TYPES

pytestmark = pytest.mark.browser

AXE = Axe()
WIDTHS = (360, 1280)


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=PAGE_NAMES)
def test_page_has_no_accessibility_violations(page, site, page_type, width):
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(site + page_type.path)
    assert response.status == page_type.status, f"{page_type.path} answered {response.status}"

    results = AXE.run(page)

    assert results.response["passes"], "axe ran no rule"
    assert results.violations_count == 0, results.generate_report()


def test_axe_reports_a_violation(page, site):
    """The check can fail: an image with no text alternative is a violation."""
    page.goto(site + "/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")

    results = AXE.run(page)

    assert "image-alt" in {violation["id"] for violation in results.response["violations"]}
