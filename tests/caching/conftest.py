import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from archive.models import Post

from .helpers import POST_TITLE


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, as in production (tests/conftest.py empties it for every test)."""
    settings.PAGE_CACHE = True


@pytest.fixture
def post(seeded):
    return Post.objects.get(title=POST_TITLE)


@pytest.fixture
def editor_client(db):
    call_command("add_editor", "edith", stdout=io.StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username="edith"))
    return client
