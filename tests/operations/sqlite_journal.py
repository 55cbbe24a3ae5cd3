"""Settings for the SQLite concurrency test's processes: the archive's own, or a variant.

BRIEFINGS_TEST_JOURNAL=delete turns write-ahead logging off (SQLite's default
rollback journal); BRIEFINGS_TEST_TIMEOUT sets the busy timeout in seconds.
Without either, the archive's settings are used unchanged.
"""

import os

from tests.settings import *  # noqa: F403

_options = DATABASES["default"]["OPTIONS"]  # noqa: F405
if os.environ.get("BRIEFINGS_TEST_TIMEOUT"):
    _options["timeout"] = float(os.environ["BRIEFINGS_TEST_TIMEOUT"])
if os.environ.get("BRIEFINGS_TEST_JOURNAL") == "delete":
    _options["init_command"] = "PRAGMA journal_mode=DELETE;"
