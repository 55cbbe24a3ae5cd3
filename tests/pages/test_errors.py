"""Friendly error pages: 404 inside the site's layout, 500 on its own."""

import pytest
from django.urls import path

from briefings.urls import urlpatterns as site_urlpatterns

from .helpers import page_text


def broken(request):
    raise RuntimeError("A view that fails.")


urlpatterns = [path("broken/", broken), *site_urlpatterns]


@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/post/no-such-post/", "/category/no-such-category/", "/page/99/"]
)
def test_not_found_is_a_friendly_page_of_the_site(client, seeded, url):
    response = client.get(url)
    html = response.content.decode()
    text = page_text(response)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="en">' in html
    assert "<title>Page not found | Briefings</title>" in html
    assert "<h1>Page not found</h1>" in html
    assert '<a href="/">Back to the archive</a>' in html
    assert "Technology (10 posts)" in text


@pytest.mark.urls(__name__)
def test_server_error_page_renders_without_the_database(client, db, django_assert_num_queries):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="en">' in html
    assert "<title>Something went wrong</title>" in html
    assert "<h1>Something went wrong</h1>" in html
    assert '<a href="/">Back to the archive</a>' in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "A view that fails" not in html


@pytest.mark.urls(__name__)
def test_server_error_page_needs_no_database_at_all(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
