"""The session replay for coaches ("Terugkijken…", Ctrl+J on a results page): scrub through a
session on its own clock and see and hear it as it happened.

The text appears under the reference as it was typed (a copy drill, a dictation), or the desk's
fields fill and its messages pop up (a call), the queue's contacts and tickets with their SLA
timers or the chats side by side (a queue shift, a chat: ``trainer.ui.replay_desk_view``); the
customer's clips (a caller's in a shift too) and the trainee's recording play in sync while
the clock runs. The marks (each error the results page lists, each screen
event, each action of the trainee, each wrong field) are drawn on the slider and listed beside
it. All from the keyboard: Space plays and pauses, N and P (or Ctrl+Right, Ctrl+Left) jump to
the next and previous mark, Right and Left move 5 seconds, Home and End go to the start and the
end, Ctrl+G goes to a time a session report names, Enter on a listed mark goes there, Escape
closes.

The state at each moment comes from ``trainer.core.replay`` (headless); the sound from
``trainer.ui.replay_sound``. No sound device or a missing recording is said on the window,
and the replay goes on without it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSplitter,
    QStyle,
    QStyleOptionSlider,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.core.prefix_search import best_prefix_length
from trainer.core.replay import Replay, ReplayMark, ReplayState
from trainer.core.scenario import CallExercise
from trainer.ui import messages, replay_desk_view, replay_goto, replay_words, words
from trainer.ui.results_view import alignment_html

if TYPE_CHECKING:
    from trainer.core.exercise import ExerciseBase
    from trainer.ui.replay_sound import ReplaySound

TICK_MS = 40  # the clock's step while playing: the screen and the sound follow it
STEP_SECONDS = 5.0  # Left and Right
LONG_TEXT = 2000  # characters typed beyond which the text is redrawn at most every
LONG_TEXT_MS = 200  # milliseconds while playing
W = TypeVar("W", bound=QWidget)
_MARK_COLOURS = {"error": "#d93025", "screen": "#e37400", "action": "#1a73e8", "field": "#8e24aa",
                 "arrival": "#188038", "reason": "#d93025"}  # fmt: skip


def clock_text(t: float) -> str:
    """Seconds on the session clock as m:ss,d (the decimal sign of the language shown)."""
    t = max(0.0, t)
    minutes = int(t // 60)
    rest = words.number(t - minutes * 60, 1)
    return f"{minutes}:{'0' if t - minutes * 60 < 9.95 else ''}{rest}"


class MarkedSlider(QSlider):
    """The session's clock in milliseconds, with each mark drawn as a tick in its colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.marks: list[ReplayMark] = []

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks or self.maximum() <= 0:
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        span = groove.width() - handle.width()
        painter = QPainter(self)
        for mark in self.marks:
            x = (
                groove.x()
                + handle.width() // 2
                + style.sliderPositionFromValue(
                    self.minimum(), self.maximum(), round(mark.t * 1000), span
                )
            )
            painter.setPen(QPen(QColor(_MARK_COLOURS[mark.kind]), 2))
            painter.drawLine(x, groove.top(), x, groove.top() + 5)
        painter.end()


