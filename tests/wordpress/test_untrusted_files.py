"""An export is untrusted: entity bombs, external entities, broken and foreign files fail clearly."""

import gzip
import time

import pytest
from lxml import etree

from archive.importing.wordpress.reader import PARSER_OPTIONS, Item, WordPressExportError, read_export

from .helpers import FIXTURES, export, item_xml

BOMB = FIXTURES / "billion-laughs.xml"
EXTERNAL = FIXTURES / "external-entity.xml"


def read_all(path):
    return list(read_export(path))


def test_the_parser_is_built_safe():
    assert PARSER_OPTIONS["resolve_entities"] is False
    assert PARSER_OPTIONS["no_network"] is True
    assert PARSER_OPTIONS["load_dtd"] is False
    assert PARSER_OPTIONS["huge_tree"] is False


def test_an_entity_bomb_fails_fast_before_any_record():
    started = time.perf_counter()
    records = read_export(BOMB)
    with pytest.raises(WordPressExportError) as caught:
        next(records)
    assert time.perf_counter() - started < 2
    assert str(caught.value) == f"{BOMB}:2: a DOCTYPE declaration: refused, as WordPress never writes one (entities are not read)"


def test_an_external_entity_is_refused_and_never_read():
    with pytest.raises(WordPressExportError, match="a DOCTYPE declaration: refused") as caught:
        read_all(EXTERNAL)
    assert caught.value.line == 2
    assert "root:" not in str(caught.value)


def test_even_past_the_doctype_check_the_parser_resolves_no_entity():
    # The options alone: an external entity stays an unresolved reference.
    texts = ["".join(element.itertext()) for _, element in etree.iterparse(str(EXTERNAL), **PARSER_OPTIONS)]
    assert "&secret;" in texts and not any("root:" in text for text in texts)
    # And the bomb trips libxml2's guard instead of expanding.
    with pytest.raises(etree.XMLSyntaxError, match="amplification"):
        for _ in etree.iterparse(str(BOMB), **PARSER_OPTIONS):
            pass


@pytest.mark.parametrize("fixture", [BOMB, EXTERNAL])
def test_a_doctype_after_a_long_prolog_is_refused_too(tmp_path, fixture):
    # A comment longer than the head read ahead of parsing hides the DOCTYPE from the first check.
    declaration, rest = fixture.read_text().split("\n", 1)
    path = tmp_path / "long-prolog.xml"
    path.write_text(f"{declaration}\n<!-- {'x' * 100_000} -->\n{rest}")
    started = time.perf_counter()
    with pytest.raises(WordPressExportError, match="DOCTYPE declaration: refused|entity expansion refused") as caught:
        read_all(path)
    assert time.perf_counter() - started < 2
    assert "root:" not in str(caught.value)


def test_a_malformed_file_names_its_line():
    path = FIXTURES / "malformed.xml"
    with pytest.raises(WordPressExportError) as caught:
        read_all(path)
    assert caught.value.line == 16
    assert str(caught.value).startswith(f"{path}:16: not well-formed XML: Opening and ending tag mismatch: title")


def test_a_file_cut_short_yields_what_came_before(tmp_path):
    whole = export(tmp_path, item_xml(1) + item_xml(2)).read_text()
    path = tmp_path / "cut.xml"
    path.write_text(whole[: whole.index("<wp:post_id>2")])
    found = []
    with pytest.raises(WordPressExportError, match="not well-formed XML"):
        for record in read_export(path):
            found.append(record)
    assert [record.id for record in found if isinstance(record, Item)] == [1]


def test_a_damaged_gzip_file(tmp_path):
    data = (FIXTURES / "classic.xml.gz").read_bytes()
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(WordPressExportError, match="the gzip compression is damaged or cut short"):
        read_all(cut)
    garbage = tmp_path / "garbage.xml.gz"
    garbage.write_bytes(b"\x1f\x8b" + bytes(range(200)))
    with pytest.raises(WordPressExportError, match=r":1: the gzip compression is damaged or cut short"):
        read_all(garbage)


def test_a_big_gzip_file_cut_short_says_where(tmp_path):
    body = "".join(item_xml(number, content="Words. " * 200) for number in range(200))
    data = gzip.compress(export(tmp_path, body).read_bytes())
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    found = []
    with pytest.raises(WordPressExportError, match="the gzip compression is damaged") as caught:
        for record in read_export(path):
            found.append(record)
    assert len(found) > 50 and caught.value.line > 100


@pytest.mark.parametrize(
    "text, message",
    [
        ("", ":1: an empty file, not a WordPress export"),
        ("   \n", ":1: an empty file, not a WordPress export"),
        ("just some words", ":1: not well-formed XML"),
        ("<html><body><p>A page</p></body></html>", ":1: not a WordPress export: the root element is <html>, not <rss>"),
        (
            '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
            ":2: not a WordPress export: the root element is <{http://www.w3.org/2005/Atom}feed>, not <rss>",
        ),
        (
            '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>A feed</title><item><title>a</title></item></channel></rss>',
            ":2: not a WordPress export: an RSS feed without WordPress's namespace",
        ),
        (
            '<rss xmlns:wp="http://wordpress.org/export/1.2/"><title>No channel</title></rss>',
            ":1: not a WordPress export: no <channel> in the <rss>",
        ),
        ("<!DOCTYPE html>\n<html></html>", ":1: a DOCTYPE declaration: refused"),
    ],
)
def test_files_that_are_not_exports(tmp_path, text, message):
    path = tmp_path / "file.xml"
    path.write_text(text)
    with pytest.raises(WordPressExportError) as caught:
        read_all(path)
    assert str(caught.value).startswith(f"{path}{message}")


def test_an_undeclared_entity_is_an_error_not_text(tmp_path):
    path = export(tmp_path, item_xml(1).replace("<title><![CDATA[Post 1]]></title>", "<title>Caf&eacute;</title>"))
    with pytest.raises(WordPressExportError) as caught:
        read_all(path)
    title_line = path.read_text().splitlines().index("\t\t<title>Caf&eacute;</title>") + 1
    assert str(caught.value) == f"{path}:{title_line}: not well-formed XML: Entity 'eacute' not defined"
