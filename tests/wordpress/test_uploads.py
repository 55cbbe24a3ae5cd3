"""`load_seeds EXPORT --uploads DIR`: the blog's files come into the archive's storage and its posts name them there."""

import base64

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Post

from .helpers import HEADER, export, item_xml

SITE = "https://blog.example"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
BODY = (
    f'<img src="{SITE}/wp-content/uploads/2024/03/map.png" alt="A map" '
    f'srcset="{SITE}/wp-content/uploads/2024/03/map-300x200.png 300w, {SITE}/wp-content/uploads/2024/03/map.png 600w">\n\n'
    f'<a href="{SITE}/wp-content/uploads/2024/03/report.pdf">The report</a> and '
    f'<img src="{SITE}/wp-content/uploads/2024/03/gone.png" alt="Lost">'
)
ATTACHMENT = """
	<item>
		<title><![CDATA[map]]></title>
		<link>https://blog.example/2024/03/01/with-files/map/</link>
		<guid isPermaLink="false">https://blog.example/wp-content/uploads/2024/03/map.png</guid>
		<wp:post_id>50</wp:post_id>
		<wp:post_parent>1</wp:post_parent>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:attachment_url><![CDATA[https://blog.example/wp-content/uploads/2024/02/original-scan.png]]></wp:attachment_url>
	</item>
"""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "2024" / "03").mkdir(parents=True)
    (folder / "2024" / "02").mkdir(parents=True)
    for name in ("2024/03/map.png", "2024/03/map-300x200.png", "2024/02/original-scan.png"):
        (folder / name).write_bytes(PNG)
    (folder / "2024" / "03" / "report.pdf").write_bytes(b"%PDF-1.4 a report")
    (tmp_path / "secret.txt").write_text("not for readers")
    return folder


def blog(tmp_path, content=BODY, extra=""):
    header = HEADER.replace("<wp:wxr_version>1.2</wp:wxr_version>",
                            f"<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_blog_url>{SITE}</wp:base_blog_url>")
    body = item_xml(1, post_name="with-files", content=content, link=f"{SITE}/2024/03/01/with-files/") + extra
    return export(tmp_path, body, header=header)


def load(path, uploads, capsys=None, **options):
    call_command("load_seeds", str(path), "--uploads", str(uploads), **options)
    return capsys.readouterr().out if capsys else None