class ReplayView(QDialog):
    """One session replayed; ``seek``, ``play``/``pause``, ``next_mark``/``previous_mark``."""

    def __init__(
        self,
        replay: Replay,
        exercise: ExerciseBase,
        reference: str = "",
        sound: ReplaySound | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replayView")
        self.setWindowTitle(self.tr("Terugkijken: %1").replace("%1", title or exercise.title))
        self.resize(1000, 680)
        self.replay = replay
        self.exercise = exercise
        self.call = exercise if isinstance(exercise, CallExercise) else None
        self.reference = unicodedata.normalize("NFC", reference).rstrip()
        self.sound = sound
        self.t = 0.0
        self._playing = False
        self._started_at = 0.0  # the clock when play began
        self._elapsed = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._typed_shown: str | None = None
        self._marks_passed = -1
        self._text_shown = QElapsedTimer()  # since the long text was last drawn
        self._problems: list[str] = []

        self.clock = _named(QLabel(), "replayClock")
        self.slider = MarkedSlider()
        self.slider.setObjectName("replaySlider")
        self.slider.setAccessibleName(self.tr("Tijd in de sessie"))
        self.slider.setRange(0, round(replay.duration * 1000))
        self.slider.setSingleStep(round(STEP_SECONDS * 1000))
        self.slider.setPageStep(30_000)
        self.slider.marks = replay.marks
        self.slider.valueChanged.connect(self._on_slider)
        self.play_button = self._button(self.tr("Afspelen (Spatie)"), "replayPlay", self.toggle)
        self.previous_button = self._button(
            self.tr("Vorige markering (P)"), "replayPrevious", self.previous_mark
        )
        self.next_button = self._button(
            self.tr("Volgende markering (N)"), "replayNext", self.next_mark
        )
        back = self._button(self.tr("−5 s (←)"), "replayBack", lambda: self.step(-STEP_SECONDS))
        on = self._button(self.tr("+5 s (→)"), "replayOn", lambda: self.step(STEP_SECONDS))
        # a time a session report names ("op 1:23 in de opname"): replay_goto
        self.goto_button = self._button(
            self.tr("Naar tijd… (Ctrl+G)"), "replayGoto", self.go_to_time
        )
        controls = QHBoxLayout()
        for widget in (self.play_button, back, on, self.previous_button, self.next_button):
            controls.addWidget(widget)
        controls.addWidget(self.goto_button)
        controls.addStretch(1)
        controls.addWidget(self.clock)

        self.mark_list = _wrapping(_named(QListWidget(), "replayMarks"))
        self.mark_list.setAccessibleName(self.tr("Markeringen"))
        for mark in replay.marks:
            said = (
                replay_desk_view.mark_text(mark, exercise)  # a shift's, a chat's
                if self.call is None and mark.kind != "error"  # (a drill's are errors only)
                else replay_words.mark_text(mark, self.call)
            )
            item = QListWidgetItem(f"{clock_text(mark.t)}  {said}")
            item.setForeground(QColor(_MARK_COLOURS[mark.kind]))
            self.mark_list.addItem(item)
        if not replay.marks:
            self.mark_list.addItem(self.tr("Geen fouten of gebeurtenissen om naartoe te gaan."))
        self.mark_list.itemActivated.connect(self._on_mark_activated)  # Enter, double-click
        marks_label = QLabel(self.tr("&Markeringen"))
        marks_label.setBuddy(self.mark_list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(marks_label)
        left_layout.addWidget(self.mark_list)

        self.now_playing = _named(QLabel(), "replaySounding")
        self.now_playing.setWordWrap(True)
        self.sound_note = _named(QLabel(), "replaySoundNote")
        self.sound_note.setWordWrap(True)
        self.sound_note.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.text: QTextBrowser | None = None
        self.fields: QTableWidget | None = None
        self.messages: QListWidget | None = None
        # a queue shift's tickets and contacts, a chat's conversations: replay_desk_view
        self.desk = replay_desk_view.desk_panel(replay, exercise)
        if self.desk is not None:
            right_layout.addWidget(self.desk, 1)
        elif self.call is None:
            self.text = _named(QTextBrowser(), "replayText")
            self.text.setAccessibleName(self.tr("Getypte tekst onder de opgave"))
            right_layout.addWidget(self.text)
        else:
            self.fields = _named(QTableWidget(len(self.call.fields), 2), "replayFields")
            self.fields.setHorizontalHeaderLabels([self.tr("Veld"), self.tr("Ingevuld")])
            self.fields.verticalHeader().setVisible(False)
            self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.fields.horizontalHeader().setStretchLastSection(True)
            self.fields.horizontalHeader().setSectionResizeMode(
                0, QHeaderView.ResizeMode.ResizeToContents
            )
            for row, form_field in enumerate(self.call.fields):
                self.fields.setItem(row, 0, QTableWidgetItem(form_field.label))
                self.fields.setItem(row, 1, QTableWidgetItem(""))
            self.messages = _wrapping(_named(QListWidget(), "replayMessages"))
            self.messages.setAccessibleName(self.tr("Meldingen op het scherm"))
            fields_label = QLabel(self.tr("&Velden"))
            fields_label.setBuddy(self.fields)
            messages_label = QLabel(self.tr("M&eldingen"))
            messages_label.setBuddy(self.messages)
            right_layout.addWidget(fields_label)
            right_layout.addWidget(self.fields, 2)
            right_layout.addWidget(messages_label)
            right_layout.addWidget(self.messages, 1)
        right_layout.addWidget(self.now_playing)
        right_layout.addWidget(self.sound_note)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 620])  # the marks read whole
        if self.desk is not None:  # a queue's lists, up to three chats side by side: wider
            self.resize(1280, 720)
            splitter.setSizes([360, 920])

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.slider)
        layout.addWidget(splitter, 1)

        for keys, slot in (
            ("Space", self.toggle),
            ("N", self.next_mark),
            ("Ctrl+Right", self.next_mark),
            ("P", self.previous_mark),
            ("Ctrl+Left", self.previous_mark),
            ("Right", lambda: self.step(STEP_SECONDS)),
            ("Left", lambda: self.step(-STEP_SECONDS)),
            ("Home", lambda: self.seek(0.0)),
            ("End", lambda: self.seek(self.replay.duration)),
            (replay_goto.SHORTCUT, self.go_to_time),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        if sound is not None:
            problem = sound.problem
            if problem is not None:
                self._say(
                    self.tr("Geen geluid: %1. Het terugkijken gaat stil verder.").replace(
                        "%1", messages.text(problem)
                    )
                )
        self.mark_list.setFocus()
        if replay.marks:
            self.mark_list.setCurrentRow(0)
        self.seek(0.0)

    def go_to_time(self) -> None:
        """Ask a time (as a session report names it) and go there."""
        replay_goto.ask_time(self)

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = _named(QPushButton(text), name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the way; focus stays
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # the clock ----------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        """The clock runs."""
        return self._playing

    def toggle(self) -> None:
        """Space: play or pause."""
        if self._playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        """Run the clock from where it is (from the start again at the end)."""
        if self.t >= self.replay.duration:
            self.seek(0.0)
        self._playing = True
        self._started_at = self.t
        self._elapsed.start()
        self._timer.start()
        self.play_button.setText(self.tr("Pauze (Spatie)"))
        self._follow_sound(jumped=True)

    def pause(self) -> None:
        """Stop the clock where it is."""
        self._playing = False
        self._timer.stop()
        self.play_button.setText(self.tr("Afspelen (Spatie)"))
        if self.sound is not None:
            self.sound.stop()
        self._show(self.replay.state_at(self.t))  # (a long text skipped while playing)

    def seek(self, t: float) -> None:
        """Go to ``t`` on the session clock (playing on from there if it played)."""
        self.t = min(max(t, 0.0), self.replay.duration)
        if self._playing:
            self._started_at = self.t
            self._elapsed.restart()
        self._text_shown.invalidate()  # moved by the coach: the text at once
        self._show(self.replay.state_at(self.t))
        self._follow_sound(jumped=True)

    def step(self, seconds: float) -> None:
        """Left and Right: 5 s back or on."""
        self.seek(self.t + seconds)

    def next_mark(self) -> None:
        """N: the next mark (its row chosen in the list)."""
        mark = self.replay.next_mark(self.t)
        if mark is not None:
            self._go_to_mark(mark)

    def previous_mark(self) -> None:
        """P: the mark before."""
        mark = self.replay.previous_mark(self.t)
        if mark is not None:
            self._go_to_mark(mark)

    def _go_to_mark(self, mark: ReplayMark) -> None:
        self.seek(mark.t)
        self.mark_list.setCurrentRow(self.replay.marks.index(mark))

    def _on_mark_activated(self, item: QListWidgetItem) -> None:
        row = self.mark_list.row(item)
        if 0 <= row < len(self.replay.marks):
            self.seek(self.replay.marks[row].t)

    def _on_slider(self, value: int) -> None:
        if abs(value / 1000 - self.t) >= 0.0005:  # moved by the coach, not by the clock
            self.seek(value / 1000)

    def _clock(self) -> float:
        """Where the clock is now (between two ticks too)."""
        return self._started_at + self._elapsed.nsecsElapsed() / 1e9

    def _tick(self) -> None:
        t = self._clock()
        if t >= self.replay.duration:
            self.t = self.replay.duration
            self._show(self.replay.state_at(self.t))
            self.pause()
            return
        self.t = t
        self._show(self.replay.state_at(t))
        self._follow_sound(jumped=False)

    def _follow_sound(self, *, jumped: bool) -> None:
        if self.sound is None:
            return
        state = self.replay.state_at(self.t)
        clock = self._clock if self._playing else None
        for problem in self.sound.follow(state.sounding, self._playing, jumped, clock):
            self._say(messages.text(problem))

    def _say(self, text: str) -> None:
        if text not in self._problems:
            self._problems.append(text)
        self.sound_note.setText("\n".join(self._problems))
        self.sound_note.show()

    # the screen ---------------------------------------------------------------------------
    def _show(self, state: ReplayState) -> None:
        if state.marks_passed != self._marks_passed and self.replay.marks:
            # the list follows the clock: the last mark passed is the current row
            self._marks_passed = state.marks_passed
            self.mark_list.setCurrentRow(max(0, state.marks_passed - 1))
        self.clock.setText(f"{clock_text(state.t)} / {clock_text(self.replay.duration)}")
        blocked = self.slider.blockSignals(True)
        self.slider.setValue(round(state.t * 1000))
        self.slider.blockSignals(blocked)
        if self.text is not None:
            self._show_text(state.typed)
        if self.fields is not None and self.call is not None:
            for row, form_field in enumerate(self.call.fields):
                item = self.fields.item(row, 1)
                value = state.fields.get(form_field.id, "")
                if item is not None and item.text() != value:
                    item.setText(value)
        if self.messages is not None:
            self._show_messages(state)
        if self.desk is not None:
            passed = self.replay.marks[state.marks_passed - 1] if state.marks_passed else None
            self.desk.show_at(state.t, passed)
        self.now_playing.setText(replay_words.sounding_text(state))

    def _show_text(self, typed: str) -> None:
        if typed == self._typed_shown:
            return
        # a long text takes tens of ms to align and draw: while playing, a few times a second
        # (at once when the coach moves the clock)
        waited = self._text_shown.isValid() and self._text_shown.elapsed() < LONG_TEXT_MS
        if len(typed) > LONG_TEXT and self._playing and waited:
            return
        self._text_shown.start()
        self._typed_shown = typed
        assert self.text is not None
        shown = typed.rstrip()
        counted = self.reference[: best_prefix_length(self.reference, shown)] if shown else ""
        self.text.setHtml(alignment_html(counted, shown))
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())  # where the typing is

    def _show_messages(self, state: ReplayState) -> None:
        assert self.messages is not None
        lines = []
        for e in state.events:
            line = f"{clock_text(e.fired_at)}  {e.text}"
            if e.acknowledged_at is not None:
                line += "  " + self.tr("(afgehandeld na %1 s)").replace(
                    "%1", words.number(e.acknowledged_at - e.fired_at, 1)
                )
            lines.append(line)
        shown = [self.messages.item(i).text() for i in range(self.messages.count())]
        if shown != lines:
            self.messages.clear()
            self.messages.addItems(lines)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Escape or closing: the clock and the sound stop, the device is let go."""
        self._stop()
        super().done(result)

    def _stop(self) -> None:
        self._timer.stop()
        self._playing = False
        if self.sound is not None:
            self.sound.close()


def _wrapping(widget: QListWidget) -> QListWidget:
    """A list whose long rows wrap rather than scroll sideways."""
    widget.setWordWrap(True)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setResizeMode(QListWidget.ResizeMode.Adjust)
    return widget


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget
