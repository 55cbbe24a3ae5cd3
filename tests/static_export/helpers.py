import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from archive.static_export.search_index import indexed


@contextmanager
def file_server(folder):
    """``folder`` served by Python's plain static file server, as any static host would; yields its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(address + "/", timeout=1)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.05)
        yield address
    finally:
        server.terminate()
        server.wait()


def indexed_pages(folder):
    """The pages of an exported ``folder`` that its search finds, as the export left its files."""
    folder = Path(folder)
    return [folder / name for name in indexed(path.relative_to(folder).as_posix() for path in folder.rglob("*"))]
