"""What every page needs once per generation is worked out once, then reused by the process."""

from django.core.cache import cache

from archive import caching
from archive.caching import current_generation, per_generation, release, start_generation
from archive.local_pages import local_values


def test_a_value_is_worked_out_once_per_generation_and_kept_by_the_process(db):
    calls = []

    def compute():
        calls.append(len(calls) + 1)
        return {"value": calls[-1]}

    first = per_generation("example", compute)
    assert first == {"value": 1}
    # Gone from the shared cache (evicted, say): this process still has it, as it was.
    cache.delete(f"archive:example:{release()}:{current_generation().key}")
    assert per_generation("example", compute) is first
    assert calls == [1]
    # A change starts a new generation: the value is worked out again, once.
    start_generation()
    assert per_generation("example", compute) == {"value": 2}
    assert per_generation("example", compute) == {"value": 2}
    assert calls == [1, 2]


def test_another_process_finds_the_value_in_the_shared_cache(db):
    per_generation("example", lambda: "worked out by this process")
    local_values.clear()  # as a fresh process would start
    assert per_generation("example", lambda: "worked out again") == "worked out by this process"


def test_a_new_release_never_reads_what_the_last_one_stored(db, monkeypatch):
    """A deploy may change what a value holds (new fields, another shape): it works the value out anew."""
    per_generation("example", lambda: {"shape": "old"})
    local_values.clear()  # the new release's processes start afresh
    monkeypatch.setattr(caching, "release", lambda: "another-release")
    assert per_generation("example", lambda: {"shape": "new"}) == {"shape": "new"}
