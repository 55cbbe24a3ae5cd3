import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.fixture
def editor_client(client, db):
    call_command("add_editor", "edith", email="edith@example.com", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="edith"))
    return client
