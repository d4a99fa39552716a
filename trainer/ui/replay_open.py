"""Opening the replay of the result on screen: the results pages' "Terugkijken…" button and its
shortcut (Ctrl+J, free on the typing and call results pages and in the sessions list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from trainer.ui import messages, words

if TYPE_CHECKING:
    from trainer.ui.main_window import MainWindow
    from trainer.ui.replay_view import ReplayView

SHORTCUT = "Ctrl+J"


def replay_button() -> QPushButton:
    """The results pages' button, reached by its shortcut like the others (it never takes
    the focus: ``results_view.shortcut_only``)."""
    from trainer.ui.results_view import shortcut_only

    button = shortcut_only(QPushButton(words.tr("Terug&kijken…  (Ctrl+J)")))
    button.setObjectName("replayButton")
    button.setToolTip(
        words.tr("De sessie opnieuw afspelen: de tekst, de velden, de meldingen en het geluid")
    )
    return button


def install(window: MainWindow, view: QWidget) -> None:
    """A results page's button (``view.replay_button``) and its shortcut."""
    button: QPushButton = view.replay_button  # type: ignore[attr-defined]
    button.clicked.connect(lambda: open_replay(window))
    QShortcut(QKeySequence(SHORTCUT), view, lambda: open_replay(window))


def open_replay(window: MainWindow) -> ReplayView | None:
    """The replay of the result on screen, in a window of its own (one at a time); a journal
    that cannot be read is said, and nothing opens."""
    from trainer.core.chat_scenario import ChatExercise
    from trainer.core.chat_scoring import ChatResult
    from trainer.core.journal import JournalError, read_journal
    from trainer.core.queue_scenario import QueueExercise
    from trainer.core.queue_scoring import QueueResult
    from trainer.core.replay import Replay, replay_of
    from trainer.core.replay_chat import chat_replay_of
    from trainer.core.replay_desk import queue_replay_of
    from trainer.core.scenario import CallExercise
    from trainer.core.scoring import reference_of
    from trainer.ui.replay_sound import ReplaySound
    from trainer.ui.replay_view import ReplayView

    reported = window._reported
    row = window.store.session(reported[1]) if reported else None
    if reported is None or row is None:
        return None
    exercise, _id, result = reported
    title = words.tr("Terugkijken")
    if exercise.kind not in ("copy", "dictation", "call", "queue", "chat"):
        QMessageBox.information(
            window, title, words.tr("Een sessie van deze soort kan nog niet teruggekeken worden.")
        )
        return None
    try:
        journal = read_journal(row.journal_path)
        reference = ""
        if isinstance(exercise, QueueExercise) and isinstance(result, QueueResult):
            replay: Replay = queue_replay_of(exercise, journal, result)
        elif isinstance(exercise, ChatExercise) and isinstance(result, ChatResult):
            replay = chat_replay_of(exercise, journal, result)
        else:
            if not isinstance(exercise, CallExercise):
                reference = reference_of(exercise, window.clips.transcripts)
            replay = replay_of(exercise, journal, result, reference)  # type: ignore[arg-type]
    except (JournalError, LookupError) as exc:
        QMessageBox.information(
            window,
            title,
            words.tr("Deze sessie kan niet teruggekeken worden: %1").replace(
                "%1", messages.of_exception(exc)
            ),
        )
        return None
    old: ReplayView | None = getattr(window, "_replay", None)
    if old is not None:
        old.close()
    sound = None
    if replay.sounds:  # (a copy drill has nothing to hear: no device is opened for it)
        sound = ReplaySound(
            window.clips,
            exercise.level,
            row.journal_path.parent,
            device=window.headset(),
            volume=window.settings.volume,
        )
        if sound.open() is None:
            sound.preload(replay.sounds)
    when = row.started_at.replace("T", " ")[:16]
    view = ReplayView(
        replay, exercise, reference, sound, f"{row.trainee}, {exercise.title}, {when}", window
    )
    window._replay = view  # type: ignore[attr-defined]
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def replay_session(window: MainWindow, session_id: int, back_to: QWidget | None = None) -> None:
    """From the sessions list (Ctrl+J): the session's result opens as with Enter (Escape
    goes back there), and its replay over it."""
    if window.open_past_result(session_id, back_to):
        open_replay(window)
