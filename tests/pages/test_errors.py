"""Friendly error pages: 404 inside the site's layout, 500 on its own."""

import pytest
from django.urls import path

from briefings.urls import urlpatterns as site_urlpatterns

from .helpers import page_text


def broken(request):
    raise RuntimeError("A view that fails.")


urlpatterns = [path("broken/", broken), *site_urlpatterns]


def assert_friendly_page(response, status, title, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="en">' in html
    assert f"<title>{title}</title>" in html
    assert f"<h1>{heading}</h1>" in html
    assert '<a href="/">Back to the archive</a>' in html
    return html


@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/post/no-such-post/", "/category/no-such-category/", "/page/99/"]
)
def test_not_found_is_a_friendly_page_of_the_site(client, seeded, url):
    response = client.get(url)
    assert_friendly_page(response, 404, "Page not found | Briefings", "Page not found")
    assert "Technology (10 posts)" in page_text(response)


@pytest.mark.urls(__name__)
def test_server_error_page_renders_without_the_database(client, db, django_assert_num_queries):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get("/broken/")
    html = assert_friendly_page(response, 500, "Something went wrong", "Something went wrong")
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "A view that fails" not in html


@pytest.mark.urls(__name__)
def test_server_error_page_needs_no_database_at_all(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
