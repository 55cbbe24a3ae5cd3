"""A WordPress export is read into its records: site, people, terms, items and their comments."""

import datetime
import gzip
import pickle
import shutil
import subprocess
import sys

import pytest

from archive.importing.wordpress.reader import (
    Author, Category, Item, Site, Tag, Term, WordPressExportError, is_wordpress_export, read_export, read_media,
)
from archive.importing.wordpress.records import Comment, MediaFile

from .helpers import FIXTURES, HEADER, export, item_xml, items

CLASSIC = FIXTURES / "classic.xml"
UTC = datetime.UTC


def records_of(path, kind):
    return [record for record in read_export(path) if isinstance(record, kind)]


def test_the_site_comes_first_with_the_channels_own_elements():
    first = next(read_export(CLASSIC))
    assert first == Site(
        title="Briefings",
        link="https://briefings.example",
        description="China, geopolitics & technology",
        language="en-GB",
        base_site_url="https://briefings.example/wp",
        base_blog_url="https://briefings.example",
        wxr_version="1.2",
    )


def test_records_come_in_the_order_of_the_file():
    kinds = [type(record).__name__ for record in read_export(CLASSIC)]
    assert kinds == ["Site"] + ["Author"] * 2 + ["Category"] * 4 + ["Tag"] * 8 + ["Term"] + ["Item"] * 14


def test_authors_keep_their_email_out_of_sight():
    editor, guest = records_of(CLASSIC, Author)
    assert (editor.login, editor.display_name, editor.id) == ("editor", "The Editor", 1)
    assert (editor.first_name, editor.last_name) == ("Ada", "Lee")
    assert editor.email == "editor@briefings.example"
    assert "editor@briefings.example" not in repr(editor)
    assert guest.display_name == "Guest Writer" and guest.first_name == ""


def test_categories_name_their_parent_by_slug():
    categories = {category.slug: category for category in records_of(CLASSIC, Category)}
    assert categories["china"] == Category(slug="china", name="China", parent_slug="world", term_id=3)
    assert categories["world"].description == "Everything abroad"
    assert categories["world"].parent_slug == ""
    # Names are kept as WordPress stores them, HTML-escaped.
    assert categories["technology"].name == "Technology &amp; Science"


def test_tags_and_other_terms():
    tags = records_of(CLASSIC, Tag)
    assert len(tags) == 8
    assert tags[1] == Tag(slug="chips", name="Chips", description="Semiconductors, fabs and the rules around them", term_id=11)
    assert tags[-1].name == "中国" and tags[-1].slug == "%e4%b8%ad%e5%9b%bd"
    assert records_of(CLASSIC, Term) == [Term(taxonomy="nav_menu", slug="main-menu", name="Main menu", term_id=30)]


def test_a_post_with_every_field():
    post = items(CLASSIC)[101]
    assert post.post_type == "post" and post.status == "publish"
    assert post.title == "Title <em>With</em> <b>Mark<sup>up</sup></b>"
    assert post.link == "https://briefings.example/2024/03/05/title-with-markup/"
    assert post.guid == "https://briefings.example/?p=101"
    assert post.creator == "editor"
    assert post.slug == "title-with-markup"
    assert post.content.startswith("The first paragraph, with a line\nbroken by hand.\n\n")
    assert post.excerpt == "A hand-written excerpt."
    assert post.is_sticky and not post.is_protected
    assert (post.comment_status, post.ping_status) == ("open", "open")
    assert (post.parent, post.menu_order) == (0, 0)
    assert post.line == CLASSIC.read_text().splitlines().index("\t<item>") + 1


def test_dates_are_utc_from_the_gmt_date_and_local_as_shown():
    post = items(CLASSIC)[101]
    assert post.date == datetime.datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert post.local_date == datetime.datetime(2024, 3, 5, 9, 30)
    assert post.modified == datetime.datetime(2024, 3, 6, 10, 0, tzinfo=UTC)


