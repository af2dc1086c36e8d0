"""strip() pauses the cyclic garbage collector and always leaves it as it found it."""

import gc
import threading

import pytest

import boilerstrip
from boilerstrip.collector import collector_paused


def test_collector_on_after_strip():
    assert gc.isenabled()
    boilerstrip.strip("<p>Some text of an article.</p>", kind="html")
    assert gc.isenabled()


def test_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        boilerstrip.strip("Some text of an article.\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_on_after_an_error():
    class Failing:
        filters = ()

        def run(self, page):
            assert not gc.isenabled()  # paused inside the call
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        boilerstrip.strip("Some text.\n", pipeline=Failing())
    assert gc.isenabled()


def test_pause_is_reentrant_and_shared_by_threads():
    with collector_paused:
        with collector_paused:
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    def hold():
        with collector_paused:
            inside.set()
            leave.wait()

    other = threading.Thread(target=hold)
    other.start()
    inside.wait()
    with collector_paused:
        pass
    assert not gc.isenabled()  # the other thread is still inside
    leave.set()
    other.join()
    assert gc.isenabled()
