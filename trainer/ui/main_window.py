"""The main window: home, drill and results screens in one stack, and the wiring between them."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

# (the dialogs are imported where they are asked: each class makes its enums when it is first
# loaded, 1-2 ms of the first frame for the message box and the input dialog)
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from trainer import __version__
from trainer.paths import STORE_FILE, audio_dir, exercises_dir, secure_data_folder
from trainer.ui import appearance, messages, words
from trainer.ui.coach_view import CoachViews
from trainer.ui.home_view import EXERCISE_ID_ROLE, HomeView

if TYPE_CHECKING:
    # Loaded after the first frame (content, settings: pydantic and YAML) or on first use
    # (drill and results pages, the metrics under them), so the window appears at once.
    from trainer.audio.engine import AudioEngine
    from trainer.core.chat_scenario import ChatExercise
    from trainer.core.clips import ClipLibrary
    from trainer.core.content_cache import CachedContent
    from trainer.core.exercise import CopyExercise, DictationExercise, ExerciseBase
    from trainer.core.exercise_list import ListedExercise
    from trainer.core.loader import Catalog
    from trainer.core.queue_scenario import QueueExercise
    from trainer.core.scenario import CallExercise
    from trainer.store import Store, Trainee
    from trainer.store.recovery import Recovery
    from trainer.ui.call_controller import CallController
    from trainer.ui.call_results_view import CallResultsView
    from trainer.ui.call_view import CallView
    from trainer.ui.chat_controller import ChatController
    from trainer.ui.chat_results_view import ChatResultsView
    from trainer.ui.dictation_controller import DictationController
    from trainer.ui.dictation_view import DictationView
    from trainer.ui.drill_controller import DrillController
    from trainer.ui.drill_view import DrillView
    from trainer.ui.queue_controller import QueueController
    from trainer.ui.queue_results_view import QueueResultsView
    from trainer.ui.results_view import ResultsView
    from trainer.ui.session_controller import Result, SessionController

PageT = TypeVar("PageT", bound=QWidget)
ResultsT = TypeVar(
    "ResultsT", "ResultsView", "CallResultsView", "ChatResultsView", "QueueResultsView"
)


class MainWindow(CoachViews, QMainWindow):
    """The app's one window. Owns the store, the catalog and the running drill.

    With ``defer_loading`` the window shows first and opens the store and reads the settings
    and the exercises right after its first frame (``contentLoaded`` tells when; a store that
    cannot be used is said by ``startFailed``); otherwise it does all of that at once (and a
    store that cannot be used raises StoreError).
    """

    firstFrameShown = Signal()
    listFilled = Signal()  # the exercise list shows the exercises (before they are all read)
    contentLoaded = Signal()
    startFailed = Signal(str)  # the store cannot be used: why (the app says it and stops)
    _contentRead = Signal(object)  # from the loading thread: (clips, catalog, problem)
    _listRead = Signal(object)  # from the loading thread: the list's rows, from the cache

    def __init__(
        self,
        data_dir: Path,
        exercise_dirs: list[Path] | None = None,
        *,
        defer_loading: bool = False,
    ) -> None:
        super().__init__()
        self._language_shown: str | None = None  # the home lists' language (None: not filled)
        self.setWindowTitle(f"Simultaan {__version__}")
        self.resize(1200, 780)
        self.data_dir = data_dir
        self._exercise_dirs = exercise_dirs or [exercises_dir()]
        self.file_mode, self.dir_mode = secure_data_folder(data_dir)
        self._store: Store | None = None  # (opened before anything else is read)
        if not defer_loading:
            self._open_store()
        self.drill: SessionController | None = None
        self._closed = False
        self._listener: AudioEngine | None = None  # plays a clip back on the results page
        self._last_exercise: ExerciseBase | None = None
        self._reported: tuple[ExerciseBase, int, object] | None = None  # the result on screen

        self.home = HomeView()
        self._pages: dict[str, QWidget] = {}  # made the first time each is needed
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        # the style sheet and text size once the home screen is built: every widget put into
        # a styled window is styled again as it goes in (the app's start leaves its sheet to
        # this: 4-5 ms of the first frame; the first frame is the same)
        self._restore_appearance(data_dir)
        self._defer_loading = defer_loading
        self._connect_signals()
        self.home.installEventFilter(self)
        self._contentRead.connect(self._show_content)  # queued: it comes from another thread
        self._listRead.connect(self._show_list)
        self._content_shown = False
        self._list_shown_early = False  # the list was filled from the cache's rows
        self._pending_start: str | None = None  # Enter on the list before the content was read
        if defer_loading:
            self.home.show_loading()
            self.home.setEnabled(False)  # nothing to act on until the content is read
            # one more turn of the event loop, so whatever else waits for the frame goes first
            self.firstFrameShown.connect(lambda: QTimer.singleShot(0, self._load_content))
        else:
            self._load_content()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Notice the home page's first paint: the window is on screen."""
        if watched is self.home and event.type() == QEvent.Type.Paint:
            self.home.removeEventFilter(self)
            QTimer.singleShot(0, self.firstFrameShown.emit)  # once this paint is done
        return super().eventFilter(watched, event)

    def _open_store(self) -> None:
        """Open the store: a damaged one is set aside at once and made again from the journals
        once the exercises are read (``_after_start``). StoreError when it cannot be used."""
        from trainer.store.on_disk import open_store

        self._store, self._store_set_aside = open_store(self.data_dir / STORE_FILE, self.file_mode)

    @property
    def store(self) -> Store:
        """The store (open from the content's loading on: nothing can ask for it before)."""
        assert self._store is not None, "the store is opened with the content"
        return self._store

    def _load_content(self) -> None:
        if self._store is None:
            # after the first frame: sqlite3 and the store's module were 8-12 ms of it
            from trainer.store import StoreError

            try:
                self._open_store()
            except StoreError as exc:
                self.startFailed.emit(messages.of_exception(exc))
                return
        if self._defer_loading:
            # read in a worker thread: a slow disk, a huge or hanging file in the exercise
            # folder keeps the list saying "loading", never the window frozen
            threading.Thread(
                target=lambda: self._contentRead.emit(self._read_content()),
                name="exercise-library",
                daemon=True,
            ).start()
        else:
            self._show_content(self._read_content())

    def _read_content(self) -> tuple[ClipLibrary, Catalog, BaseException | None]:
        """The clip library and the exercises (any thread); what went wrong, if anything
        (worded on the GUI thread).

        The app (``defer_loading``) takes them from its cache when nothing they come from
        changed since the last run (``trainer.core.content_cache``: 3 ms instead of 70). The
        list's rows kept beside it go to the window first (``_listRead``), before the models'
        modules and pydantic (about 150 ms) are loaded to read the rest."""
        copy: CachedContent | None = None
        try:
            if self._defer_loading:
                from trainer.core.content_cache import CachedContent

                copy = CachedContent([*self._exercise_dirs, audio_dir()])
                if copy.index is not None:
                    self._listRead.emit(copy.index)
        except Exception:  # (the cache is only a shortcut: the content is read below)
            copy = None
        from trainer.core.clips import ClipLibrary, load_shipped_library
        from trainer.core.exercise_list import listing_of
        from trainer.core.loader import Catalog, load_catalog

        def read() -> tuple[ClipLibrary, Catalog]:
            clips = load_shipped_library(audio_dir())
            return clips, load_catalog(self._exercise_dirs, clips.languages)

        from trainer.store.practice_history import with_generated  # (drills made earlier)

        try:
            if copy is not None:
                clips, catalog = copy.value(read, index=lambda read: listing_of(read[1]))
            else:
                clips, catalog = read()
            return clips, with_generated(catalog, self.data_dir, clips.languages), None
        except Exception as exc:  # a bug in reading must still leave a working window
            return ClipLibrary(audio_dir()), Catalog(), exc

    def _show_list(self, rows: Sequence[ListedExercise]) -> None:
        """The exercise list from the cache's rows, while the exercises are read: it can be
        gone through, and Enter on an exercise starts it once they are (``_pending_start``);
        the rest of the home screen waits for them, greyed."""
        if self._content_shown or self._closed:
            return
        self.home.show_list(rows, self._last_exercise_at_start)
        self.home.set_list_only(True)
        self.home.setEnabled(True)
        self.home.exercise_tree.setFocus()
        self._list_shown_early = True
        self.listFilled.emit()

    def _show_content(self, content: tuple[ClipLibrary, Catalog, BaseException | None]) -> None:
        from trainer.settings import load_settings

        self.settings, self._settings_problem = load_settings(self.data_dir)
        self.clips, self.catalog, failed = content
        self._content_shown = True
        listed_early = self._list_shown_early
        if failed is not None:  # the rows from the cache stand for exercises that were not read
            self._list_shown_early = False
        self._fill_home()
        self.home.set_list_only(False)
        self.home.setEnabled(True)
        self.show_home()
        if not listed_early:
            self.listFilled.emit()
        self.contentLoaded.emit()
        if failed is not None:
            from PySide6.QtWidgets import QMessageBox

            from trainer.core.messages import message_of

            # a problem said in the person's words; a bug by its name, for whoever reports it
            problem = (
                messages.of_exception(failed)
                if message_of(failed) is not None
                else f"{type(failed).__name__}: {failed}"
            )
            QMessageBox.warning(
                self,
                self.tr("Oefeningen"),
                self.tr("De oefeningen konden niet worden gelezen: %1").replace("%1", problem),
            )
        # after the window is up: questions about lost sessions or a damaged settings file
        QTimer.singleShot(0, self._after_start)

    def _connect_signals(self) -> None:
        home = self.home
        home.trainee_combo.currentIndexChanged.connect(self._on_trainee_changed)
        home.new_trainee_button.clicked.connect(self._on_new_trainee)
        home.exercise_tree.currentItemChanged.connect(self._on_exercise_selected)
        home.exercise_tree.activatedExercise.connect(self._on_start_exercise)
        home.exercise_tree.itemDoubleClicked.connect(
            lambda item, _col: self._on_start_exercise(item.data(0, EXERCISE_ID_ROLE) or "")
        )
        home.start_button.clicked.connect(self._on_start_selected)
        home.settings_button.clicked.connect(self.open_settings)
        home.record_button.clicked.connect(self.open_recorder)
        from trainer.ui import practice  # adaptive practice (Ctrl+P) and the list's marks

        keys: dict[str, Callable[[], object]] = {
            "Ctrl+N": self._on_new_trainee,
            "Ctrl+,": self.open_settings,
            **practice.install_home(self),
        }
        from trainer.ui import exam_start  # an exam (Ctrl+Shift+X), the evaluators (Ctrl+E)

        keys |= exam_start.install_evaluators(self)
        keys |= exam_start.install_home(self)
        # the coach's view (coach_view): a past result, the sessions list, the trainees
        home.recent_table.activated.connect(self._on_recent_activated)  # Enter, double-click
        home.sessions_button.clicked.connect(self.open_sessions)
        home.trainees_button.clicked.connect(self.open_trainees)
        home.progress_button.clicked.connect(self.open_progress)
        keys |= {
            "Ctrl+H": self.open_sessions,
            "Ctrl+T": self.open_trainees,
            "Ctrl+G": self.open_progress,
        }
        if self._defer_loading:
            # the home screen's buttons are greyed until its content is read (only the list
            # can be used before), so its keys wait for the content too; they also spare the
            # first frame QKeySequence's and QShortcut's classes with their enums (about 1 ms)
            self.contentLoaded.connect(lambda: self._install_keys(keys))
        else:
            self._install_keys(keys)

    def _install_keys(self, home_keys: dict[str, Callable[[], object]]) -> None:
        """The home screen's shortcuts, and the text size's on every page."""
        from PySide6.QtGui import QKeySequence, QShortcut

        for keys, action in home_keys.items():
            QShortcut(QKeySequence(keys), self.home, action)
        # the text size, on every page (Ctrl+= too: the plus is a shifted key on many keyboards)
        for sequence, direction in (
            (QKeySequence.StandardKey.ZoomIn, 1),
            (QKeySequence("Ctrl+="), 1),
            (QKeySequence.StandardKey.ZoomOut, -1),
            (QKeySequence("Ctrl+0"), 0),
        ):
            QShortcut(sequence, self, lambda d=direction: self.change_text_size(d))

    def _page(self, name: str, make: Callable[[], PageT]) -> PageT:
        """A page of the stack, made and added the first time it is asked for."""
        if name not in self._pages:
            self._pages[name] = make()
            self.stack.addWidget(self._pages[name])
        return cast(PageT, self._pages[name])

    @property
    def drill_view(self) -> DrillView:
        """The copy-typing page."""
        from trainer.ui.drill_view import DrillView

        return self._page("drill", DrillView)

    @property
    def dictation_view(self) -> DictationView:
        """The dictation page."""
        from trainer.ui.dictation_view import DictationView

        return self._page("dictation", DictationView)

    @property
    def call_view(self) -> CallView:
        """The agent desktop."""
        from trainer.ui.call_view import CallView

        return self._page("call", CallView)

    @property
    def call_results(self) -> CallResultsView:
        """A call's results page."""
        from trainer.ui import rubric_dialog  # the coach's "Beoordeling…" (Ctrl+B)
        from trainer.ui.call_results_view import CallResultsView

        return self._page(
            "call_results",
            lambda: rubric_dialog.install(self, self._with_results_keys(CallResultsView())),
        )

    @property
    def results(self) -> ResultsView:
        """A typed session's results page; Ctrl+L plays where an error was said."""
        from trainer.ui import rubric_dialog  # the coach's "Beoordeling…" (Ctrl+B)
        from trainer.ui.results_view import ResultsView

        def make() -> ResultsView:
            from PySide6.QtGui import QKeySequence, QShortcut

            view = rubric_dialog.install(self, self._with_results_keys(ResultsView()))
            QShortcut(QKeySequence("Ctrl+L"), view, view.listen_button.click)
            view.listenRequested.connect(self._on_listen)
            return view

        return self._page("results", make)

    def _with_results_keys(self, view: ResultsT) -> ResultsT:
        """A results page's ways on: again (Ctrl+R) and back home (Escape). Its buttons never
        take the focus (the views see to it), so a Space or Enter still typed after a drill
        ended by itself does not start another one or leave the page."""
        from PySide6.QtGui import QKeySequence, QShortcut

        view.again_button.clicked.connect(self._on_again)
        view.back_button.clicked.connect(self._on_results_back)
        QShortcut(QKeySequence("Ctrl+R"), view, self._on_again)
        # back home, or to where a coach opened a past result (coach_view)
        QShortcut(QKeySequence("Escape"), view, self._on_results_back)
        view.report_button.clicked.connect(self._on_report)
        QShortcut(QKeySequence("Ctrl+S"), view, self._on_report)
        # "Oefen deze toetsen" (Ctrl+P): the report's advice (a chat's, a shift's page has none)
        if hasattr(view, "practise_button"):
            from trainer.ui import practice

            practice.install_results(self, view)
        from trainer.ui import replay_open  # "Terugkijken…" (Ctrl+J): the session replay

        replay_open.install(self, view)
        return view

    def _on_report(self) -> None:
        """The "Rapport" button (Ctrl+S): ask where, save the report of the result shown."""
        from trainer.ui.report.save import save_report_as

        row = self.store.session(self._reported[1]) if self._reported else None
        if self._reported is None or row is None:
            return
        exercise, _id, result = self._reported
        assessed = self.store.assessment(_id)  # the coach's rubric, beside the results
        trainee = self.store.trainee(row.trainee_id)  # their keyboard, for the heat map
        keys = trainee.keyboard if trainee else None
        sounds = self.clips.transcripts
        save_report_as(self, exercise, row.journal_path, result, sounds, assessed, keys, self.clips)  # type: ignore[arg-type]

    # home -------------------------------------------------------------------------------
    def _save_settings(self) -> None:
        """Keep the choices made (trainee, exercise, sound); on a full or read-only disk they
        are kept for this run and the status bar says so: nothing else depends on them."""
        from trainer.settings import save_settings

        try:
            save_settings(self.data_dir, self.settings)
        except OSError as exc:
            self.statusBar().showMessage(
                self.tr("De instellingen konden niet worden bewaard in %1: %2")
                .replace("%1", str(self.data_dir))
                .replace("%2", exc.strerror or str(exc))
            )

    def _fill_home(self) -> None:
        from trainer.ui import language

        self._language_shown = language.current()  # (the lists are filled in it)
        if self._list_shown_early:  # the same exercises: the trainee's place in it is kept
            self._on_exercise_selected()
        else:
            self.home.show_catalog(self.catalog, self.settings.last_exercise_id)
        self._fill_trainees(self.settings.last_trainee_id)

    def _fill_trainees(self, select_id: int | None) -> None:
        combo = self.home.trainee_combo
        combo.blockSignals(True)
        combo.clear()
        for trainee in self.store.trainees(archived=False):  # (archived: in Cursisten only)
            combo.addItem(trainee.name, trainee.id)
        index = combo.findData(select_id) if select_id is not None else -1
        combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
        combo.blockSignals(False)
        self._on_trainee_changed()

    def current_trainee(self) -> Trainee | None:
        """The trainee chosen on the home screen."""
        combo = self.home.trainee_combo
        trainee_id = combo.currentData()
        if trainee_id is None:
            return None
        import sqlite3  # (loaded with the store, after the first frame: never before it)

        from trainer.store import Trainee

        # the store's row, for the trainee's own settings; the combo's name when the row went
        # missing or the store cannot be read now (a start then says what is wrong with it)
        try:
            stored = self.store.trainee(trainee_id)
        except sqlite3.Error:
            stored = None
        return stored or Trainee(trainee_id, combo.currentText())

    def show_home(self) -> None:
        """Back to the home screen, with fresh results."""
        self._stop_listening()
        self._on_trainee_changed()
        self.stack.setCurrentWidget(self.home)
        self.home.exercise_tree.setFocus()

    def _on_trainee_changed(self, *_args: object) -> None:
        trainee = self.current_trainee()
        self._apply_language(trainee)
        self._apply_appearance(trainee)
        recent = self.store.recent_sessions(trainee.id) if trainee else []
        self.home.show_recent(recent, self.store.folder)  # (exam rows: their seals, after)
        from trainer.ui import practice  # the exercises done and passed, marked

        practice.refresh_marks(self)
        if trainee and trainee.id != self.settings.last_trainee_id:
            self.settings.last_trainee_id = trainee.id
            self._save_settings()

    def _on_new_trainee(self) -> Trainee | None:
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        name, ok = QInputDialog.getText(
            self, self.tr("Nieuwe cursist"), self.tr("Naam van de cursist:")
        )
        if not ok or not name.strip():
            return None
        try:
            trainee = self.store.add_trainee(name)
        except ValueError:
            QMessageBox.warning(
                self,
                self.tr("Nieuwe cursist"),
                self.tr("Er is al een cursist met de naam “%1”.").replace("%1", name.strip()),
            )
            return None
        self._fill_trainees(trainee.id)
        return trainee

    def open_settings(self) -> None:
        """The settings (language, text size, theme, sound); kept when the dialog is accepted,
        and a language, text size or theme chosen there is shown at once."""
        from trainer.ui.settings_dialog import SettingsDialog

        trainee = self.current_trainee()
        size = self.text_size(trainee)
        dialog = SettingsDialog(self.settings, self, trainee=trainee, text_size=size)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.settings = dialog.result_settings()
            self._save_settings()
            if trainee is not None and dialog.result_trainee_language() != trainee.language:
                self.store.set_trainee_language(trainee.id, dialog.result_trainee_language())
            if dialog.result_text_size() != size:  # the trainee's, as Ctrl+plus would
                self.set_text_size(dialog.result_text_size(), trainee)
            # the language, text size and theme shown at once, the home lists in them
            self._on_trainee_changed()

    # appearance ---------------------------------------------------------------------------
    def _restore_appearance(self, data_dir: Path) -> None:
        """The text size, theme and window place of the last run, before the first frame
        (read without the settings model: see ``appearance.saved_at_start``)."""
        saved = appearance.saved_at_start(data_dir)
        self._last_exercise_at_start = saved.get("last_exercise_id")  # (for _show_list)
        appearance.apply(
            appearance.text_size_of(saved.get("text_size")), saved.get("theme", "normal")
        )
        appearance.restore_window(
            self, saved.get("window"), saved.get("window_maximised") == "true"
        )

    def text_size(self, trainee: Trainee | None = None) -> int:
        """The text size (percent) for the trainee (their own, else the app's)."""
        if trainee is not None and trainee.text_size is not None:
            return trainee.text_size
        return self.settings.text_size

    def _apply_appearance(self, trainee: Trainee | None) -> None:
        appearance.apply(self.text_size(trainee), self.settings.theme)

    def change_text_size(self, direction: int) -> None:
        """Ctrl+plus (1), Ctrl+minus (-1), Ctrl+0 (0: the normal size): for the trainee
        chosen, else for the app; remembered."""
        if not hasattr(self, "settings"):  # (the settings are read after the first frame)
            return
        trainee = self.current_trainee()
        now = self.text_size(trainee)
        wanted = appearance.step(now, direction) if direction else appearance.NORMAL_SIZE
        self.set_text_size(wanted, trainee)
        self.statusBar().showMessage(self.tr("Tekstgrootte: %1 %").replace("%1", str(wanted)))

    def set_text_size(self, size: int, trainee: Trainee | None) -> None:
        """Show and remember a text size: the trainee's when one is chosen, else the app's."""
        if trainee is not None:
            self.store.set_trainee_text_size(trainee.id, size)
        elif size != self.settings.text_size:
            self.settings.text_size = size
            self._save_settings()
        self._apply_appearance(self.current_trainee())

    # language ---------------------------------------------------------------------------
    def _apply_language(self, trainee: Trainee | None) -> None:
        """Speak the trainee's language, else the settings', else the system's; installing
        another one sends the LanguageChange that ``changeEvent`` answers."""
        from trainer.ui import language

        wanted = language.chosen(self.settings.language, trainee.language if trainee else None)
        if wanted != language.installed():
            language.install(wanted)

    def changeEvent(self, event: QEvent) -> None:
        """Another language: the home screen's lists are filled again in it, and the other
        pages are made again when next needed (they are only left from the home screen, where
        a language is chosen, so none of them is showing)."""
        from trainer.ui import language

        shown = self._language_shown  # None: the lists are not filled yet
        changed = shown is not None and shown != language.current()
        if event.type() == QEvent.Type.LanguageChange and changed and not self._closed:
            self._language_shown = language.current()
            if self.drill is not None and not self.drill.active:
                # the session that ended lives on its page (its child): both go
                self.drill.deleteLater()
                self.drill = None
            for name, page in list(self._pages.items()):
                if page is not self.stack.currentWidget():
                    self.stack.removeWidget(page)
                    page.deleteLater()
                    del self._pages[name]
            item = self.home.exercise_tree.currentItem()
            selected = item.data(0, EXERCISE_ID_ROLE) if item else None
            self.home.show_catalog(self.catalog, selected or self.settings.last_exercise_id)
            self._on_exercise_selected()
            trainee = self.current_trainee()
            recent = self.store.recent_sessions(trainee.id) if trainee else []
            self.home.show_recent(recent, self.store.folder)
            from trainer.ui import practice  # (the list was filled again: its marks too)

            practice.refresh_marks(self)
        super().changeEvent(event)

    def open_progress(self) -> None:
        """The trainee's progress charts, a group's table and their keys (Ctrl+G): a window
        of its own, beside the home screen."""
        from PySide6.QtCore import Qt

        from trainer.ui.progress_view import ProgressDialog

        trainee = self.current_trainee()
        shown = getattr(self, "progress_dialog", None)
        try:  # Ctrl+G again: the window already open comes forward, on the trainee chosen
            if shown is not None and shown.isVisible():
                index = shown.trainee_combo.findData(trainee.id) if trainee else -1
                if index >= 0:
                    shown.trainee_combo.setCurrentIndex(index)
                shown.raise_()
                shown.activateWindow()
                return
        except RuntimeError:  # (closed: Qt deleted it)
            pass
        dialog = ProgressDialog(
            self.store, self.catalog, self.clips.transcripts, trainee.id if trainee else None, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.progress_dialog = dialog
        dialog.show()
        dialog.activateWindow()  # its keys at once

    def open_recorder(self) -> None:
        """Record new customer clips into the library (for coaches)."""
        from trainer.ui.record_dialog import RecordDialog

        dialog = RecordDialog(
            audio_dir(),
            input_device=self.settings.input_device,
            output_device=self.headset(),
            parent=self,
        )
        dialog.saved.connect(self._on_clip_saved)
        dialog.exec()

    def _on_clip_saved(self, library: ClipLibrary) -> None:
        self.clips = library

    def _on_exercise_selected(self, *_args: object) -> None:
        if not self._content_shown:  # (the list filled from the cache: details follow)
            return
        item = self.home.exercise_tree.currentItem()
        exercise_id = item.data(0, EXERCISE_ID_ROLE) if item else None
        entry = self.catalog.by_id(exercise_id) if exercise_id else None
        self.home.show_details(entry.exercise if entry else None)

    def _on_start_selected(self) -> None:
        item = self.home.exercise_tree.currentItem()
        if item and item.data(0, EXERCISE_ID_ROLE):
            self._on_start_exercise(item.data(0, EXERCISE_ID_ROLE))

    def _on_start_exercise(self, exercise_id: str) -> None:
        if not self._content_shown:  # started once the exercises are read (_after_start)
            self._pending_start = exercise_id
            return
        entry = self.catalog.by_id(exercise_id)
        if entry is None:
            return
        trainee = self.current_trainee() or self._on_new_trainee()
        if trainee is None:
            return
        from trainer.ui.write_problem import data_folder_ready

        if not data_folder_ready(self, self.data_dir):  # said before the settings are saved
            return
        self.settings.last_exercise_id = exercise_id
        self._save_settings()
        self.start_exercise(entry.exercise, trainee)

    def start_exercise(self, exercise: ExerciseBase, trainee: Trainee) -> SessionController | None:
        """Open the screen for the exercise's kind on a new session."""
        from PySide6.QtWidgets import QMessageBox

        from trainer.ui.write_problem import data_folder_ready

        if not data_folder_ready(self, self.data_dir):  # missing, read-only or full: said now
            return None
        # each kind's model comes with its own start (EXERCISE_KINDS and the loader see to it)
        starts: dict[str, Callable[[Any, Trainee], SessionController]] = {
            "dictation": self.start_dictation,
            "copy": self.start_drill,
            "call": self.start_call,
            "chat": self.start_chat,
            "queue": self.start_queue,
        }
        start = starts.get(exercise.kind)
        if start is not None:
            import sqlite3  # (loaded with the store: not at the top, before the first frame)

            try:
                return start(exercise, trainee)
            except (OSError, sqlite3.Error) as exc:  # the disk filled or went since the check
                self.show_home()
                QMessageBox.warning(
                    self,
                    self.tr("Oefening kan niet starten"),
                    self.tr(
                        "De oefening kon niet starten: de map %1 kan het logboek of de "
                        "gegevens niet bewaren (%2). Maak ruimte vrij of kies een andere map."
                    )
                    .replace("%1", str(self.data_dir))
                    .replace("%2", getattr(exc, "strerror", None) or str(exc)),
                )
                return None
        QMessageBox.information(
            self,
            self.tr("Nog niet beschikbaar"),
            self.tr("Oefeningen van de soort “%1” kan deze versie nog niet starten.").replace(
                "%1", exercise.kind
            ),
        )
        return None

    # drill and results ------------------------------------------------------------------
    def _begin(self, session: SessionController, exercise: ExerciseBase) -> None:
        self._stop_listening()
        if self.drill is not None:
            self.drill.deleteLater()
        self._last_exercise = exercise
        self.drill = session
        session.ended.connect(self._on_drill_ended)

    def start_drill(self, exercise: CopyExercise, trainee: Trainee) -> DrillController:
        """Open the copy-typing screen on a new session."""
        from trainer.ui.drill_controller import DrillController

        self.stack.setCurrentWidget(self.drill_view)
        drill = DrillController(self.drill_view, exercise, trainee, self.store, self.data_dir)
        self._begin(drill, exercise)
        self.drill_view.surface.setFocus()
        return drill

    def start_dictation(self, exercise: DictationExercise, trainee: Trainee) -> DictationController:
        """Open the dictation screen on a new session (on ``headset()``)."""
        from trainer.ui.dictation_controller import DictationController

        self.stack.setCurrentWidget(self.dictation_view)
        device = self.headset()
        dictation = DictationController(
            self.dictation_view,
            exercise,
            trainee,
            self.store,
            self.data_dir,
            self.clips,
            device=device,
            volume=self.settings.volume,
            rewind_on_resume=self.settings.rewind_on_resume,
        )
        self._begin(dictation, exercise)
        self.dictation_view.editor.setFocus()
        return dictation

    def headset(self) -> str | None:
        """The output device: SIMULTAAN_AUDIO_DEVICE (exam rooms, CI), else the one chosen in
        the settings, else the system's default."""
        return os.environ.get("SIMULTAAN_AUDIO_DEVICE") or self.settings.output_device

    def start_chat(self, exercise: ChatExercise, trainee: Trainee) -> ChatController:
        """Open the chat screen on a new session (its customers' chats, the shared knowledge
        base of its language)."""
        from trainer.ui.chat_controller import ChatController
        from trainer.ui.chat_view import ChatView

        view = self._page("chat", ChatView)
        self.stack.setCurrentWidget(view)
        chat = ChatController(
            view, exercise, trainee, self.store, self.data_dir, exercises=self._exercise_dirs[0]
        )
        self._begin(chat, exercise)
        view.setFocus()
        return chat

    def start_call(self, exercise: CallExercise, trainee: Trainee) -> CallController:
        """Open the agent desktop on a new call (on ``headset()``)."""
        from trainer.ui.call_controller import CallController

        self.stack.setCurrentWidget(self.call_view)
        device = self.headset()
        call = CallController(
            self.call_view,
            exercise,
            trainee,
            self.store,
            self.data_dir,
            self.clips,
            device=device,
            volume=self.settings.volume,
            record_voice=self.settings.record_voice,
            microphone=self.settings.input_device,
        )
        self._begin(call, exercise)
        self.call_view.setFocus()
        return call

    def start_queue(self, exercise: QueueExercise, trainee: Trainee) -> QueueController:
        """Open the helpdesk queue on a new shift."""
        from trainer.core.knowledge import session_base
        from trainer.ui.queue_controller import QueueController
        from trainer.ui.queue_view import QueueView

        view = self._page("queue", QueueView)
        self.stack.setCurrentWidget(view)
        base = session_base(self._exercise_dirs[0], exercise.language, exercise.knowledge)
        queue = QueueController(
            view,
            exercise,
            trainee,
            self.store,
            self.data_dir,
            base,
            library=self.clips,  # the callers' recordings, in the headset
            device=self.headset(),
            volume=self.settings.volume,
        )
        self._begin(queue, exercise)
        view.contacts.setFocus()
        return queue

    def _on_drill_ended(self, result: Result, _session_id: int) -> None:
        from trainer.core.call_scoring import CallResult
        from trainer.core.scoring import SessionResult, reference_of

        if self._last_exercise is not None:
            self._reported = (self._last_exercise, _session_id, result)
        from trainer.ui import practice  # the list marks the exercise done (or passed)

        practice.refresh_marks(self)
        self._back_to = None  # the trainee's own result: again, or back home
        if getattr(result, "kind", None) == "chat":  # a chat session
            from trainer.ui.chat_results_view import show_chat_result

            show_chat_result(self, result, self._last_exercise)  # type: ignore[arg-type]
            return
        if getattr(result, "kind", None) == "queue":  # a shift in the helpdesk queue
            from trainer.ui.queue_results_view import show_queue_result

            show_queue_result(self, result)  # type: ignore[arg-type]
            return
        page = self.call_results if isinstance(result, CallResult) else self.results
        page.again_button.show()
        if isinstance(result, CallResult):
            self.call_results.show_result(result)
            self.stack.setCurrentWidget(self.call_results)
            self.call_results.competences.setFocus()  # not a button: see _with_results_keys
            return
        assert self._last_exercise is not None and isinstance(result, SessionResult)
        reference = reference_of(self._last_exercise, self.clips.transcripts)
        self.results.show_result(result, reference, self._where_said())
        self.stack.setCurrentWidget(self.results)
        self.results.alignment.setFocus()  # not a button: see _with_results_keys

    def _where_said(self) -> Callable[[int], tuple[str, float]] | None:
        """For a dictation: where in the audio a character of its text was said."""
        exercise = self._last_exercise
        if exercise is None or exercise.kind != "dictation":
            return None
        from trainer.audio.sounds import AudioFileError, audio_seconds
        from trainer.core.clips import where_said

        clip_ids: list[str] = exercise.clips  # type: ignore[attr-defined]
        durations = {}
        for clip_id in clip_ids:
            try:
                durations[clip_id] = audio_seconds(self.clips.path_of(self.clips.clips[clip_id]))
            except AudioFileError:
                durations[clip_id] = 0.0
        transcripts = self.clips.transcripts
        return lambda offset: where_said(clip_ids, transcripts, durations, offset)

    def _on_listen(self, clip_id: str, second: float) -> None:
        """Play a clip from a second before where an error was said."""
        from PySide6.QtWidgets import QMessageBox

        from trainer.audio.engine import AudioDeviceError, AudioEngine, Voice
        from trainer.audio.sounds import AudioFileError, clip_frames

        self._stop_listening()
        engine = AudioEngine(self.headset())
        engine.master = self.settings.volume
        try:
            engine.start()
            path = self.clips.path_of(self.clips.clips[clip_id])
            frames = clip_frames(path, engine.samplerate, telephone=True)
        except (AudioDeviceError, AudioFileError) as exc:
            engine.stop()
            QMessageBox.warning(self, self.tr("Geluid"), messages.of_exception(exc))
            return
        self._listener = engine
        engine.play(
            engine.add(Voice(clip_id, frames)), int(max(0.0, second - 1.0) * engine.samplerate)
        )

    def _stop_listening(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()

    def _on_again(self) -> None:
        if self._back_to is not None:  # a past result a coach opened: not the trainee's turn
            return
        trainee = self.current_trainee()
        if self._last_exercise is not None and trainee is not None:
            self.start_exercise(self._last_exercise, trainee)

    # start and stop ---------------------------------------------------------------------
    def _after_start(self) -> None:
        if self._closed:  # closed before its first turn of the event loop (tests, scripts)
            return
        from PySide6.QtWidgets import QMessageBox

        from trainer.ui import central_status  # results sent to the exam centre's store, if any

        self._central = central_status.attach(self, self.store, self.settings.database_url)
        if self._settings_problem is not None:
            QMessageBox.warning(
                self,
                self.tr("Instellingen"),
                self.tr(
                    "Het instellingenbestand was beschadigd en is opzijgezet; de "
                    "standaardinstellingen worden gebruikt.\n\n%1"
                ).replace("%1", messages.text(self._settings_problem)),
            )
        if self._store_set_aside is not None:
            self._rebuild_store(self._store_set_aside)
            return
        self._offer_recovery()
        if self._pending_start is not None:  # Enter on the list while it was being read
            exercise_id, self._pending_start = self._pending_start, None
            self._on_start_exercise(exercise_id)

    def _offer_recovery(self) -> None:
        """Sessions an earlier run lost (killed, power cut) and journals the store does not
        know are offered for recovery; those still running (in this window, another one on
        this computer, or another workstation on a shared folder) are left alone and named."""
        from PySide6.QtWidgets import QMessageBox

        from trainer.store.on_disk import live_sessions, unknown_journals

        unfinished = self.store.unfinished_sessions()
        orphans = unknown_journals(self.store, self.data_dir)
        live = live_sessions([row.journal_path for row in unfinished] + orphans)
        held = {session.journal for session in live}
        own = self.drill.journal.path if self.drill is not None else None
        others = [s for s in live if s.journal != own]
        if others:
            running = words.count(
                len(others), words.tr("%n oefening loopt nog"), words.tr("%n oefeningen lopen nog")
            )
            self.statusBar().showMessage(
                self.tr("%1 op werkplek %2; herstellen kan hier niet.")
                .replace("%1", running)
                .replace("%2", ", ".join(sorted({s.workstation for s in others})))
            )
        lost = [row for row in unfinished if row.journal_path not in held]
        orphans = [path for path in orphans if path not in held]
        if not lost and not orphans:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Onderbroken sessies"),
            self.tr(
                "Simultaan werd afgesloten tijdens %1. Wat er getypt werd, staat in het "
                "logboek. Nu herstellen en scoren?"
            ).replace(
                "%1",
                words.count(
                    len(lost) + len(orphans), words.tr("%n oefening"), words.tr("%n oefeningen")
                ),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            from trainer.store.recovery import recover_session

            transcripts = self.clips.transcripts
            outcomes = [recover_session(self.store, self.catalog, r, transcripts) for r in lost]
            outcomes += self._adopt(orphans, self.tr("Sessies herstellen…"))
            self._on_trainee_changed()
            self._say_recovered(outcomes)

    def _say_recovered(self, outcomes: list[Recovery]) -> None:
        """How many sessions came back, whose journal had lines skipped as damaged, and whose
        could not be recovered and why."""
        from trainer.ui.results_view import damage_note

        recovered = [o for o in outcomes if o.recovered]
        said = [
            words.count(
                len(recovered), words.tr("%n sessie hersteld."), words.tr("%n sessies hersteld.")
            )
        ]
        whose = self.tr("%1: %2")  # (a trainee's name, then what became of their session)
        for outcome in outcomes:
            if outcome.damaged_lines:
                note = damage_note(list(outcome.damaged_lines))
            elif outcome.problem is not None:  # closed as lost: why, in the coach's words
                note = self.tr("niet hersteld: %1").replace("%1", messages.text(outcome.problem))
            else:
                continue
            said.append(whose.replace("%1", outcome.session.trainee).replace("%2", note))
        self.statusBar().showMessage(" ".join(said))

    def _adopt(self, journals: list[Path], label: str) -> list[Recovery]:
        """Score journals into the store with a progress bar when there are many; returns
        what became of each."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QProgressDialog

        from trainer.store.on_disk import adopt_journals

        dialog: QProgressDialog | None = None
        if len(journals) > 5:
            dialog = QProgressDialog(label, self.tr("Later"), 0, len(journals), self)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)

        def progress(done: int) -> bool:
            if dialog is None:
                return True
            dialog.setValue(done)
            QApplication.processEvents()
            return not dialog.wasCanceled()

        adopted = adopt_journals(
            self.store, self.catalog, journals, self.clips.transcripts, progress
        )
        if dialog is not None:
            dialog.setValue(len(journals))
        return adopted

    def _rebuild_store(self, aside: Path) -> None:
        """The store was damaged: its sessions come back from the journals on disk."""
        from PySide6.QtWidgets import QMessageBox

        from trainer.store.on_disk import journals_on_disk

        journals = journals_on_disk(self.data_dir)
        count = len(self._adopt(journals, self.tr("Gegevensbestand opnieuw opbouwen…")))
        self._fill_trainees(self.settings.last_trainee_id)
        QMessageBox.warning(
            self,
            self.tr("Gegevensbestand hersteld"),
            self.tr(
                "Het gegevensbestand %1 was beschadigd. Het is opzijgezet als %2 en opnieuw "
                "opgebouwd uit de logboeken: %3 teruggezet."
            )
            .replace("%1", str(self.store.path))
            .replace("%2", aside.name)
            .replace("%3", words.count(count, words.tr("%n sessie"), words.tr("%n sessies"))),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window during a session asks first, as Escape does: yes keeps it as an
        abandoned session and closes, no leaves the window open and the session running."""
        drill = self.drill
        if drill is not None and drill.active:
            if not drill.confirm_stop():
                event.ignore()
                return
            if drill.active:  # (it may have ended by itself while the question was open)
                drill.finish("abandoned")
        self._stop_listening()
        replay = getattr(self, "_replay", None)  # (its sound device is let go with it)
        if replay is not None:
            replay.close()
        if hasattr(self, "settings"):  # the window's place, for the next start
            self.settings.window = appearance.window_text(self)
            self.settings.window_maximised = self.isMaximized()
            self._save_settings()
        central = getattr(self, "_central", None)  # (what waits is sent at the next start)
        if central is not None:
            central.stop()
        if self._store is not None:
            self._store.close()
        self._closed = True
        super().closeEvent(event)
