"""Read a WordPress export (WXR, "WordPress eXtended RSS") as a stream of records.

WordPress's Tools → Export writes one XML file: an RSS 2.0 ``<channel>`` whose
own elements describe the site, followed by its authors, categories, tags and
other terms, then one ``<item>`` per post, page, attachment or menu entry, each
with its metadata and comments. ``read_export`` yields those as the plain
records of records.py, in the order the file has them, so that a caller can
handle an export of a gigabyte item by item: each element is dropped from the
parsed tree as soon as its record is made.

The file is untrusted. It is parsed without DTDs, entity expansion or network
access, and a file that declares a DOCTYPE at all is refused before its first
element is read: WordPress never writes one, and a DOCTYPE is how entity bombs
and external entities (``SYSTEM "file:///etc/passwd"``) get in.

Nothing here knows about Django.
"""

from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path

from lxml import etree

from .elements import WXR_NAMESPACE, RecordBuilder, short_name, text
from .records import (  # noqa: F401  (the reader's results and errors, importable from here)
    Author, Category, Comment, Item, ItemTerm, MediaFile, Site, Tag, Term, WordPressExportError,
)

# The parser's options, each one a security decision (see the module's docstring).
PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,  # keeps libxml2's limits on depth and on the size of one text node (10 MB)
    "remove_comments": True,
    "remove_pis": True,
}

GZIP_MAGIC = b"\x1f\x8b"
HEAD_SIZE = 64 * 1024
# What may come before the root element: BOM, XML declaration, comments, white space.
PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
WXR_ROOT = re.compile(
    rb"<rss\b[^>]*?\sxmlns:[\w.-]+\s*=\s*[\"']https?://wordpress\.org/export/\d+\.\d+/[\"']"
)
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)
DAMAGED_GZIP = "the gzip compression is damaged or cut short"
# The elements a record is made of, by name: the parser hands Python these alone
# (a channel's or an item's), not every element of every item (half the time of reading).
RECORD_TAGS = [
    "item", "title", "link", "description", "language", "{*}wxr_version", "{*}base_site_url", "{*}base_blog_url",
    "{*}author", "{*}category", "{*}tag", "{*}term",
]
SITE_FIELDS = {
    "title": "title", "link": "link", "description": "description", "language": "language",
    "wp:wxr_version": "wxr_version", "wp:base_site_url": "base_site_url", "wp:base_blog_url": "base_blog_url",
}


def read_export(path, item_types=None):
    """Yield the records of the WXR export at ``path`` (.xml, or gzipped), as the file has them.

    ``item_types``, if given, is the post types of the items wanted: other items are not yielded.

    First the Site, then Author, Category, Tag and Term records, then one Item per
    ``<item>``. Raises WordPressExportError when the file is not well-formed XML,
    not a WordPress export, or declares a DOCTYPE. Records yielded before an
    error in the middle of the file are sound; a caller that wants all or
    nothing collects them before using them.
    """
    path = Path(path)
    with _open(path) as stream:
        head, damaged = _head(stream)
        if not head.strip():
            problem = DAMAGED_GZIP if damaged else "an empty file, not a WordPress export"
            raise WordPressExportError(path, 1, problem)
        _check_prolog(head, path)
        stream.seek(0)
        yield from _Reader(path, item_types).records(stream)


def is_wordpress_export(path):
    """Whether the file at ``path`` is a WXR export, judged by its content, not its name.

    Reads at most the first 64 kB (decompressed, for a gzipped file): the root
    element must be an ``<rss>`` declaring a WordPress export namespace. A file
    that can't be opened raises OSError.
    """
    with _open(Path(path)) as stream:
        head, _ = _head(stream)
    return WXR_ROOT.match(head, PROLOG.match(head).end()) is not None


def read_media(path):
    """Every attachment of the export at ``path``, as {id: MediaFile}, for bodies.convert_body."""
    return read_site_and_media(path)[1]


def read_site_and_media(path):
    """The export's Site record, and every attachment as {id: MediaFile}: what converting its posts needs.

    Only attachments are read whole: the other items are passed over as soon as
    their post type is known (reading every item whole took as long as the import's own reading).
    """
    site, media = Site(), {}
    for record in read_export(path, item_types={"attachment"}):
        if isinstance(record, Site):
            site = record
        elif isinstance(record, Item):
            media[record.id] = MediaFile.from_item(record)
    return site, media


def _open(path):
    with open(path, "rb") as raw:
        magic = raw.read(2)
    # Gzip is told by its magic bytes: a ".xml" may be compressed and a ".gz" not.
    return gzip.open(path, "rb") if magic == GZIP_MAGIC else open(path, "rb")


