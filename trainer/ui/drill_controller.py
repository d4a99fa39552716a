"""Runs one copy-typing drill: the surface, the live figures and the countdown.

The countdown is scheduled against its deadline on the session clock (not counted in timer
ticks), so it does not drift. Journal, keystroke stamps and the ending are the session's
(``SessionController``). The live figures come from the surface's ``LiveTyping``, which keeps them
up to date per key at a cost that does not grow with the text; the full scoring runs once, at
the end.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from trainer.core.exercise import CopyExercise
from trainer.core.journal import KeyEvent
from trainer.core.journal_writer import SessionClock
from trainer.core.typing_metrics import within_margin
from trainer.store import Store, Trainee
from trainer.ui import words
from trainer.ui.drill_view import DrillView
from trainer.ui.session_controller import SessionController

LIVE_INTERVAL_MS = 500
COUNTDOWN_INTERVAL_MS = 200


class DrillController(SessionController):
    """One copy-typing session. Lives on the GUI thread."""

    def __init__(
        self,
        view: DrillView,
        exercise: CopyExercise,
        trainee: Trainee,
        store: Store,
        data_dir: Path,
        mode: str = "practice",
        clock: SessionClock | None = None,
    ) -> None:
        super().__init__(view, exercise, trainee, store, data_dir, mode=mode, clock=clock)
        self.view: DrillView = view
        self.exercise: CopyExercise = exercise
        self._deadline = 0.0
        self._live_timer = self.make_timer(LIVE_INTERVAL_MS, self._on_live_tick)
        self._countdown_timer = self.make_timer(COUNTDOWN_INTERVAL_MS, self._on_countdown_tick)
        self._deadline_timer = self.make_timer(0, self._on_deadline, single_shot=True)
        self._connect_signals()
        self._show_start()
        self._live_timer.start()

    def _connect_signals(self) -> None:
        surface = self.view.surface
        self.wire(
            (surface.typed, self._on_typed),
            (surface.edited, self._on_edited),
            (surface.finishRequested, self.request_finish),
            (surface.abandonRequested, self.request_abandon),
        )

    def _show_start(self) -> None:
        view = self.view
        view.surface.set_reference(self.exercise.text, self.exercise.ignore)
        view.show_exercise(self.exercise.title, self.exercise.instructions)
        view.show_speed(self._speed_text(None))
        view.show_errors(
            self.tr("Fouten: – (marge %1)").replace(
                "%1", words.percent(float(self.exercise.margin))
            )
        )
        view.show_progress()
        limit = self.exercise.time_limit
        view.show_countdown(
            self.tr("%1 — start bij je eerste aanslag").replace("%1", words.seconds(limit))
            if limit
            else ""
        )

    # keystrokes -------------------------------------------------------------------------
    def on_first_key(self, event: KeyEvent) -> None:
        """A timed drill's countdown starts at the first keystroke."""
        if self.exercise.time_limit:
            self._arm_deadline()

    def _on_typed(self, text: str) -> None:
        if not self.active:
            return
        self.stamp_text(text)
        surface = self.view.surface
        surface.append(text)
        self.view.show_progress()
        if surface.position >= len(self.reference):
            self.finish("finished")

    def _on_edited(self, key: str) -> None:
        if not self.active:
            return
        self.stamp_edit(key)
        if key == "Backspace":
            self.view.surface.remove_last()
            self.view.show_progress()

    def request_finish(self) -> None:
        """Ctrl+Enter: hand in, once something was typed."""
        if self.key_count and self.active:
            self.finish("finished")

    # time -------------------------------------------------------------------------------
    def _arm_deadline(self) -> None:
        assert self.first_key is not None and self.exercise.time_limit
        self._deadline = self.first_key.t + self.exercise.time_limit
        self._deadline_timer.start(max(0, int((self._deadline - self.clock.now()) * 1000)))
        self._countdown_timer.start()
        self._on_countdown_tick()

    def remaining(self) -> float | None:
        """Seconds left in a timed drill once it started; None otherwise."""
        if not self.exercise.time_limit or self.first_key is None:
            return None
        return max(0.0, self._deadline - self.clock.now())

    def _speed_text(self, net_wpm: float | None) -> str:
        """The net speed so far, with the minimum the exercise asks (if it asks one)."""
        text = self.tr("Netto %1 wpm").replace("%1", words.number(net_wpm, 0))
        if self.exercise.min_wpm is not None:
            text += self.tr(" (minimum %1)").replace(
                "%1", words.number(float(self.exercise.min_wpm))
            )
        return text

    def _on_countdown_tick(self) -> None:
        left = self.remaining()
        if left is None:
            return
        self.view.show_countdown(self.tr("Nog %1").replace("%1", words.seconds(left)), left <= 15)

    def _on_deadline(self) -> None:
        # a timer can fire a little early; the clock decides
        left = self.remaining()
        if left is not None and left > 0.002:
            self._deadline_timer.start(int(left * 1000) + 1)
            return
        self.finish("time_up")

    def _on_live_tick(self) -> None:
        """Speed and error rate so far, against the margin and the minimum speed."""
        first = self.first_key
        if self.key_count < 2 or first is None:
            return
        live = self.view.surface.live
        # the speed so far, up to now: time spent not typing counts too
        net_wpm = live.net_wpm(self.clock.now() - first.t)
        minimum = self.exercise.min_wpm
        slow = minimum is not None and (net_wpm is None or net_wpm < float(minimum))
        self.view.show_speed(self._speed_text(net_wpm), slow)
        margin = self.exercise.margin
        error_rate = live.error_fraction(self.exercise.error_unit)
        self.view.show_errors(
            self.tr("Fouten: %1 (marge %2)")
            .replace("%1", _rate_text(error_rate, margin))
            .replace("%2", words.percent(float(margin))),
            # the scorer's own exact comparison: the colour here is the verdict at the end
            over=not within_margin(error_rate, margin),
        )

    @property
    def reference(self) -> str:
        """The text to type as the scorer reads it (NFC, trailing whitespace dropped)."""
        return self.view.surface.reference


def _rate_text(rate: Fraction, margin: Decimal) -> str:
    """The error rate so far, with as many decimals as it takes to tell it from the margin:
    3.03% is not shown as '3,0 %' beside a margin of '3,0 %' (yet in red)."""
    # many extra words make the word error rate pass 1; more than all wrong says nothing
    shown = min(float(rate), 1.0)
    for decimals in (1, 2):
        text = words.percent(shown, decimals)
        if rate == margin or text != words.percent(float(margin), decimals):
            return text
    return words.percent(shown, 3)
