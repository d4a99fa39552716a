"""The scenario timeline: the documented call, played through as a trainee would."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_scenario import documented_example
from trainer.core.loader import parse_exercise
from trainer.core.scenario import CallExercise
from trainer.core.timeline import Timeline


def call_timeline() -> Timeline:
    call, _ = parse_exercise(documented_example(), Path("gesprek.yaml"))
    assert isinstance(call, CallExercise)
    return Timeline(call.timeline)


def fired(timeline: Timeline, now: float) -> list[tuple[str, float]]:
    return [(d.event.id, round(d.time, 3)) for d in timeline.pop_due(now)]


def test_a_call_unfolds_from_the_ring_by_the_trainees_actions_and_clip_ends() -> None:
    timeline = call_timeline()
    assert timeline.next_due() == 0.0
    assert fired(timeline, 0.0) == [("bel", 0.0)]
    assert timeline.next_due() is None  # the customer waits for an answer
    timeline.notify("answered", 6.2)
    assert timeline.next_due() == pytest.approx(6.7)
    assert fired(timeline, 6.69) == []  # not yet
    assert fired(timeline, 7.0) == [("groet", 6.7)]  # popped late, stamped when due
    timeline.notify("groet.end", 9.4)  # the clip ended at the headset
    assert fired(timeline, 20.0) == [("nummer", 10.4)]
    timeline.notify("ask_repeat", 21.0)  # a branch: every time it is asked
    timeline.notify("ask_repeat", 30.0)
    assert fired(timeline, 31.0) == [("nog-eens", 21.0), ("nog-eens", 30.0)]
    timeline.notify("verified", 40.0)
    timeline.notify("verified", 41.0)  # 'after' fires once only
    assert fired(timeline, 45.0) == [("adres", 40.5)]
    timeline.notify("adres.end", 44.0)
    assert fired(timeline, 60.0) == [("collega", 48.0)]
    timeline.notify("closed", 70.0)
    assert fired(timeline, 70.0) == [("einde", 70.0)]
    assert timeline.fired("collega") and timeline.next_due() is None


def test_chained_events_keep_their_times_however_late_they_are_popped() -> None:
    from trainer.core.scenario import Say

    events = [
        Say(id="a", at=1.0, do="say", clip="x"),
        Say(id="b", after="a", delay=0.25, do="say", clip="x"),
        Say(id="c", after="b", delay=0.25, do="say", clip="x"),
    ]
    timeline = Timeline(events)
    # one pop, a whole second late: every event still carries its exact due time
    assert fired(timeline, 2.0) == [("a", 1.0), ("b", 1.25), ("c", 1.5)]


def test_an_event_is_called_off_when_its_unless_came_first() -> None:
    from trainer.core.scenario import Say

    events = [
        Say(id="klacht", at=1.0, do="say", clip="x"),
        Say(id="nog-daar", after="klacht", delay=10, unless="hold", do="say", clip="x"),
    ]
    on_hold = Timeline(events)
    assert fired(on_hold, 2.0) == [("klacht", 1.0)]
    on_hold.notify("hold", 5.0)  # the trainee put the customer on hold in time
    assert fired(on_hold, 30.0) == [] and not on_hold.fired("nog-daar")

    silent = Timeline(events)
    assert fired(silent, 12.0) == [("klacht", 1.0), ("nog-daar", 11.0)]
    late = Timeline(events)
    fired(late, 2.0)
    late.notify("hold", 11.5)  # after it was due, though told before the timer popped it
    assert fired(late, 12.0) == [("nog-daar", 11.0)]


def test_a_branch_with_after_waits_until_that_has_happened() -> None:
    from trainer.core.scenario import Say

    events = [
        Say(id="nummer", at=5.0, do="say", clip="x"),
        Say(id="nog-eens", whenever="ask_repeat", after="nummer", do="say", clip="x"),
    ]
    timeline = Timeline(events)
    timeline.notify("ask_repeat", 2.0)  # nothing said yet: nothing to repeat
    assert fired(timeline, 4.0) == []
    assert fired(timeline, 6.0) == [("nummer", 5.0)]  # and being said does not fire the branch
    timeline.notify("ask_repeat", 8.0)
    timeline.notify("ask_repeat", 12.0)
    assert fired(timeline, 13.0) == [("nog-eens", 8.0), ("nog-eens", 12.0)]