def _head(stream):
    """The first HEAD_SIZE bytes (as many as a damaged gzip file gives), and whether it is damaged."""
    chunks, size = [], 0
    try:
        # Small reads: gzip drops what it had decompressed in a read that fails.
        while size < HEAD_SIZE and (chunk := stream.read(1024)):
            chunks.append(chunk)
            size += len(chunk)
    except GZIP_ERRORS:
        return b"".join(chunks), True
    return b"".join(chunks), False


def _check_prolog(head, path):
    start = PROLOG.match(head).end()
    # <!DOCTYPE (or any declaration but a comment, which PROLOG would have taken
    # unless it runs past the head; then check_root sees a DOCTYPE after it).
    if head.startswith(b"<!", start) and not head.startswith(b"<!--", start):
        line = head.count(b"\n", 0, start) + 1
        raise WordPressExportError(
            path, line, "a DOCTYPE declaration: refused, as WordPress never writes one (entities are not read)"
        )


class _Reader(RecordBuilder):
    """Walks the parser's events, handing each channel-level element to the builder."""

    def records(self, stream):
        events = etree.iterparse(stream, events=("end",), tag=RECORD_TAGS, **PARSER_OPTIONS)
        root = channel = None
        site, site_sent = {}, False
        try:
            for _, element in events:
                if channel is None:
                    self.line = element.sourceline or self.line
                    if root is None:
                        root = self.check_root(element)
                    if (channel := root.find("channel")) is None:
                        continue
                if element.getparent() is not channel:
                    continue  # a part of an item or term, read with it
                self.line = element.sourceline or self.line
                name = short_name(element.tag) if isinstance(element.tag, str) else ""
                if name in SITE_FIELDS:
                    if not site_sent:
                        site[SITE_FIELDS[name]] = text(element).strip()
                    continue
                record = self.record(name, element) if self.wanted(name, element) else None
                # Drop what is done with: this element's content, and every earlier
                # sibling (text, whatever was skipped), so memory stays bounded.
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del channel[0]
                if record is not None:
                    if not site_sent:
                        site_sent = True
                        yield self.site(site, channel)
                    yield record
        except etree.XMLSyntaxError as error:
            line, message = syntax_problem(error, events.error_log)
            if "amplification" in message:
                # libxml2's own guard against entity bombs, should one get past the checks above.
                raise self.error(line, f"entity expansion refused: {message}") from None
            raise self.error(line, f"not well-formed XML: {message}") from None
        except GZIP_ERRORS as error:
            raise self.error(self.line, f"{DAMAGED_GZIP} ({error})") from None
        if root is None and events.root is not None:
            self.check_root(events.root)  # a file with none of the elements above
        if channel is None:
            raise self.error(self.line, "not a WordPress export: no <channel> in the <rss>")
        if not site_sent:
            yield self.site(site, channel)

    def __init__(self, path, item_types=None):
        super().__init__(path)
        self.item_types = item_types

    def wanted(self, name, element):
        if name != "item" or self.item_types is None:
            return True
        return any(
            isinstance(child.tag, str) and short_name(child.tag) == "wp:post_type"
            and text(child).strip() in self.item_types
            for child in element
        )

    def check_root(self, element):
        """The root, once it is known to be a WXR export's ``<rss>``; raise otherwise."""
        tree = element.getroottree()
        root = tree.getroot()
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            # Reached only when _check_prolog could not see it: a prolog longer than
            # HEAD_SIZE, or a file in UTF-16.
            raise self.error(1, "a DOCTYPE declaration: refused, as WordPress never writes one")
        if root.tag != "rss":
            raise self.error(root.sourceline, f"not a WordPress export: the root element is <{root.tag}>, not <rss>")
        if not any(WXR_NAMESPACE.match(uri or "") for uri in root.nsmap.values()):
            raise self.error(
                root.sourceline,
                "not a WordPress export: an RSS feed without WordPress's namespace "
                "(xmlns:wp=\"http://wordpress.org/export/1.2/\")",
            )
        return root

    def site(self, fields, channel):
        if not fields.get("wxr_version"):
            for uri in channel.getparent().nsmap.values():
                if (match := WXR_NAMESPACE.match(uri or "")) and not match["excerpt"]:
                    fields["wxr_version"] = match["version"]
        return Site(**fields)


def syntax_problem(error, log):
    """The line and message of the first error in this parse's log, else the exception's own.

    The exception can name a later consequence: an undeclared entity, which is
    not resolved, surfaces as "no element found (line 0)". (The exception's own
    error_log can hold errors of earlier parses in the thread: not used.)
    """
    entries = log.filter_from_errors() if log else []
    if entries:
        return entries[0].line, entries[0].message
    return error.lineno, error.msg or str(error)
