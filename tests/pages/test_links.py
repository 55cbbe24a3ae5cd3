"""Links on a page follow the script prefix the archive is served under."""

from django.urls import set_script_prefix


def test_a_page_served_under_a_script_prefix_links_under_it(client, seeded):
    # What a WSGI server does for an archive mounted at /archive (the test client sets no prefix).
    set_script_prefix("/archive/")
    try:
        page = client.get("/category/technology/", SCRIPT_NAME="/archive").content.decode()
    finally:
        set_script_prefix("/")
    assert 'href="/archive/post/biden-kicks-xi-when-hes-up/"' in page
    assert 'href="/archive/category/technology/page/2/"' in page
    assert 'href="/post/' not in page
    # The next request links under its own prefix again.
    assert 'href="/post/biden-kicks-xi-when-hes-up/"' in client.get("/category/technology/").content.decode()
