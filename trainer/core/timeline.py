"""The scenario timeline as a scheduler: which events are due, and when.

Pure and deterministic, so a replayed journal fires the same events at the same times. The
app tells it what happened (``notify``: a trainee's action, an event that fired, a clip that
ended at the headset, with its time on the session clock), asks when the next event is due
(``next_due``, to aim a single-shot timer at that target time) and takes what is due
(``pop_due``). A fired event is itself notified at its *due* time, not at the moment it was
popped, so chains of ``after`` events never drift with timer latency.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from trainer.core.scenario import TimelineEvent


@dataclass(order=True)
class Due:
    """An event scheduled at ``time`` on the session clock (ties: first scheduled first)."""

    time: float
    order: int
    event: TimelineEvent = field(compare=False)


class Timeline:
    """Schedules a scenario's events. Owned by one thread (the GUI thread in the app)."""

    def __init__(self, events: Sequence[TimelineEvent]) -> None:
        self._events = list(events)
        self._queue: list[Due] = []
        self._fired: set[str] = set()
        self._happened: dict[str, float] = {}  # what was notified, first when: for 'unless'
        self._scheduled_once: set[str] = set()
        self._counter = itertools.count()
        for event in self._events:
            if event.at is not None:
                self._schedule(event, event.at)

    def _schedule(self, event: TimelineEvent, time: float) -> None:
        heapq.heappush(self._queue, Due(time, next(self._counter), event))

    def notify(self, what: str, t: float) -> None:
        """Something happened at session time ``t``: an action, an event id, or ``<id>.end``."""
        self._happened.setdefault(what, t)
        for event in self._events:
            if event.whenever is not None:  # each time, once its 'after' (if any) happened
                if event.whenever == what and (
                    event.after is None or event.after in self._happened
                ):
                    self._schedule(event, t + event.delay)
            elif event.after == what and event.id not in self._scheduled_once:
                self._scheduled_once.add(event.id)
                self._schedule(event, t + event.delay)

    def next_due(self) -> float | None:
        """When the next event is due, or None when nothing is scheduled."""
        return self._queue[0].time if self._queue else None

    def upcoming(self) -> list[Due]:
        """What is scheduled and not yet fired, in time order."""
        return sorted(self._queue)

    def pop_due(self, now: float) -> list[Due]:
        """Every event due at or before ``now``, in time order; each is notified as fired at
        its due time, so what waits for it is scheduled from that exact moment. An event whose
        ``unless`` happened before it was due is dropped."""
        due: list[Due] = []
        while self._queue and self._queue[0].time <= now:
            item = heapq.heappop(self._queue)
            unless = item.event.unless
            if unless is not None and self._happened.get(unless, item.time + 1) <= item.time:
                continue
            due.append(item)
            self._fired.add(item.event.id)
            self.notify(item.event.id, item.time)
        return due

    def fired(self, event_id: str) -> bool:
        """Whether the event has fired at least once."""
        return event_id in self._fired
