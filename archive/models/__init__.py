"""The archive's data: posts, their authors, the categories and outlets they are filed under and cite,
comments, old paths.

Each model lives in a module of its own; derived data (ranks, category
placements, search terms, the cache generation) is kept by archive.derived,
never here.
"""

from .authors import Author
from .comments import Comment
from .listings import Listing
from .months import Month
from .names import Category, CategoryPlacement, Outlet, OutletPlacement, Tag, TagPlacement
from .old_paths import OldPath
from .pages import Page
from .posts import LISTING_ORDER, Post
from .slugs import free_slug, slug_base, unique_slug
from .sources import Source

__all__ = [
    "LISTING_ORDER", "Author", "Category", "CategoryPlacement", "Comment", "Listing", "Month", "OldPath",
    "Outlet", "OutletPlacement", "Page", "Post", "Source", "Tag", "TagPlacement",
    "free_slug", "slug_base", "unique_slug",
]
