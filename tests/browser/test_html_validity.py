"""Every type of page, error pages included, is valid HTML, and the stylesheets valid CSS, by the Nu HTML checker.

The checker is vnu.jar, from `npm ci`. All files go to it in one run of Java, because the JVM is slow to
start; a deliberately broken document goes with them, to prove that the
checker really reports errors. A missing Java or vnu.jar is a failure.
"""

import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.template import loader

from .pages import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.markup]

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STYLESHEETS = sorted((ROOT / "static").rglob("*.css"))
BROKEN = '<!doctype html><html lang="en"><title>Broken</title><p><div>unclosed</p></span>'


def fetch(url, data=None):
    try:
        with urllib.request.urlopen(url, data=data, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check(paths):
    """The checker's messages for each file, in one Java run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is not installed: `make test` installs it (Debian's default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (or `make test`)")
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--also-check-css", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(completed.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the checker did not answer in JSON (exit status {completed.returncode}):\n{completed.stderr}")
    results = {path.name: [] for path in paths}
    for message in messages:
        name = Path(urllib.parse.urlparse(message.get("url", "")).path).name
        results.setdefault(name, []).append(message)
    return results


def describe(message):
    kind = message.get("subType") or message["type"]
    line = message.get("lastLine", "?")
    extract = (message.get("extract") or "").strip()
    return f"  line {line}: {kind}: {message['message']}\n      {extract}"


def error_pages(site):
    """The error pages no URL of PAGE_TYPES reaches, as readers and editors get them.

    A form refused as a possible forgery (403), as the server answers it; the
    500 and 503 pages, which need a failing server, as their handlers render them
    (archive/errors.py).
    """
    status, body = fetch(site + "/admin/login/", data=b"username=editor&password=secret")
    assert status == 403, f"a login form without its token answered {status}"
    yield "refused-form", body
    yield "server-error", loader.render_to_string("500.html").encode()
    yield "service-unavailable", loader.get_template("503.html").render({"retry_url": "/"}).encode()


def test_every_page_type_is_valid_html_and_css(seeded_site, tmp_path):
    files = []
    for page_type in PAGE_TYPES:
        status, body = fetch(seeded_site + page_type.path)
        assert status == page_type.status, f"{page_type.path} answered {status}"
        path = tmp_path / f"{page_type.name}.html"
        path.write_bytes(body)
        files.append(path)
    for name, body in error_pages(seeded_site):
        path = tmp_path / f"{name}.html"
        path.write_bytes(body)
        files.append(path)
    broken = tmp_path / "broken-control.html"
    broken.write_text(BROKEN, encoding="utf-8")

    assert STYLESHEETS, "no stylesheet found in static/"

    results = check([*files, *STYLESHEETS, broken])

    assert any(m["type"] == "error" for m in results[broken.name]), "the checker found nothing wrong in a broken page"
    problems = {
        name: [m for m in found if m["type"] in ("error", "non-document-error") or m.get("subType") == "warning"]
        for name, found in results.items()
        if name != broken.name
    }
    report = "\n".join(
        f"{name}:\n" + "\n".join(describe(m) for m in found) for name, found in problems.items() if found
    )
    assert not report, "The Nu HTML checker reports:\n" + report
