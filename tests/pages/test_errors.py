"""Friendly error pages: 404 inside the site's layout, 500 on its own, 503 while the database is away."""

import os

import pytest
from django.db import IntegrityError
from django.urls import path

from briefings.urls import urlpatterns as site_urlpatterns

from ..processes import manage


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
    assert '<a href="/category/">Categories</a>' in response.content.decode()


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


def failing_insert(request):
    # A violated constraint is a bug in the code, not the database being away.
    raise IntegrityError("duplicate key value violates unique constraint")


urlpatterns.insert(0, path("failing-insert/", failing_insert))


@pytest.mark.urls(__name__)
def test_a_bug_in_a_query_is_still_a_server_error(client, db):
    client.raise_request_exception = False
    response = client.get("/failing-insert/")
    assert response.status_code == 500
    assert "Retry-After" not in response


UNREACHABLE = """
from django.test import Client
client = Client(raise_request_exception=False)
for url in ("/", "/post/a-post/", "/search/?q=%3Cscript%3E", "/feed/", "/sitemap.xml"):
    response = client.get(url)
    print(url, response.status_code, response.get("Retry-After"), response.get("Cache-Control"))
    print(response.content.decode())
"""


@pytest.mark.parametrize(
    "service",
    # Nothing listens on port 1; the SQLite file's folder does not exist.
    [
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/briefings"},
        {"DATABASE_URL": "sqlite:////nonexistent-folder/briefings.sqlite3"},
        {"REDIS_URL": "redis://127.0.0.1:1/0"},
    ],
    ids=["postgresql", "sqlite", "redis"],
)
def test_without_a_service_it_needs_the_site_answers_a_clean_503(tmp_path, service):
    environment = {
        **os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.settings", **service,
    }
    result = manage("shell", "-c", UNREACHABLE, env=environment, timeout=60)
    out = result.stdout
    for url in ("/", "/post/a-post/", "/search/?q=%3Cscript%3E", "/feed/", "/sitemap.xml"):
        assert f"{url} 503 10 no-store" in out, out + result.stderr
    assert out.count("<h1>The archive is briefly unavailable</h1>") == 5
    assert '<a href="/search/?q=%3Cscript%3E">Try this page again</a>' in out
    assert "<script>" not in out and "Traceback" not in out and "Something went wrong" not in out
    # The operator's log names the service that failed.
    assert "Connection refused" in result.stderr or "unable to open database file" in result.stderr
