"""PostgreSQL: a kept connection is checked before each request's first query, without a round trip; a page's
queries are prepared once per connection, and searches are planned for their own words."""

import os

import psycopg
import pytest
from django.db import connection
from django.test import Client

from archive.models import Post
from archive.search.query import time_limited

from ..processes import manage

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's connections"),
    pytest.mark.django_db(transaction=True),
]


def from_elsewhere(sql, params=()):
    """Run ``sql`` on a connection of its own to the same server."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname="postgres", autocommit=True
    ) as other:
        return other.execute(sql, params).fetchall()


def last_statement(pid):
    [(query,)] = from_elsewhere("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
    return query


def test_a_healthy_connection_is_found_usable_without_sending_a_query():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'the last statement'")
    pid = connection.connection.info.backend_pid
    assert connection.is_usable()
    assert last_statement(pid) == "SELECT 'the last statement'"


def test_a_connection_the_server_closed_is_replaced_before_the_next_query():
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    assert from_elsewhere("SELECT pg_terminate_backend(%s)", [pid]) == [(True,)]
    from_elsewhere("SELECT pg_sleep(0.2)")  # the server's goodbye reaches the socket
    assert not connection.is_usable()
    connection.health_check_done = False  # as at the start of a request
    connection.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_pages_queries_are_prepared_once_they_recur():
    Post.objects.create(title="Prepared", body="A post.")
    connection.close()  # a new connection, which has prepared nothing yet
    client = Client()
    client.get("/")
    assert not any("archive_post" in statement for statement in prepared_statements())
    for _ in range(5):
        assert client.get("/").status_code == 200
    # Planned once on this connection: later requests run the plan.
    assert any('FROM "archive_post"' in statement for statement in prepared_statements())


def test_a_search_is_planned_for_its_own_words_and_the_connection_is_left_as_it_was():
    def plan_cache_mode():
        with connection.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            return cursor.fetchone()[0]

    with time_limited():
        assert plan_cache_mode() == "force_custom_plan"
    assert plan_cache_mode() == "auto"


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'].get('prepare_threshold'))"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "briefings.settings", "DJANGO_DEBUG": "1"}
    assert manage("shell", "-v0", "-c", show, env=environment, check=True).stdout.strip() == "5"
    turned_off = manage("shell", "-v0", "-c", show, env={**environment, "BRIEFINGS_PG_PREPARED": "0"}, check=True)
    assert turned_off.stdout.strip() == "None"
