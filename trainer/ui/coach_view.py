"""The coach's part of the main window: past results opened again, the sessions list
("Sessies", Ctrl+H) and the trainees ("Cursisten", Ctrl+T).

A past result opens on the same results page the trainee saw (typing or call results, with
its Rapport… button), from the home screen's recent results or the sessions list, by Enter or a
double-click; Escape goes back there. "Again" is the trainee's own way on after a session, so a
result opened again hides it: a coach looking back does not start a session for whoever is
chosen on the home screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QWidget

from trainer.ui import messages

if TYPE_CHECKING:
    from trainer.seal.parts import FileCheck
    from trainer.ui.main_window import MainWindow
    from trainer.ui.sessions_view import SessionsView


class CoachViews:
    """Mixed into ``MainWindow``."""

    _back_to: QWidget | None = None  # where Escape on a result opened again goes

    @property
    def sessions_view(self) -> SessionsView:
        """The sessions list (made the first time it is asked for)."""
        self = cast("MainWindow", self)  # (a mixin: mypy sees the window)
        from trainer.ui.replay_open import replay_session
        from trainer.ui.sessions_view import SessionsView

        def make() -> SessionsView:
            view = SessionsView()
            view.openRequested.connect(lambda sid: self.open_past_result(sid, view))
            view.replayRequested.connect(lambda sid: replay_session(self, sid, view))
            view.backRequested.connect(self.show_home)
            return view

        return self._page("sessions", make)

    def open_sessions(self) -> None:
        """Show the sessions list, read from the store now."""
        self = cast("MainWindow", self)  # (a mixin: mypy sees the window)
        view = self.sessions_view
        view.load(self.store, self.catalog)
        self.stack.setCurrentWidget(view)
        view.table.setFocus()

    def open_trainees(self) -> None:
        """The trainees dialog; the pick list follows what changed (an archived trainee
        leaves it, a renamed one is there by the new name)."""
        self = cast("MainWindow", self)  # (a mixin: mypy sees the window)
        from trainer.ui.trainees_dialog import TraineesDialog

        dialog = TraineesDialog(self.store, self)
        dialog.exec()
        if dialog.changed:
            current = self.current_trainee()
            self._fill_trainees(current.id if current else None)

    def _on_recent_activated(self) -> None:
        """Enter or a double-click on a recent result opens it."""
        self = cast("MainWindow", self)  # (a mixin: mypy sees the window)
        item = self.home.recent_table.item(self.home.recent_table.currentRow(), 0)
        session_id = item.data(256) if item else None  # (Qt.ItemDataRole.UserRole)
        if session_id is not None:
            self.open_past_result(int(session_id), self.home)

    def open_past_result(self, session_id: int, back_to: QWidget | None = None) -> bool:
        """Show a session's result again on its results page (Escape: back to ``back_to``,
        the home screen by default); a session without one says why. True when shown."""
        self = cast("MainWindow", self)  # (a mixin: mypy sees the window)
        from PySide6.QtWidgets import QMessageBox

        from trainer.core.messages import Said
        from trainer.store.past_result import past_result

        row = self.store.session(session_id)
        if row is None:
            return False
        try:
            past = past_result(row, self.catalog, self.clips.transcripts, self.store.folder)
        except Said as exc:
            QMessageBox.information(
                self,
                self.tr("Resultaat openen"),
                self.tr("Dit resultaat kan niet geopend worden: %1").replace(
                    "%1", messages.of_exception(exc)
                ),
            )
            return False
        self._stop_listening()
        self._last_exercise = past.exercise  # (for where a dictation's errors were said)
        self._on_drill_ended(past.result, session_id)
        self._back_to = back_to or self.home
        page = self.stack.currentWidget()  # the results page of the session's kind
        assert page is not None
        page.again_button.hide()  # type: ignore[attr-defined]
        notes = [
            self.tr("%1, %2: een eerder resultaat.")
            .replace("%1", row.trainee)
            .replace("%2", row.started_at.replace("T", " ")[:16])
        ]
        if past.rescored == "missing":
            notes.append(
                self.tr("Opnieuw berekend uit het logboek (er was geen resultaat bewaard).")
            )
        elif past.rescored == "older":
            notes.append(
                self.tr("Opnieuw berekend uit het logboek (bewaard door een oudere versie).")
            )
        if past.exercise_changed:
            notes.append(self.tr("Let op: de oefening is sindsdien gewijzigd."))
        if past.seal is not None:
            notes.insert(0, self._seal_said(page, past.seal))
        self.statusBar().showMessage(" ".join(notes))
        return True

    def _seal_said(self, page: QWidget, seal: FileCheck) -> str:
        """An exam part's seal on its results page: an altered or unsealed result is not
        shown as valid (its verdict replaced, the reason above its figures)."""
        self = cast("MainWindow", self)  # (a mixin: mypy sees the window)
        from trainer.ui.style_flags import set_flag

        if seal.status == "intact":
            return (
                self.tr("Verzegeld door '%1' op %2: ongewijzigd.")
                .replace("%1", seal.station)
                .replace("%2", seal.sealed_at)
            )
        verdict, summary = page.verdict, page.summary  # type: ignore[attr-defined]
        if seal.status == "changed":
            verdict.setText(self.tr("GEWIJZIGD: GEEN GELDIG RESULTAAT"))
        else:
            verdict.setText(self.tr("NIET VERZEGELD: GEEN GELDIG RESULTAAT"))
        set_flag(verdict, "passed", False)
        why = messages.text(seal.why) if seal.why is not None else ""
        warning = self.tr("Dit examenresultaat is niet geldig: %1").replace("%1", why)
        summary.setText(warning + "\n\n" + summary.text())
        return warning

    def _on_results_back(self) -> None:
        """Escape or "Terug" on a results page: back where the coach opened it from, on the
        same row, or home after a session."""
        self = cast("MainWindow", self)  # (a mixin: mypy sees the window)
        back, self._back_to = self._back_to, None
        session_id = self._reported[1] if self._reported else None
        if back is None or back is self.home:
            self.show_home()
            if back is self.home and session_id is not None:
                table = self.home.recent_table
                for row in range(table.rowCount()):
                    item = table.item(row, 0)
                    if item is not None and item.data(256) == session_id:
                        table.setCurrentCell(row, 0)
                        table.setFocus()
            return
        self._stop_listening()
        self.statusBar().clearMessage()
        self.stack.setCurrentWidget(back)
        if back is self._pages.get("sessions") and session_id is not None:
            self.sessions_view.select_session(session_id)
            self.sessions_view.table.setFocus()
