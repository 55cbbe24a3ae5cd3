"""The editors' list of every old link: where each leads, those to uploaded files included."""

import pytest

from archive.models import OldPath, Post


@pytest.fixture
def old_links(seeded):
    post = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    OldPath.remember(post, "/2013/01/10/biden-kicks-xi/")
    # An attachment's page on the old blog, which leads to its file: no post or list to show it under.
    OldPath.objects.create(path="/2013/01/10/biden-kicks-xi/harbour/", file="uploads/2013/01/harbour.jpg")
    return post


def test_editors_find_every_old_link_and_where_it_leads(editor_client, old_links):
    page = editor_client.get("/admin/archive/oldpath/").content.decode()
    assert "/2013/01/10/biden-kicks-xi/harbour/" in page and "file: uploads/2013/01/harbour.jpg" in page
    assert '<a href="/media/uploads/2013/01/harbour.jpg">' in page
    assert f'<a href="{old_links.get_absolute_url()}">post: {old_links.title}</a>' in page.replace("&#x27;", "'")

    files = editor_client.get("/admin/archive/oldpath/?leads_to=file").content.decode()
    assert "harbour.jpg" in files and "/2013/01/10/biden-kicks-xi/</a>" not in files
    posts = editor_client.get("/admin/archive/oldpath/?leads_to=post").content.decode()
    assert "/2013/01/10/biden-kicks-xi/" in posts and "harbour.jpg" not in posts
    found = editor_client.get("/admin/archive/oldpath/?q=harbour").content.decode()
    assert "harbour.jpg" in found and "post: " not in found


def test_old_links_come_from_imports_and_slugs_and_editors_may_only_let_one_go(editor_client, old_links, client):
    assert editor_client.get("/admin/archive/oldpath/add/").status_code == 403
    row = OldPath.objects.get(path="/2013/01/10/biden-kicks-xi/harbour/")
    change = editor_client.get(f"/admin/archive/oldpath/{row.pk}/change/").content.decode()
    assert 'name="path"' not in change  # shown, not editable
    assert client.get(row.path).status_code == 301
    response = editor_client.post(f"/admin/archive/oldpath/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not OldPath.objects.filter(pk=row.pk).exists()
    assert client.get(row.path).status_code == 404