def test_a_draft_without_a_gmt_date_takes_its_local_date_as_utc():
    draft = items(CLASSIC)[107]
    assert draft.status == "draft" and draft.slug == ""
    assert draft.date == datetime.datetime(2024, 3, 11, 16, 45, tzinfo=UTC)
    assert draft.local_date == datetime.datetime(2024, 3, 11, 16, 45)


def test_a_date_of_zeros_or_nothing_is_none(tmp_path):
    path = export(tmp_path, item_xml(1, post_date="0000-00-00 00:00:00", post_date_gmt="0000-00-00 00:00:00"))
    post = items(path)[1]
    assert post.date is None and post.local_date is None and post.modified is None


def test_the_item_terms_in_document_order():
    post = items(CLASSIC)[101]
    assert [(term.domain, term.slug) for term in post.terms] == [
        ("category", "china"), ("post_tag", "chips"), ("category", "technology"), ("post_tag", "trade"),
        ("post_tag", "%e4%b8%ad%e5%9b%bd"),
    ]
    assert [term.name for term in post.categories] == ["China", "Technology &amp; Science"]
    assert [term.name for term in post.tags] == ["Chips", "Trade", "中国"]
    assert len(items(CLASSIC)[103].tags) == 5


def test_postmeta_keeps_the_first_value_of_a_repeated_key():
    post = items(CLASSIC)[101]
    assert post.meta == {"_edit_last": "1", "_thumbnail_id": "201"}


def test_comments_of_every_state_and_type():
    comments = {comment.id: comment for comment in items(CLASSIC)[101].comments}
    assert list(comments) == [11, 12, 13, 14, 15, 16, 17]
    first = comments[11]
    assert (first.author, first.author_url, first.author_email, first.author_ip) == (
        "Reader One", "https://one.example", "one@mail.example", "203.0.113.5",
    )
    assert first.date == datetime.datetime(2024, 3, 5, 11, 0, tzinfo=UTC)
    assert first.local_date == datetime.datetime(2024, 3, 5, 12, 0)
    assert first.content == "First! A fair point about the cranes."
    assert first.is_approved and first.type == "comment" and first.parent == 0 and first.user_id == 0
    # Threads: 13 answers 12, which answers 11; 12 is by a registered user.
    assert (comments[12].parent, comments[13].parent, comments[12].user_id) == (11, 12, 1)
    assert {number: comments[number].approved for number in (14, 15, 16)} == {14: "0", 15: "spam", 16: "trash"}
    assert not any(comments[number].is_approved for number in (14, 15, 16))
    assert comments[15].meta == {"akismet_result": "true"}
    assert comments[17].type == "pingback" and comments[17].is_ping
    assert comments[17].content == "[&#8230;] as Briefings noted [&#8230;]"
    assert "one@mail.example" not in repr(first) and "203.0.113.5" not in repr(first)


def test_posts_without_a_title_or_content():
    posts = items(CLASSIC)
    assert posts[102].title == "" and posts[102].content == "A post without a title: an aside."
    assert posts[103].title == "A Post With No Content" and posts[103].content == ""


def test_states_protected_scheduled_draft_private():
    posts = items(CLASSIC)
    assert posts[105].password == "hunter2" and posts[105].is_protected
    assert "hunter2" not in repr(posts[105])
    assert posts[106].status == "future"
    assert posts[106].date == datetime.datetime(2031, 12, 1, 7, 0, tzinfo=UTC)
    assert posts[107].status == "draft"
    assert posts[108].status == "private"


def test_pages_and_their_children():
    posts = items(CLASSIC)
    about, team = posts[110], posts[111]
    assert about.post_type == team.post_type == "page"
    assert (team.parent, team.menu_order) == (110, 1)
    assert about.meta == {"_wp_page_template": "default"}


