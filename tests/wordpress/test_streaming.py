"""A big export is read item by item, in bounded memory: each finished element leaves the tree."""

import gzip
import os
import tracemalloc

import pytest

from archive.importing.wordpress import reader
from archive.importing.wordpress.reader import Item, WordPressExportError, read_export

from .helpers import FOOTER, HEADER, item_xml

ITEMS = 3000
COMMENT = """
		<wp:comment>
			<wp:comment_id>{number}</wp:comment_id>
			<wp:comment_author><![CDATA[Reader {number}]]></wp:comment_author>
			<wp:comment_date><![CDATA[2024-01-01 12:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2024-01-01 11:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
		</wp:comment>
		<wp:postmeta>
			<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>
			<wp:meta_value><![CDATA[1]]></wp:meta_value>
		</wp:postmeta>"""


@pytest.fixture(scope="module")
def big_export(tmp_path_factory):
    """An export of a few thousand items of about 4 kB each (some 13 MB), written piece by piece."""
    path = tmp_path_factory.mktemp("big") / "big.xml"
    paragraph = "A paragraph of the post, long enough to weigh something in the file. " * 12
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for number in range(1, ITEMS + 1):
            content = f"{paragraph}\n\n{paragraph}\n\n{paragraph}\n\nThe end of post {number}."
            out.write(item_xml(number, content=content, extra=COMMENT.format(number=number, text=paragraph)))
        out.write(FOOTER)
    return path


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_every_item_is_read(big_export):
    found = [record for record in read_export(big_export) if isinstance(record, Item)]
    assert [item.id for item in found] == list(range(1, ITEMS + 1))
    assert found[-1].content.endswith(f"The end of post {ITEMS}.")
    assert found[-1].comments[0].author == f"Reader {ITEMS}" and found[-1].meta == {"_edit_last": "1"}


def test_python_memory_stays_far_below_the_file_size(big_export):
    size = big_export.stat().st_size
    assert size > 10_000_000
    tracemalloc.start()
    try:
        count = sum(1 for record in read_export(big_export) if isinstance(record, Item))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == ITEMS
    assert peak < size / 20, f"peak {peak} bytes for a file of {size}"


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads the resident size from /proc")
def test_the_parsed_tree_does_not_grow_with_the_file(big_export):
    # libxml2's own allocations escape tracemalloc: the resident size shows them.
    size = big_export.stat().st_size
    before = resident_bytes()
    highest = before
    for number, record in enumerate(read_export(big_export)):
        if number % 100 == 0:
            highest = max(highest, resident_bytes())
    assert highest - before < size / 2, f"grew by {highest - before} bytes for a file of {size}"


class WatchedParser:
    """lxml's iterparse, keeping the last element it gave so that a test can look at the tree."""

    def __init__(self, parser):
        self.parser = parser
        self.element = None

    def __iter__(self):
        return self

    def __next__(self):
        event, self.element = next(self.parser)
        return event, self.element

    @property
    def error_log(self):
        return self.parser.error_log


def test_finished_elements_are_cleared(big_export, monkeypatch):
    parsers = []
    iterparse = reader.etree.iterparse
    monkeypatch.setattr(
        reader.etree, "iterparse", lambda *args, **kwargs: parsers.append(WatchedParser(iterparse(*args, **kwargs)))
        or parsers[-1],
    )
    largest = 0
    for record in read_export(big_export):
        if isinstance(record, Item) and record.id % 250 == 0:
            root = parsers[0].element.getroottree().getroot()
            channel = root.find("channel")
            # Left in the tree: the item just read, emptied, and what lxml parsed ahead
            # of it in its last 32 kB; every earlier item is gone.
            assert len(channel[0]) == 0 and channel[0].text is None
            assert len(channel) <= 12
            largest = max(largest, sum(1 for _ in root.iter()))
    assert 0 < largest < 400  # of some 90,000 elements in the file


def test_items_come_before_the_end_of_the_file_is_read(big_export, tmp_path):
    # Streaming: a file broken at its very end still gives the items before the break.
    broken = tmp_path / "broken-end.xml"
    broken.write_bytes(big_export.read_bytes().replace(FOOTER.encode(), b"</channel>\n</rs>\n"))
    found = []
    with pytest.raises(WordPressExportError, match="not well-formed XML"):
        for record in read_export(broken):
            found.append(record.id if isinstance(record, Item) else None)
    # lxml reads 32 kB at a time and loses the events of the piece that fails: the last few items.
    assert found[-1] > ITEMS - 20


def test_a_big_gzipped_export_streams_too(big_export, tmp_path):
    packed = tmp_path / "big.xml.gz"
    with big_export.open("rb") as source, gzip.open(packed, "wb", compresslevel=1) as out:
        while chunk := source.read(1 << 20):
            out.write(chunk)
    tracemalloc.start()
    try:
        count = sum(1 for record in read_export(packed) if isinstance(record, Item))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == ITEMS and peak < big_export.stat().st_size / 20
