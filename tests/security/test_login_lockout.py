"""Guessing editors' passwords is stopped after a few tries, and costs the server nothing after that (finding 2)."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.security.hashers import CountingHasher

LOGIN = "/admin/login/"
PASSWORD = "a long editor passphrase"


@pytest.fixture
def editor(db, settings):
    settings.PASSWORD_HASHERS = ["tests.security.hashers.CountingHasher"]
    call_command("add_editor", "edith", email="edith@example.com", stdout=io.StringIO())
    user = get_user_model().objects.get(username="edith")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username="edith", password="wrong guess", reader=None):
    headers = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": reader} if reader else {}
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers)


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_after_five_wrong_passwords_the_right_one_is_refused_unchecked(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client).status_code == 200  # the form again, with its error
    locked = sign_in(client)
    assert locked.status_code == 429
    assert "Sign-in locked for a while" in locked.content.decode()
    checked = CountingHasher.checked
    refused = sign_in(client, password=PASSWORD)
    assert refused.status_code == 429 and not signed_in(refused)
    assert CountingHasher.checked == checked  # no password was hashed while locked


def test_one_address_guessing_many_names_is_locked_out(client, editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username=f"guess{number}", reader="198.51.100.1")
    assert sign_in(client, password=PASSWORD, reader="198.51.100.1").status_code == 429
    # A reader elsewhere, behind the same proxy, is not locked out with the guesser.
    assert signed_in(sign_in(Client(), password=PASSWORD, reader="198.51.100.2"))


def test_one_name_guessed_from_many_addresses_is_locked(client, editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), reader=f"198.51.100.{number + 10}")
    assert sign_in(Client(), password=PASSWORD, reader="203.0.113.5").status_code == 429


def test_an_administrator_unlocks_and_the_editor_signs_in(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client)
    assert sign_in(client, password=PASSWORD).status_code == 429
    call_command("axes_reset_username", "edith", stdout=io.StringIO())
    call_command("axes_reset_ip", "127.0.0.1", stdout=io.StringIO())
    assert signed_in(sign_in(client, password=PASSWORD))


def test_the_lock_ends_after_the_cool_off_time(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client)
    assert sign_in(client, password=PASSWORD).status_code == 429
    # As if the cool-off time had passed since the last failure.
    earlier = datetime.timedelta(minutes=1) + settings.AXES_COOLOFF_TIME
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - earlier)
    assert signed_in(sign_in(client, password=PASSWORD))


def test_a_right_password_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client)
    assert signed_in(sign_in(client, password=PASSWORD))
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client)
    assert signed_in(sign_in(client, password=PASSWORD))


def test_the_admin_lists_the_attempts_for_administrators(client, editor, settings):
    sign_in(client)
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "another long passphrase")
    client.force_login(admin)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "edith" in page.content.decode()
