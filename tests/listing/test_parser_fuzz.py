"""Any text at all either parses as a listing or gets the parser's own error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.importing.listing.parser import ListingError, parse_listing
from tests.conftest import BRIEFINGS_SEED, TECHNOLOGY_SEED

SEEDS = [TECHNOLOGY_SEED.read_text("utf-8"), BRIEFINGS_SEED.read_text("utf-8")]
FRAGMENTS = [
    "Skip to content", "Category Archives: Technology", "Briefings - 46. page", "Leave a comment",
    "1 Comment", "12 Comments", "Filed under A, B & C", "Source: X, May 1, 2024", "Sources:",
    "1. X, February 30, 2024", "https://example.com/ü", "  • item", "{Editor’s Note: x}", "",
    "\u00a0", "\r", "\t", "\ufeff", "\x00", "\x07", "2. Y, Sept 3, 1999", "Title without end",
]


def parses_or_fails_cleanly(text):
    try:
        listing = parse_listing(text, "fuzz.txt")
    except ListingError as error:
        assert error.path == "fuzz.txt" and error.line >= 0 and error.message
        return
    for post in listing.posts:
        assert post.title and post.blocks and post.key
        assert post.comment_count is not None or post.sources


lines = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_generated_listings(lines):
    parses_or_fails_cleanly("\n".join(lines))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 200), st.sampled_from(FRAGMENTS + ["\n", "\n\n", ""])),
             min_size=1, max_size=6),
)
def test_mutated_seeds(seed, mutations):
    text = seed
    for where, length, insert in mutations:
        start = int(where * len(text))
        text = text[:start] + insert + text[start + length:]
    parses_or_fails_cleanly(text)
