"""What an import learns from each listing file, in a worker process.

The first pass plans: each file's heading, its posts' keys, positions and
categories, and every problem it has. The second prepares the posts that the
file is the first listing of, with everything their rows hold: Markdown, HTML
and text of the body, search terms, slug and the digest of the content. Neither
touches the database; problems come back as values, located by file and line.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace

from ..listing.body import body_html, body_markdown, body_text
from ..listing.parser import ListingError, read_listing
from ..models import Category, Outlet, Post, Source, slug_base
from ..search.index import index_terms


@dataclass
class FilePlan:
    """A listing file as the first pass sees it."""

    heading: tuple | None = None  # (kind, name, page); None if the file has problems
    posts: list = field(default_factory=list)  # (key, position, categories)
    errors: list = field(default_factory=list)


@dataclass
class PostPlan:
    """What the first pass learns about one post across all listings."""

    categories: set = field(default_factory=set)
    first_file: str = ""
    first_position: int = 0


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
    comment_count: int | None
    categories: tuple  # sorted names: every listing's, for a post filed in several
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


def plan_file(path):
    try:
        listing = read_listing(path)
    except ListingError as error:
        return FilePlan(errors=[error])
    except OSError as error:
        return FilePlan(errors=[ListingError(path, 0, f"cannot read: {error.strerror}")])
    return FilePlan(
        heading=(listing.kind, listing.name, listing.page),
        posts=[(post.key, post.position, post.categories) for post in listing.posts],
        errors=list(_limit_errors(listing)),
    )


def _limit_errors(listing):
    """Values that would not fit the database, reported like parse errors."""
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


_plans = {}


def use_plans(plans):
    """The first pass's plans, for prepare_file in this process and in workers forked after."""
    global _plans
    _plans = plans


def prepare_file(path):
    """The posts whose first appearance is in the file at ``path``, prepared, in their order."""
    prepared = []
    for listed in read_listing(path).posts:
        plan = _plans[listed.key]
        if (plan.first_file, plan.first_position) != (path.name, listed.position):
            continue
        post = PreparedPost(
            key=listed.key,
            file_name=path.name,
            position=listed.position,
            title=listed.title,
            caption=listed.caption,
            body=body_markdown(listed.blocks),
            body_html=body_html(listed.blocks),
            body_text=body_text(listed.blocks),
            comment_count=listed.comment_count,
            categories=tuple(sorted(plan.categories)),
            sources=tuple((source.outlet, source.date, source.url) for source in listed.sources),
            slug=slug_base(listed.title, "post"),
        )
        prepared.append(_finish(post))
    return prepared
