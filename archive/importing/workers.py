"""Work on listing files or export items in worker processes, results in order, a bounded amount in flight.

Parsing a listing and rendering its posts, or converting a WordPress post,
needs nothing from the database, so an import hands it to other processes
while its own process writes. Workers
are forked: they start at once, with whatever this process holds (the
importer's plan) already in memory, and never touch the database connection
they inherit. Where fork is not available, or no workers are asked for, the
work is done in this process.
"""

import itertools
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
def worker_map(function, items, *, workers, sizes=None, ahead=None, chunk=0):
    """Yield an iterator of ``function(item)`` for each of ``items``, in order, from ``workers`` processes.

    ``sizes``: one number per item (e.g. its bytes); 1 each if not given. A
    worker is handed consecutive items adding up to at least ``chunk`` of them
    at a time, since handing out each small item alone costs the process that
    hands them out more than the work saves it. With ``ahead``, the work handed
    out and not yet taken stays within that much, beside the task being waited
    for: results wait in memory until they are taken.
    """
    items = list(items)
    if workers < 1 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield map(function, items)
        return
    sizes = [1] * len(items) if sizes is None else list(sizes)
    ahead = sum(sizes) if ahead is None else ahead
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield _in_order(pool, function, _tasks(items, sizes, chunk), ahead)


@contextmanager
def worker_stream(function, items, *, workers, chunk, ahead, initializer=None, initargs=()):
    """As worker_map, for an iterator of items read as the work goes (an export of a gigabyte, item by item);
    yields ``(item, function(item))`` pairs.

    Each item stays in this process beside its task, and only the result comes
    back: a WordPress post is not pickled a second time by the worker, nor read
    back by this process. ``initializer(*initargs)`` runs once in each worker as
    it starts (in this process when there are none): forked workers are given
    what it needs without it being sent along with every task.
    """
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        if initializer is not None:
            initializer(*initargs)
        yield ((item, function(item)) for item in items)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=initializer, initargs=initargs) as pool:
        yield _in_order(pool, function, _tasks(items, itertools.repeat(1), chunk), ahead, paired=True)


def _tasks(items, sizes, chunk):
    """Consecutive items grouped into tasks of at least ``chunk`` in size (the last may be smaller)."""
    task, size = [], 0
    for item, item_size in zip(items, sizes):
        task.append(item)
        size += item_size
        if size >= chunk:
            yield task, size
            task, size = [], 0
    if task:
        yield task, size


def _apply(function, items):
    return [function(item) for item in items]


def _in_order(pool, function, tasks, ahead, paired=False):
    """The results of the tasks, in order; with ``paired``, each beside its item."""
    pending, in_flight = deque(), 0

    def taken(result, items):
        return zip(items, result.get()) if paired else result.get()

    for items, size in tasks:
        pending.append((pool.apply_async(_apply, (function, items)), size, items))
        in_flight += size
        while in_flight > ahead and len(pending) > 1:
            result, done, sent = pending.popleft()
            in_flight -= done
            yield from taken(result, sent)
    while pending:
        result, _, sent = pending.popleft()
        yield from taken(result, sent)
