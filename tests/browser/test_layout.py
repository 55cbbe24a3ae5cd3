"""Every type of page reflows to the screen's width, a phone's and a desktop's, with no horizontal scrolling
(WCAG 1.4.10). Screenshots of each page at each width go to screenshots/.

Apart from test_accessibility.py so that the two run side by side on the suite's processes.
"""

import pytest

from .pages import PAGE_NAMES, PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.markup]

WIDTHS = (360, 1280)
WIDER_THAN = """width => [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > width + 0.5
        || element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX === "visible")
    .map(element => element.outerHTML.slice(0, 100))"""


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=PAGE_NAMES)
def test_page_fits_the_screen_width(page, seeded_site, screenshot, page_type, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_site + page_type.path)

    screenshot(page_type.name, width)

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate(WIDER_THAN, width)
    assert scroll_width <= width, f"the page is {scroll_width} px wide; these stick out: {too_wide}"
