"""The home screen: who is training, the exercises, and the trainee's recent results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.ui import messages, words
from trainer.ui.tables import filling, read_only_table

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from trainer.core.exercise import ExerciseBase
    from trainer.core.exercise_list import ListedExercise
    from trainer.core.loader import Catalog, Problem
    from trainer.store import SessionRow
    from trainer.store.exercise_marks import ExerciseMark

# The Qt namespace (hundreds of enums, 11-20 ms to load) is not needed to draw the home screen
# or fill its list, so this module names its members by number there (a key press loads it):
EXERCISE_ID_ROLE = 256  # Qt.ItemDataRole.UserRole
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
ALIGN_TOP_LEFT = 0x20 | 0x01  # Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
BROKEN_COLOUR = QColor("#b71c1c")
# generated practice drills are not listed (trainer.core.adaptive.ADAPTIVE_PREFIX, not imported
# for it: the list is filled before the core's scoring is needed)
GENERATED_PREFIX = "adaptive-"
MARK_COLUMN = 4  # done and passed, with the best result


class ExerciseTree(QTreeWidget):
    """The exercises by language, kind and level; Enter starts the one selected."""

    activatedExercise = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on an exercise starts it; on a group it opens or closes the group."""
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            exercise_id = item.data(0, EXERCISE_ID_ROLE) if item else None
            if exercise_id:
                self.activatedExercise.emit(exercise_id)
                event.accept()
                return
        super().keyPressEvent(event)

    def fit_columns(self) -> None:
        """Level, time and margin as wide as their header and texts (in the language and
        text size shown), the title taking the rest."""
        for column in range(1, self.columnCount()):
            self.resizeColumnToContents(column)

    def changeEvent(self, event: QEvent) -> None:
        """A larger or smaller text (Ctrl+plus, Ctrl+minus): the columns follow."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()


class HomeView(QWidget):
    """Widgets of the home screen; ``HomeController`` fills them and reacts to them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")

        title = QLabel("Simultaan")
        title.setObjectName("appTitle")
        self.trainee_combo = QComboBox()
        self.trainee_combo.setMinimumWidth(220)
        self._trainee_label = QLabel()
        self._trainee_label.setBuddy(self.trainee_combo)
        self.new_trainee_button = QPushButton()
        self.settings_button = QPushButton()
        self.record_button = QPushButton()
        self.sessions_button = QPushButton()  # the coach's sessions list (Ctrl+H)
        self.trainees_button = QPushButton()  # rename, archive, groups (Ctrl+T)
        self.progress_button = QPushButton()  # the trainee's progress, a group's table (Ctrl+G)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self._trainee_label)
        top.addWidget(self.trainee_combo)
        top.addWidget(self.new_trainee_button)
        # the coach's tools on a line of their own: on one line with the trainee's they made
        # the home screen 1,222 pixels wide at least, and every page with it (a stack is as
        # wide as its widest page), past the 1,200 of a training room's laptop window
        tools = QHBoxLayout()
        self.tools = tools  # (the exam room's buttons go in beside the sessions list's)
        tools.addStretch(1)
        tools.addWidget(self.trainees_button)
        tools.addWidget(self.sessions_button)
        tools.addWidget(self.progress_button)
        tools.addWidget(self.record_button)
        tools.addWidget(self.settings_button)

        self.exercise_tree = ExerciseTree()
        self.exercise_tree.setColumnCount(5)
        self.exercise_tree.setAlternatingRowColors(True)
        self.exercise_tree.header().setStretchLastSection(False)
        self.exercise_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 54), (2, 50), (3, 110)):
            self.exercise_tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.exercise_tree.setColumnWidth(column, width)
        self._exercises_box = exercises_box = QGroupBox()
        exercises_box.setObjectName("exercisesBox")
        box_layout = QVBoxLayout(exercises_box)
        box_layout.addWidget(self.exercise_tree)

        self.details = QLabel()
        self.details.setObjectName("exerciseDetails")
        self._details_set_up = False
        self.details.setWordWrap(True)  # (empty until the list is filled: see show_details)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startButton")
        self.start_button.setEnabled(False)
        # adaptive practice for the trainee chosen (Ctrl+P, trainer.ui.practice)
        self.practise_button = QPushButton()
        self.practise_button.setObjectName("practiseButton")

        self.recent_table = read_only_table([""] * 5)
        header = self.recent_table.horizontalHeader()
        for column in range(5):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == 1
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self._recent_box = recent_box = QGroupBox()
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.addWidget(self.recent_table)

        self._right = right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(self.start_button)
        right_layout.addWidget(self.practise_button)
        right_layout.addWidget(recent_box, 2)

        splitter = QSplitter()
        splitter.addWidget(exercises_box)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 500])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every fixed text in the language installed now (also when it changes)."""
        self._trainee_label.setText(self.tr("&Cursist:"))
        self.new_trainee_button.setText(self.tr("&Nieuwe cursist…"))
        self.settings_button.setText(self.tr("&Instellingen…"))
        self.record_button.setText(self.tr("Fragment o&pnemen…"))
        self.trainees_button.setText(self.tr("C&ursisten…"))
        self.trainees_button.setToolTip(
            self.tr("Cursisten hernoemen, archiveren, groepen (Ctrl+T)")
        )
        self.sessions_button.setText(self.tr("S&essies…"))
        self.sessions_button.setToolTip(self.tr("Alle sessies, met filters (Ctrl+H)"))
        self.progress_button.setText(self.tr("&Voortgang…"))
        self.progress_button.setToolTip(
            self.tr("Grafieken van de cursist, een groep vergeleken, fouten per toets (Ctrl+G)")
        )
        self.practise_button.setText(self.tr("Op &maat oefenen  (Ctrl+P)"))
        self.practise_button.setToolTip(
            self.tr(
                "Een oefening uit echte werkteksten met de toetsen, lettercombinaties en woorden "
                "die deze cursist de laatste tijd het vaakst fout typte"
            )
        )
        self.exercise_tree.setHeaderLabels(
            [
                self.tr("Oefening"),
                self.tr("Niveau"),
                self.tr("Tijd"),
                self.tr("Foutmarge"),
                self.tr("Behaald"),
            ]
        )
        self._exercises_box.setTitle(self.tr("&Oefeningen"))
        self.start_button.setText(self.tr("&Start oefening  (Enter)"))
        self.recent_table.setHorizontalHeaderLabels(
            [
                self.tr("Wanneer"),
                self.tr("Oefening"),
                self.tr("wpm"),
                self.tr("Fouten"),
                self.tr("Resultaat"),
            ]
        )
        self._recent_box.setTitle(self.tr("&Recente resultaten"))
        # a screen reader names the lists by their boxes' titles
        self.exercise_tree.setAccessibleName(self._exercises_box.title().replace("&", ""))
        self.recent_table.setAccessibleName(self._recent_box.title().replace("&", ""))
        self.recent_table.setAccessibleDescription(
            self.tr("Enter of dubbelklikken opent het resultaat.")
        )

    def changeEvent(self, event: QEvent) -> None:
        """Another language was installed: the fixed texts follow (the lists are filled
        again by the main window)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # filling ---------------------------------------------------------------------------
    def show_loading(self) -> None:
        """A placeholder while the exercises are read."""
        self.exercise_tree.clear()
        QTreeWidgetItem(self.exercise_tree, [self.tr("Oefeningen laden…")])

    def show_catalog(self, catalog: Catalog, select_id: str | None = None) -> None:
        """List the exercises by language > kind, sorted by level; broken files at the end."""
        from trainer.core.exercise_list import in_list_order, listed

        rows = in_list_order(listed(entry) for entry in catalog.entries)
        self.show_list(rows, select_id, catalog.broken)

    def show_list(
        self,
        rows: Sequence[ListedExercise],
        select_id: str | None = None,
        broken: Mapping[Path, list[Problem]] | None = None,
    ) -> None:
        """List the exercises' ``rows`` (in the list's order) under their language and kind,
        and the ``broken`` files at the end; select ``select_id`` (else the first)."""
        tree = self.exercise_tree
        tree.clear()
        groups: dict[tuple[str, str], QTreeWidgetItem] = {}
        languages: dict[str, QTreeWidgetItem] = {}
        selected: QTreeWidgetItem | None = None
        for row in rows:
            if row.id.startswith(GENERATED_PREFIX):  # a trainee's own drill: from its button
                continue
            lang = languages.get(row.language)
            if lang is None:
                lang = QTreeWidgetItem(tree, [words.language_name(row.language)])
                languages[row.language] = lang
            group = groups.get((row.language, row.kind))
            if group is None:
                group = QTreeWidgetItem(lang, [words.kind_name(row.kind)])
                groups[(row.language, row.kind)] = group
            item = QTreeWidgetItem(group, self._columns(row))
            item.setData(0, EXERCISE_ID_ROLE, row.id)
            item.setToolTip(0, f"{row.title}\n{row.id}\n{row.path}")
            if row.id == select_id:
                selected = item
        if broken:
            parent = QTreeWidgetItem(tree, [self.tr("Defecte bestanden (%n)", "", len(broken))])
            parent.setForeground(0, QBrush(BROKEN_COLOUR))
            for path, problems in sorted(broken.items()):
                self._broken_item(parent, path, problems)
        tree.expandAll()
        tree.fit_columns()
        first = selected or self._first_exercise()
        if first is not None:
            tree.setCurrentItem(first)

    def set_list_only(self, only: bool) -> None:
        """Only the exercise list in use (``only``), the rest greyed, or all of it: while a
        start has filled the list and the exercises themselves are still being read."""
        others = [self.trainee_combo, self.new_trainee_button, self._right]
        items = (self.tools.itemAt(i) for i in range(self.tools.count()))
        others += [w for item in items if item is not None and (w := item.widget()) is not None]
        for widget in others:
            widget.setEnabled(not only)

    def _columns(self, row: ListedExercise) -> list[str]:
        shown_margin = (
            f"{words.percent(row.margin, 0)} {words.unit_name(row.error_unit)}"
            if row.margin is not None
            else ""
        )
        limit = words.seconds(row.time_limit) if row.time_limit else "–"
        return [row.title, str(row.level), limit, shown_margin, ""]

    def show_marks(self, marks: Mapping[str, ExerciseMark]) -> None:
        """Mark the exercises the trainee did (○) and passed (✓) with the best result; the
        tooltip says it in words ("geslaagd, beste 2,1 % aan 38 wpm")."""
        dark = self.exercise_tree.palette().base().color().lightness() < 128
        for item in self._exercise_items():
            mark = marks.get(item.data(0, EXERCISE_ID_ROLE))
            text, tip = self._mark_texts(mark) if mark is not None else ("", "")
            item.setText(MARK_COLUMN, text)
            item.setToolTip(MARK_COLUMN, tip)
            if mark is not None and not dark:  # (the high-contrast theme: white, as the rest)
                item.setForeground(MARK_COLUMN, QBrush(_PASSED if mark.passed else _NO_VERDICT))
        self.exercise_tree.fit_columns()

    def _mark_texts(self, mark: ExerciseMark) -> tuple[str, str]:
        """The mark's cell and its tooltip."""
        best = ""
        if mark.error_rate is not None:
            best = (
                self.tr("%1 aan %2 wpm")
                .replace("%1", words.percent(min(mark.error_rate, 1.0), 1))
                .replace("%2", words.number(mark.wpm, 0))
            )
        if mark.passed:
            said = (
                self.tr("geslaagd, beste %1").replace("%1", best) if best else self.tr("geslaagd")
            )
        else:
            said = (
                self.tr("gedaan, nog niet geslaagd; beste %1").replace("%1", best)
                if best
                else self.tr("gedaan, nog niet geslaagd")
            )
        times = words.count(mark.attempts, words.tr("één keer gedaan"), words.tr("%n keer gedaan"))
        tip = self.tr("%1 (%2)").replace("%1", said).replace("%2", times)
        return f"{'✓' if mark.passed else '○'} {best}".strip(), tip

    def _exercise_items(self) -> list[QTreeWidgetItem]:
        """Every exercise's row of the list (not the groups, not the broken files)."""
        tree = self.exercise_tree
        out: list[QTreeWidgetItem] = []
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            if item.data(0, EXERCISE_ID_ROLE):
                out.append(item)
            stack += [item.child(i) for i in range(item.childCount())]
        return out

    def _broken_item(self, parent: QTreeWidgetItem, path: Path, problems: list[Problem]) -> None:
        item = QTreeWidgetItem(parent, [path.name, "", "", self.tr("defect")])
        item.setForeground(0, QBrush(BROKEN_COLOUR))
        item.setToolTip(0, "\n".join(messages.problem(p) for p in problems))
        for problem in problems:
            line = self.tr("regel %1: %2").replace("%1", str(problem.line))
            said = messages.problem(problem, place=False)
            child = QTreeWidgetItem(item, [line.replace("%2", said)])
            child.setToolTip(0, messages.problem(problem))
            child.setForeground(0, QBrush(BROKEN_COLOUR))

    def _first_exercise(self) -> QTreeWidgetItem | None:
        iterator = [
            self.exercise_tree.topLevelItem(i)
            for i in range(self.exercise_tree.topLevelItemCount())
        ]
        while iterator:
            item = iterator.pop(0)
            if item is None:  # (an index out of range: none here, but Qt's types allow it)
                continue
            if item.data(0, EXERCISE_ID_ROLE):
                return item
            iterator[0:0] = [item.child(i) for i in range(item.childCount())]
        return None

    def show_details(self, exercise: ExerciseBase | None) -> None:
        """What the selected exercise asks, before it starts."""
        if not self._details_set_up:
            # plain text (a title or instructions with a "<" shown as written), at the top
            # left; set through properties, by number, so the Qt namespace is not loaded for
            # them, and here, not before the first frame, where the empty box needs neither
            # (a property's name makes QByteArray's class and its enums: 0.7-2 ms)
            self.details.setProperty("textFormat", PLAIN_TEXT)
            self.details.setProperty("alignment", ALIGN_TOP_LEFT)
            self._details_set_up = True
        self.start_button.setEnabled(exercise is not None)
        if exercise is None:
            self.details.setText(self.tr("Kies een oefening in de lijst."))
            return
        lines = [exercise.title, ""]
        if exercise.instructions:
            lines += [exercise.instructions, ""]
        from trainer.core.exercise import CopyExercise  # (loaded with the catalog by now)
        from trainer.core.scenario import CallExercise

        if isinstance(exercise, CopyExercise):
            text = " ".join(exercise.text.split())
            lines.append(
                self.tr("%1, %2")
                .replace("%1", words.count(len(text), words.tr("%n teken"), words.tr("%n tekens")))
                .replace(
                    "%2",
                    words.count(len(text.split()), words.tr("%n woord"), words.tr("%n woorden")),
                )
            )
            if exercise.time_limit:
                lines.append(
                    self.tr("Tijdslimiet: %1").replace("%1", words.seconds(exercise.time_limit))
                )
            lines.append(
                self.tr("Geslaagd bij ten hoogste %1 fouten (%2)")
                .replace("%1", words.percent(float(exercise.margin), 1))
                .replace("%2", words.unit_name(exercise.error_unit))
            )
        if isinstance(exercise, CallExercise):
            expect = exercise.expect
            timeline = exercise.timeline
            respond = [e for e in timeline if getattr(e, "respond_within", None)]
            if exercise.outbound:  # the trainee places the call: nothing to answer
                lines.append(
                    self.tr("Je belt zelf, gespreksduur ten hoogste %1.").replace(
                        "%1", words.seconds(expect.handling_time)
                    )
                )
            else:
                lines.append(
                    self.tr("Opnemen binnen %1 s, gespreksduur ten hoogste %2.")
                    .replace("%1", words.number(expect.answer_within))
                    .replace("%2", words.seconds(expect.handling_time))
                )
            lines.append(
                self.tr("%1 in te vullen, %2 om tijdig te bevestigen")
                .replace("%1", words.count(len(exercise.fields), *_fields()))
                .replace(
                    "%2",
                    words.count(len(respond), words.tr("%n melding"), words.tr("%n meldingen")),
                )
            )
            lines.append(
                self.tr(
                    "Toetsen: F2 opnemen, F3 in de wacht, F4 laten herhalen, Ctrl+K klant "
                    "opzoeken, F5/F6 geverifieerd of niet, F7 doorverbinden, F8 ophangen, F9 "
                    "melding bevestigen, Ctrl+F kennisbank, Ctrl+Enter afronden."
                )
            )
        self.details.setText("\n".join(lines))

    def _errors_of(self, s: SessionRow) -> tuple[str, str]:
        """The "errors" cell of a result and its tooltip: the error rate of typing; for a call
        the fields not entered right, and the competences not shown."""
        if s.error_rate is not None:  # (extra words can take it past 1: shown as 100 %)
            return words.percent(min(s.error_rate, 1.0)), ""
        result = s.result or {}
        if "competences" not in result:
            return "–", ""
        wrong = [f for f in result.get("fields", []) if f["verdict"] not in ("right", "not_given")]
        missing = [c["code"] for c in result["competences"] if c["assessed"] and not c["shown"]]
        why = self.tr("Niet getoond: %1").replace("%1", ", ".join(missing)) if missing else ""
        if result.get("kind") == "queue":  # no form: the contacts not handled as expected
            wrong = [c for c in result.get("contacts", []) if c.get("reasons")]
            return words.count(len(wrong), words.tr("%n contact"), words.tr("%n contacten")), why
        return words.count(len(wrong), *_fields()), why

    def show_recent(self, sessions: list[SessionRow], data_folder: Path | None = None) -> None:
        """The trainee's latest results, newest first. Only a session that ran to its end has
        a verdict; one stopped, or with nothing typed, says "afgebroken" without figures (it
        is no failed attempt), and a recovered one says so beside the figures of the part
        that was typed. An exam part's seal is checked once the table is shown (with
        ``data_folder``, the store's): one that does not hold shows no verdict."""
        table = self.recent_table
        table.setRowCount(len(sessions))
        exams = [(row, s) for row, s in enumerate(sessions) if s.mode == "exam"]
        if exams and data_folder is not None:
            QTimer.singleShot(0, self, lambda: self._mark_unsealed(exams, data_folder))
        dark = table.palette().base().color().lightness() < 128
        with filling(table):  # (the columns fitted once, at the end)
            for row, s in enumerate(sessions):
                day, _, clock = s.started_at.partition("T")
                empty = _nothing_typed(s)
                figures = s.status != "abandoned" and not empty
                errors, why = self._errors_of(s) if figures else ("–", "")
                verdict = s.passed if s.status in _VERDICT_STATUSES and figures else None
                if s.status == "abandoned" or (empty and s.status != "recovered"):
                    outcome = words.end_reason("abandoned")
                elif verdict is None:
                    outcome = words.end_reason(s.status)  # recovered, lost: what became of it
                else:
                    outcome = self.tr("geslaagd") if verdict else self.tr("niet geslaagd")
                cells = [
                    f"{day[8:10]}/{day[5:7]} {clock[:5]}",
                    s.exercise_title or s.exercise_id,
                    words.number(s.wpm, 1) if figures else "–",
                    errors,
                    outcome,
                ]
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if column == 0:  # the session, for Enter or a double-click (coach_view)
                        item.setData(EXERCISE_ID_ROLE, s.id)
                    item.setToolTip(why if column == 3 and why else text)
                    if column == 4 and not dark:  # (the high-contrast theme: white, as the rest)
                        colour = (
                            _NO_VERDICT if verdict is None else (_PASSED if verdict else _FAILED)
                        )
                        item.setForeground(QBrush(colour))
                    table.setItem(row, column, item)

    def _mark_unsealed(self, exams: list[tuple[int, SessionRow]], data_folder: Path) -> None:
        """The exam rows whose seal does not hold (or is missing): said so, no verdict."""
        from trainer.ui.seal_marks import said, seal_status

        table = self.recent_table
        for row, s in exams:
            item = table.item(row, 4)
            if item is None or item.data(_SEAL_ROLE) is not None:
                continue
            first = table.item(row, 0)
            if first is None or first.data(EXERCISE_ID_ROLE) != s.id:
                continue  # (filled again since: another trainee's rows)
            status = seal_status(s, data_folder)
            item.setData(_SEAL_ROLE, status or "intact")
            if status is not None:
                item.setText(said(status))
                item.setToolTip(said(status))
                item.setForeground(QBrush(_NO_VERDICT))


# an exam row's seal, once checked: Qt.ItemDataRole.UserRole + 7 (the Qt namespace is not
# imported before the first frame: its enums cost about 10 ms)
_SEAL_ROLE = 256 + 7


# the end of a session that gives a verdict: handed in, finished, or the time ran out
_VERDICT_STATUSES = ("finished", "time_up")
_PASSED, _FAILED, _NO_VERDICT = QColor("#1b5e20"), QColor("#b71c1c"), QColor("#5f6368")


def _fields() -> tuple[str, str]:
    """The words for one field and for more, in the language shown."""
    return words.tr("%n veld"), words.tr("%n velden")


def _nothing_typed(s: SessionRow) -> bool:
    """A typed session without a single keystroke (a call has no typing of its own)."""
    typing = (s.result or {}).get("typing")
    return isinstance(typing, dict) and not typing.get("keystrokes")
