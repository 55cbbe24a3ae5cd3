"""PostgreSQL: a kept connection is checked before each request's first query, without a round trip."""

import psycopg
import pytest
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's health check"),
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
