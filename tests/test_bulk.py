"""bulk.paused_gc: the collector is back on afterwards, cycles made inside are still collected, frozen objects stay frozen."""

import gc
import weakref

from chainmap.bulk import paused_gc


class Node:
    pass


def test_a_cycle_made_inside_is_still_collected():
    with paused_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
    del a, b
    assert gc.isenabled()
    gc.collect()
    assert gone() is None


def test_objects_the_program_froze_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            kept = [[] for _ in range(100)]
        assert gc.get_freeze_count() == frozen
        assert kept
    finally:
        gc.unfreeze()


def test_the_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
