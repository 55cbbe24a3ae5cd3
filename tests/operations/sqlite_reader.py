"""A reader of the archive, run as its own process by test_sqlite_concurrency.py.

Reads page after page through Django's handler until the file named on the
command line exists, and prints one JSON line per request: when it started and
ended, its status, and the database error if there was one.
"""

import json
import sys
import time
from pathlib import Path

import django

django.setup()

from django.core.signals import got_request_exception  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = ["/", "/page/2/", "/category/technology/", "/search/?q=huawei",
         "/post/china-formalises-state-guidance-of-its-tech-platforms/", "/source/kyodo-news/"]
errors = []
got_request_exception.connect(lambda sender, request, **kwargs: errors.append(str(sys.exc_info()[1])), weak=False)
client = Client(raise_request_exception=False)
stop = Path(sys.argv[1])
n = 0
while not stop.exists():
    errors.clear()
    started = time.time()
    try:
        status = client.get(PAGES[n % len(PAGES)]).status_code
    except Exception as error:  # anything that escaped Django's handler
        status, errors[:] = 0, [str(error)]
    print(json.dumps({"start": started, "end": time.time(), "status": status, "error": "; ".join(errors)}), flush=True)
    n += 1
