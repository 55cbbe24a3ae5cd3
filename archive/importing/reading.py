"""What an import learns from each listing file, in a worker process.

Each file's heading, every problem it has, and its posts prepared with
everything their rows hold: Markdown, HTML and text of the body, search terms,
slug and the digest of the content. Nothing here touches the database; problems
come back as values, located by file and line.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace

from django.conf import settings

from .listing.body import body_html, body_markdown, body_text
from .listing.parser import ListingError, read_listing
from ..models import Category, Outlet, Post, Source, slug_base
from ..summaries import summary_html
from ..search.index import index_terms


@dataclass
class ListingFile:
    """A listing file as an import reads it: its heading, its posts prepared, or its problems."""

    name: str
    heading: tuple | None = None  # (kind, name, page); None if the file has problems
    posts: list = field(default_factory=list)  # PreparedPost, in the listing's order
    errors: list = field(default_factory=list)


@dataclass(frozen=True)
class PreparedPost:
    """A post as the importer writes it: every value of its row, ready."""

    key: str
    file_name: str
    position: int
    title: str
    caption: str
    body: str
    body_html: str
    body_text: str
    summary_html: str  # what lists show of it (archive.summaries)
    comment_count: int | None
    categories: tuple  # sorted names: this listing's; with_categories() adds those of other listings
    sources: tuple  # (outlet, date, url) in the order cited
    slug: str  # before making it unique
    index_terms: str = ""
    digest: str = ""

    def with_categories(self, names):
        """The same post filed under ``names``: its search terms and digest follow."""
        return _finish(replace(self, categories=tuple(sorted(names))))


def content(title, caption, body, comment_count, categories, sources):
    """What an import writes of a post: an editor's change to any of it keeps the post from imports."""
    return {
        "title": title,
        "caption": caption,
        "body": body,
        "comment_count": comment_count,
        "categories": sorted(categories),
        "sources": [[outlet, date.isoformat(), url] for outlet, date, url in sources],
    }


def digest(values):
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def _finish(post):
    values = content(post.title, post.caption, post.body, post.comment_count, post.categories, post.sources)
    terms = index_terms(post.categories, [outlet for outlet, _, _ in post.sources])
    return replace(post, index_terms=terms, digest=digest(values))


def read_file(path):
    """The listing file at ``path``, its posts prepared, each filed under this file's categories."""
    try:
        listing = read_listing(path)
    except ListingError as error:
        return ListingFile(path.name, errors=[error])
    except OSError as error:
        return ListingFile(path.name, errors=[ListingError(path, 0, f"cannot read: {error.strerror}")])
    errors = list(_limit_errors(listing))
    if errors:
        return ListingFile(path.name, errors=errors)
    heading = (listing.kind, listing.name, listing.page)
    return ListingFile(path.name, heading=heading, posts=[_prepare(path, post) for post in listing.posts])


def _limit_errors(listing):
    """Values that would not fit the database, or that the archive refuses to keep, reported like parse errors."""
    limit = settings.MAX_BODY_BYTES
    for post in listing.posts:
        size = sum(len(line.encode()) + 1 for block in post.blocks for line in block.lines)
        if size > limit:
            yield ListingError(
                listing.path, post.line,
                f"the post's text is {size:,} bytes, over the limit of {limit:,} (BRIEFINGS_MAX_BODY_BYTES)",
            )
    limits = [
        (Post, "title", lambda post: [(post.title, post.line)]),
        (Category, "name", lambda post: [(name, post.line) for name in post.categories]),
        (Outlet, "name", lambda post: [(source.outlet, source.line) for source in post.sources]),
        (Source, "url", lambda post: [(source.url, source.line + 1) for source in post.sources]),
    ]
    for post in listing.posts:
        for model, name, values in limits:
            limit = model._meta.get_field(name).max_length
            for value, line in values(post):
                if len(value) > limit:
                    yield ListingError(
                        listing.path, line, f"{model._meta.verbose_name} {name} longer than {limit} characters"
                    )


def _prepare(path, listed):
    markdown, html, text = body_markdown(listed.blocks), body_html(listed.blocks), body_text(listed.blocks)
    return _finish(
        PreparedPost(
            key=listed.key,
            file_name=path.name,
            position=listed.position,
            title=listed.title,
            caption=listed.caption,
            body=markdown,
            body_html=html,
            body_text=text,
            summary_html=summary_html(markdown, "markdown", html, text),
            comment_count=listed.comment_count,
            categories=tuple(sorted(listed.categories)),
            sources=tuple((source.outlet, source.date, source.url) for source in listed.sources),
            slug=slug_base(listed.title, "post"),
        )
    )