def test_attachments_and_menu_items():
    posts = items(CLASSIC)
    port = posts[201]
    assert port.post_type == "attachment" and port.status == "inherit" and port.parent == 104
    assert port.attachment_url == "https://briefings.example/wp-content/uploads/2024/03/port.jpg"
    assert port.meta["_wp_attached_file"] == "2024/03/port.jpg"
    assert port.meta["_wp_attachment_metadata"].startswith('a:5:{s:5:"width";i:1920;')
    menu = posts[120]
    assert menu.post_type == "nav_menu_item" and menu.title == ""
    assert [(term.domain, term.slug) for term in menu.terms] == [("nav_menu", "main-menu")]
    assert menu.meta["_menu_item_object_id"] == "110"


def test_split_cdata_sections_are_joined():
    # WordPress writes "]]>" inside content as "]]]]><![CDATA[>".
    assert items(CLASSIC)[107].content == "A draft: the code is a]]>b."


def test_read_media_gathers_the_attachments():
    media = read_media(CLASSIC)
    assert sorted(media) == [201, 202, 203]
    assert media[201] == MediaFile(
        id=201, url="https://briefings.example/wp-content/uploads/2024/03/port.jpg", title="port",
        alt="Cranes at the port", caption="Container cranes at Ningbo-Zhoushan", parent=104, menu_order=2,
        link="https://briefings.example/2024/03/09/harbour-pictures/port/", mime_type="image/jpeg",
    )
    assert media[202].mime_type == "image/png"


def test_the_block_editor_export():
    records = list(read_export(FIXTURES / "block-editor.xml"))
    post = next(record for record in records if isinstance(record, Item) and record.id == 301)
    assert post.is_block_editor
    assert post.content.startswith("<!-- wp:paragraph -->\n<p>")
    assert not items(CLASSIC)[101].is_block_editor


@pytest.mark.parametrize(
    "name, version, title",
    [
        ("wxr-1.0.xml", "1.0", "An Old Blog"),
        ("wxr-1.1.xml", "1.1", "A Blog Of 2011"),
        ("classic.xml", "1.2", "Briefings"),
        ("https-namespace.xml", "1.2", "Converted Elsewhere"),
        ("wordpress-com.xml", "1.2", "Briefings on WordPress.com"),
    ],
)
def test_every_wxr_version_and_namespace_form(name, version, title):
    site = next(read_export(FIXTURES / name))
    assert (site.wxr_version, site.title) == (version, title)
    assert any(isinstance(record, Item) and record.content for record in read_export(FIXTURES / name))
    assert is_wordpress_export(FIXTURES / name)


def test_wxr_1_0_terms_have_no_ids_and_tags_their_old_domain():
    records = list(read_export(FIXTURES / "wxr-1.0.xml"))
    assert Category(slug="uncategorized", name="Uncategorized") in records
    assert Tag(slug="old", name="old") in records
    post = next(record for record in records if isinstance(record, Item))
    # The domainless duplicate is neither a category nor a tag.
    assert [term.slug for term in post.categories] == ["uncategorized"]
    assert [term.slug for term in post.tags] == ["", "old"]


def test_the_https_form_reads_excerpts_too():
    post = items(FIXTURES / "https-namespace.xml")[5]
    assert (post.excerpt, post.content, post.date) == (
        "Its excerpt", "<p>Converted body</p>", datetime.datetime(2022, 12, 29, 3, 21, 6, tzinfo=UTC),
    )


def test_wordpress_com_extras_are_passed_over():
    records = list(read_export(FIXTURES / "wordpress-com.xml"))
    assert [type(record).__name__ for record in records] == ["Site", "Author", "Item"]
    post = records[-1]
    assert post.creator == "briefingsblog" and post.comments[0].meta == {"akismet_result": "false"}
    assert [term.domain for term in post.terms] == ["post_format", "category"]


def test_the_wxr_version_falls_back_on_the_namespace(tmp_path):
    path = export(tmp_path, "", header=HEADER.replace("\t<wp:wxr_version>1.2</wp:wxr_version>\n", "").replace("1.2", "1.1"))
    assert next(read_export(path)).wxr_version == "1.1"


