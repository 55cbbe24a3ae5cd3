"""Production settings pass Django's deployment checklist, and the site still works behind a proxy."""

import os
import secrets

from ..processes import manage


def run(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return manage(*args, env={**environment, **env}, timeout=120)


PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    "DJANGO_HTTPS": "1",
    "DJANGO_TRUSTED_PROXIES": "127.0.0.1",
}


def test_check_deploy_reports_nothing():
    result = run("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_flags_plain_http():
    result = run("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "DJANGO_HTTPS": ""})
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run("check", DJANGO_ALLOWED_HOSTS="archive.example.org")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


HEADERS = """
from django.test import Client
http = Client().get("/", HTTP_HOST="archive.example.org")
print("redirect", http.status_code, http.get("Location"))
https = Client().get("/", HTTP_HOST="archive.example.org", HTTP_X_FORWARDED_PROTO="https")
print("https", https.status_code)
for name in ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
             "Content-Security-Policy"):
    print(name, https.get(name))
"""


def test_behind_a_tls_proxy_http_redirects_and_https_gets_security_headers(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert run("migrate", "-v0", DATABASE_URL=database, **PRODUCTION).returncode == 0
    assert run("collectstatic", "--noinput", "-v0", DATABASE_URL=database, **PRODUCTION).returncode == 0
    result = run("shell", "-c", HEADERS, DATABASE_URL=database, **PRODUCTION)
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines() if " " in line)
    assert lines["redirect"] == "301 https://archive.example.org/", result.stderr
    assert lines["https"] == "200"
    assert lines["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert lines["X-Content-Type-Options"] == "nosniff"
    assert lines["Referrer-Policy"] == "same-origin"
    assert lines["X-Frame-Options"] == "DENY"
    policy = dict(part.strip().split(" ", 1) for part in lines["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
