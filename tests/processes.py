"""Running the project's own commands as an operator would: `python manage.py …` in a process of its own."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, env, check=False, timeout=300):
    """Run manage.py with ``args`` and the environment ``env``; with ``check``, fail the test if it fails."""
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result
