import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.fixture
def editor(db):
    call_command("add_editor", "edith", email="edith@example.com", stdout=io.StringIO())
    user = get_user_model().objects.get(username="edith")
    user.set_password("a long editor passphrase")
    user.save()
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
