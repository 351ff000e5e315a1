"""The pipeline pauses the cyclic garbage collector while it parses (issue 10).

A parse builds no reference cycles, so collection passes during it only rescan what the
stages keep alive; on one long document they grew faster than the text. These tests hold
the two claims the pause rests on: the collector comes back exactly as it was (nested,
concurrent, after an error, when the program had disabled it), and a parse of every corpus
file leaves no cyclic garbage behind.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

import luoshi.pipeline as pipeline
from luoshi.errors import LuoshiError
from luoshi.pipeline import collection_paused, parse_source, parse_text
from luoshi.read import READERS, read_file


@pytest.fixture
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_during_a_parse_and_back_after(collector_enabled, monkeypatch):
    seen = []
    real_clean = pipeline.clean

    def spying_clean(source):
        seen.append(gc.isenabled())
        return real_clean(source)

    monkeypatch.setattr(pipeline, "clean", spying_clean)
    parse_text("关于加强安全生产工作的通知\n一、总体要求\n")
    assert seen == [False]
    assert gc.isenabled()


def test_nested_pauses_restore_the_collector_at_the_outermost_end(collector_enabled):
    with collection_paused():
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()


def test_an_error_inside_still_restores_the_collector(collector_enabled):
    with pytest.raises(ZeroDivisionError), collection_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()
    assert pipeline._paused == 0


def test_a_program_that_disabled_the_collector_keeps_it_disabled():
    was = gc.isenabled()
    gc.disable()
    try:
        parse_text("关于加强安全生产工作的通知\n")
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_overlapping_parses_in_two_threads(collector_enabled):
    """The first thread to finish must not switch the collector back on under the other."""
    inside, release = threading.Event(), threading.Event()
    states = []

    def long_parse():
        with collection_paused():
            inside.set()
            release.wait(5)
            states.append(("long", gc.isenabled()))

    t = threading.Thread(target=long_parse)
    t.start()
    assert inside.wait(5)
    parse_text("关于加强安全生产工作的通知\n")  # starts and ends while long_parse is inside
    states.append(("short ended", gc.isenabled()))
    release.set()
    t.join(5)
    assert states == [("short ended", False), ("long", False)]
    assert gc.isenabled()


def test_cyclic_garbage_is_detected_by_this_measurement(collector_enabled):
    """The other side: a cycle made inside a pause is found by the collection after it."""
    with collection_paused():
        gc.collect()
        a: list = []
        a.append(a)
        del a
    assert gc.collect() >= 1


def test_a_parse_of_every_corpus_file_leaves_no_cyclic_garbage(shared: Path, collector_enabled):
    parsed = 0
    for path in sorted((shared / "corpus").iterdir()):
        if path.suffix.lower() not in READERS:
            continue
        gc.collect()
        try:
            result = parse_source(read_file(path))
        except LuoshiError:
            continue
        del result
        assert gc.collect() == 0, path.name
        parsed += 1
    assert parsed >= 30
