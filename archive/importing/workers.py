"""Work on listing files in worker processes, results in file order, a bounded amount in flight.

Parsing a listing and rendering its posts needs nothing from the database, so
an import hands it to other processes while its own process writes. Workers
are forked: they start at once, with whatever this process holds (the
importer's plan) already in memory, and never touch the database connection
they inherit. Where fork is not available, or no workers are asked for, the
work is done in this process.
"""

import multiprocessing
import os
from collections import deque
from contextlib import contextmanager

# Below this many files, starting processes costs more than it saves.
PARALLEL_FROM = 8


def default_workers():
    """One process per CPU but this one's, which writes to the database meanwhile."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus - 1


@contextmanager
def worker_map(function, items, *, workers, sizes=None, ahead=None):
    """Yield an iterator of ``function(item)`` for each of ``items``, in order, from ``workers`` processes.

    With ``ahead``, the work handed out and not yet taken stays within that
    many units of ``sizes`` (one number per item, e.g. its posts), beside the
    item being waited for: results wait in memory until they are taken.
    """
    items = list(items)
    if workers < 1 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield map(function, items)
        return
    sizes = [1] * len(items) if sizes is None else list(sizes)
    ahead = sum(sizes) if ahead is None else ahead
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield _in_order(pool, function, items, sizes, ahead)


def _in_order(pool, function, items, sizes, ahead):
    pending, in_flight = deque(), 0
    for item, size in zip(items, sizes):
        pending.append((pool.apply_async(function, (item,)), size))
        in_flight += size
        while in_flight > ahead and len(pending) > 1:
            result, done = pending.popleft()
            in_flight -= done
            yield result.get()
    while pending:
        yield pending.popleft()[0].get()