def test_the_files_posts_name_are_copied_and_named_at_the_archive(
    client, db, tmp_path, media, uploads, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        said = load(blog(tmp_path, extra=ATTACHMENT), uploads, capsys)
    for name in ("2024/03/map.png", "2024/03/map-300x200.png", "2024/03/report.pdf", "2024/02/original-scan.png"):
        assert (media / "uploads" / name).read_bytes() == (uploads / name).read_bytes()
    assert "Files: 4 from the uploads folder (4 copied, 0 there already); 1 missing from it" in said
    assert f"missing, kept at its old address: {SITE}/wp-content/uploads/2024/03/gone.png" in said
    html = client.get("/post/with-files/").content.decode()
    assert 'src="/media/uploads/2024/03/map.png"' in html
    assert 'srcset="/media/uploads/2024/03/map-300x200.png 300w, /media/uploads/2024/03/map.png 600w"' in html
    assert 'href="/media/uploads/2024/03/report.pdf"' in html
    assert f'src="{SITE}/wp-content/uploads/2024/03/gone.png"' in html
    served = client.get("/media/uploads/2024/03/map.png")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    assert served["Content-Security-Policy"].startswith("sandbox")


def test_a_reimport_copies_nothing_twice(db, tmp_path, media, uploads, capsys, django_capture_on_commit_callbacks):
    path = blog(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        load(path, uploads)
    copied = (media / "uploads" / "2024" / "03" / "map.png").stat().st_mtime_ns
    with django_capture_on_commit_callbacks(execute=True):
        said = load(path, uploads, capsys)
    assert "(0 copied, 3 there already)" in said
    assert (media / "uploads" / "2024" / "03" / "map.png").stat().st_mtime_ns == copied


def test_a_dry_run_or_a_failed_import_copies_nothing(db, tmp_path, media, uploads, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load(blog(tmp_path), uploads, dry_run=True, verbosity=0)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.xml").write_text(blog(tmp_path).read_text().replace("</channel>", "<item></channel>"))
    with pytest.raises(CommandError), django_capture_on_commit_callbacks(execute=True):
        load(broken / "a.xml", uploads, verbosity=0)
    assert not media.exists() or not any(media.rglob("*.png"))
    assert not Post.objects.exists()


@pytest.mark.parametrize("name", [
    "../secret.txt", "2024/../../secret.txt", "%2e%2e/secret.txt", "2024/03/..%2f..%2f..%2fsecret.txt", "link.txt",
])
def test_no_file_outside_the_uploads_folder_is_read(db, tmp_path, media, uploads, name,
                                                    django_capture_on_commit_callbacks):
    (uploads / "link.txt").symlink_to(tmp_path / "secret.txt")
    content = f'<a href="{SITE}/wp-content/uploads/{name}">the secret</a>'
    with django_capture_on_commit_callbacks(execute=True):
        load(blog(tmp_path, content=content), uploads, verbosity=0)
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
    assert "/media/" not in Post.objects.get().body_html


@pytest.mark.parametrize("url", ["/media/../briefings/settings.py", "/media/%2e%2e/manage.py", "/media/nothing.png"])
def test_the_media_route_serves_nothing_but_the_storage(client, db, media, url):
    assert client.get(url).status_code == 404


def test_uploads_must_be_a_folder(db, tmp_path):
    with pytest.raises(CommandError, match="--uploads: .* is not a folder"):
        call_command("load_seeds", str(blog(tmp_path)), "--uploads", str(tmp_path / "nowhere"), verbosity=0)


# An attachment without a post, and one whose file the folder lacks.
UNATTACHED = """
	<item>
		<title><![CDATA[report]]></title>
		<link>https://blog.example/report-2/</link>
		<wp:post_id>51</wp:post_id>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:attachment_url><![CDATA[https://blog.example/wp-content/uploads/2024/03/report.pdf]]></wp:attachment_url>
	</item>
	<item>
		<title><![CDATA[gone]]></title>
		<link>https://blog.example/2024/03/01/with-files/gone/</link>
		<wp:post_id>52</wp:post_id>
		<wp:post_parent>1</wp:post_parent>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:attachment_url><![CDATA[https://blog.example/wp-content/uploads/2024/03/gone.png]]></wp:attachment_url>
	</item>
"""


def lands(client, url):
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    return response["Location"]


def test_an_attachments_page_leads_to_its_file_once_the_archive_holds_it(
    client, db, tmp_path, media, uploads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        load(blog(tmp_path, extra=ATTACHMENT + UNATTACHED), uploads, verbosity=0)
    scan = "/media/uploads/2024/02/original-scan.png"
    assert lands(client, "/2024/03/01/with-files/map/") == scan
    assert lands(client, "/2024/03/01/with-files/map") == scan
    assert lands(client, "/?attachment_id=50") == scan
    assert lands(client, "/2024/03/01/with-files/map/feed/") == scan
    report = "/media/uploads/2024/03/report.pdf"
    assert lands(client, "/report-2/") == lands(client, "/?attachment_id=51") == report
    # The file the folder lacks: its page leads to the post it was uploaded to.
    gone = "/2024/03/01/with-files/gone/"
    assert lands(client, gone) == lands(client, "/?attachment_id=52") == "/post/with-files/"
    served = client.get(scan)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PNG


def test_without_the_uploads_an_attachments_page_leads_to_its_post_until_a_reimport_brings_the_file(
    client, db, tmp_path, media, uploads, django_capture_on_commit_callbacks
):
    path = blog(tmp_path, extra=ATTACHMENT + UNATTACHED)
    call_command("load_seeds", str(path), verbosity=0)
    page = "/2024/03/01/with-files/map/"
    assert lands(client, page) == lands(client, "/?attachment_id=50") == "/post/with-files/"
    for unattached in ("/report-2/", "/?attachment_id=51"):
        assert client.get(unattached).status_code == 404  # no post, no file: nothing to lead to
    with django_capture_on_commit_callbacks(execute=True):
        load(path, uploads, verbosity=0)
    assert lands(client, "/2024/03/01/with-files/map/") == "/media/uploads/2024/02/original-scan.png"
    assert lands(client, "/?attachment_id=51") == "/media/uploads/2024/03/report.pdf"
    assert lands(client, "/2024/03/01/with-files/gone/") == "/post/with-files/"
