from pathlib import Path

import pytest
from django.core.management import call_command

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TECHNOLOGY_SEED = SEEDS / "000_778017c9ee7efa21.txt"
BRIEFINGS_SEED = SEEDS / "003_9246f7aff51efab0.txt"


@pytest.fixture
def seeded(db):
    """The archive with both seed listings loaded."""
    call_command("load_seeds", verbosity=0)


@pytest.fixture
def listing_dir(tmp_path):
    """A folder to write listing files into."""
    folder = tmp_path / "listings"
    folder.mkdir()
    return folder