def test_an_export_with_only_a_channel_yields_its_site(tmp_path):
    assert list(read_export(export(tmp_path, ""))) == [Site(title="Test", wxr_version="1.2")]


def test_the_gzipped_fixture_is_the_classic_one():
    assert gzip.decompress((FIXTURES / "classic.xml.gz").read_bytes()) == CLASSIC.read_bytes()
    assert list(read_export(FIXTURES / "classic.xml.gz")) == list(read_export(CLASSIC))


def test_gzip_is_told_by_its_bytes_not_its_name(tmp_path):
    hidden = tmp_path / "export.xml"
    shutil.copy(FIXTURES / "classic.xml.gz", hidden)
    plain = tmp_path / "export.xml.gz"
    shutil.copy(CLASSIC, plain)
    assert len(list(read_export(hidden))) == len(list(read_export(plain))) == 30


def test_an_export_is_told_by_its_content_not_its_name(tmp_path):
    renamed = tmp_path / "backup.txt"
    shutil.copy(CLASSIC, renamed)
    assert is_wordpress_export(renamed)
    feed = tmp_path / "wordpress.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title></channel></rss>')
    assert not is_wordpress_export(feed)
    # The namespace in a comment before the root does not count.
    commented = tmp_path / "commented.xml"
    commented.write_text('<!-- xmlns:wp="http://wordpress.org/export/1.2/" --><rss><channel/></rss>')
    assert not is_wordpress_export(commented)
    for name, data in {"empty.xml": b"", "binary.xml": bytes(range(256)), "page.xml": b"<html></html>"}.items():
        (tmp_path / name).write_bytes(data)
        assert not is_wordpress_export(tmp_path / name)


def test_bad_numbers_and_dates_name_their_line(tmp_path):
    path = export(tmp_path, item_xml(1, post_parent="the top"))
    with pytest.raises(WordPressExportError, match=r"export\.xml:\d+: expected a whole number, found “the top”"):
        list(read_export(path))
    path = export(tmp_path, item_xml(1, post_date="yesterday"), name="date.xml")
    with pytest.raises(WordPressExportError) as caught:
        list(read_export(path))
    date_line = path.read_text().splitlines().index("\t\t<wp:post_date><![CDATA[yesterday]]></wp:post_date>") + 1
    assert caught.value.line == date_line
    assert "expected a date “YYYY-MM-DD HH:MM:SS”, found “yesterday”" in str(caught.value)


def test_the_error_survives_a_trip_to_another_process():
    error = WordPressExportError("export.xml", 7, "what is wrong")
    assert str(error) == "export.xml:7: what is wrong"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.message, str(copy)) == ("export.xml", 7, "what is wrong", str(error))


def test_comments_are_records_of_their_own():
    assert all(isinstance(comment, Comment) for comment in items(CLASSIC)[101].comments)


def test_the_package_is_read_without_django():
    code = (
        "import sys\n"
        "from archive.importing.wordpress import autop, bodies, elements, links, reader, records\n"
        "from archive.importing.wordpress import shortcodes, uploads\n"
        f"records = list(reader.read_export({str(CLASSIC)!r}))\n"
        "assert bodies.convert_body(records[-1].content).html == ''\n"
        "assert not [name for name in sys.modules if name == 'django' or name.startswith('django.')]\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=FIXTURES.parents[2], check=True)


@pytest.mark.parametrize("value", ["2020-13-01 10:00:00", "2020-01-01T10:00:00+02:00", "2020-01-01", "٢٠٢٠-01-01 10:00:00"])
def test_dates_are_wordpress_dates_or_an_error(tmp_path, value):
    # A date in any other form (a zone, no time, a month 13) would be read wrong if read at all.
    path = export(tmp_path, item_xml(1, post_date=value))
    with pytest.raises(WordPressExportError, match="expected a date “YYYY-MM-DD HH:MM:SS”"):
        list(read_export(path))
