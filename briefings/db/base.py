"""Django's PostgreSQL backend, with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django checks a kept connection at the start of every
request that uses the database by sending it ``SELECT 1``: on every page, a
round trip to the server besides the page's own query. A connection that the
server has closed (a restart, ``pg_terminate_backend``) has the server's last
message, or the end of the stream, waiting on its socket. So the socket is
looked at first, and the query is only sent when something is waiting there;
a connection lost without a word (a network failure) fails its next query, as
it would between a check and that query anyway.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed:
            return False
        try:
            waiting = select.poll()
            waiting.register(self.connection.fileno(), select.POLLIN)
            if not waiting.poll(0):
                return True  # the server has said nothing since the last query's answer
        except (OSError, ValueError):
            return False
        return super().is_usable()
