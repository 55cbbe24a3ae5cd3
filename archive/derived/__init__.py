"""Derived data, kept in one place: ranks, category placements, filings, search terms and the cache generation.

Readers' pages stand on data worked out from what importers and editors enter:

- **Ranks.** ``Post.rank`` is each post's place in the archive's order
  (models.LISTING_ORDER), 1 to the number of posts, so that any page of the
  archive is a range of ranks and page 6 000 costs what page 1 costs.
- **Placements.** ``CategoryPlacement`` does the same within each category,
  and ``Category.post_count`` is the size of each category's archive;
  ``OutletPlacement`` and ``Outlet.post_count`` among the briefings citing
  each outlet (a briefing that cites it twice, once); ``TagPlacement`` and
  ``Tag.post_count`` among the posts of each tag;
  ``Post.author_rank`` within each author's posts, and ``Author.post_count``.
- **Months.** ``Month``: each month with posts and how many (the date index),
  counted in the site's time zone whenever the order changes.
- **Comment counts.** ``Post.approved_comment_count``: the readers' comments
  shown with each post in every listing.
- **Filings.** ``Post.filed_and_cited`` holds the post's categories, tags and
  cited sources as pages show them (archive.models.filings), so that a page of
  posts is one query; ``Post.index_terms`` the names of its categories and
  cited outlets, so that search finds them with its text.
- **The generation.** One cache entry that every committed change replaces:
  the page cache (archive.web.page_cache) serves a stored page only if it was
  rendered in the current generation.

The receivers (upkeep.py) keep them in step with every single change, as it
is saved. When thousands of rows change at once (an import, a restore, a bulk
delete), ``batch()`` holds them off and brings the derived data up to date once,
at its end.

- ranks.py: ranks, placements, category, outlet and tag sizes, authors' places and sizes, months, comment counts
- filings.py: each post's filings and search terms
- generation.py: the generation, and starting a new one when a change commits
- upkeep.py: the receivers of every single change, and ``batch()`` for many
"""

from .filings import refresh_filings
from .generation import GENERATION_KEY, Generation, archive_changed, current_generation, start_generation
from .ranks import (
    count_categories, count_months, count_outlets, recount_comments, renumber_authors,
    renumber_categories, renumber_outlets, renumber_posts, renumber_tags,
)
from .upkeep import Batch, batch, comments_moderated

__all__ = [
    "GENERATION_KEY", "Batch", "Generation", "archive_changed", "batch", "comments_moderated", "count_categories",
    "count_months", "count_outlets", "current_generation", "recount_comments", "refresh_filings",
    "renumber_authors", "renumber_categories", "renumber_outlets", "renumber_posts", "renumber_tags",
    "start_generation",
]
