"""The results screen: passed or not in large type, the numbers, and every error marked."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.core.scoring import SessionResult
from trainer.core.session_facts import SessionFacts
from trainer.core.typing_metrics import TypingResult, align
from trainer.ui import alignment_rows, words
from trainer.ui.style_flags import set_flag

_OP_STYLE = {
    # (black on the light colour, in either theme)
    "substitution": "background:#ffcc80; color:#000000;",
    "insertion": "background:#90caf9; color:#000000;",
    "omission": "background:#ef9a9a; color:#000000;",
    "transposition": "background:#ce93d8; color:#000000;",
}
_ROW_WIDTH = 60


class ResultsView(QWidget):
    """Widgets of the results screen; ``show_result`` fills them."""

    listenRequested = Signal(str, float)  # clip id, seconds: hear where an error was said

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsView")
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel()
        self.summary.setObjectName("verdictSummary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        self.damage = damage_label()

        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = [
            ("net_wpm", self.tr("Netto woorden per minuut")),
            ("wpm", self.tr("Woorden per minuut")),
            ("cpm", self.tr("Aanslagen per minuut")),
            ("kpm", self.tr("Toetsaanslagen per minuut")),
            ("word_errors", self.tr("Woordfouten")),
            ("char_errors", self.tr("Tekenfouten (niet verbeterd)")),
            ("fixed", self.tr("Verbeterde fouten")),
            ("ter", self.tr("Totaal foutenpercentage (TER)")),
            ("kspc", self.tr("Toetsaanslagen per teken (KSPC)")),
            ("time", self.tr("Tijd")),
        ]
        for index, (key, name) in enumerate(names):
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(QLabel(name), index // 3 * 2, index % 3)
            grid.addWidget(value, index // 3 * 2 + 1, index % 3)
            self.figures[key] = value

        self.alignment = QTextBrowser()
        self.alignment.setObjectName("alignment")
        self.error_table = QTableWidget(0, 4)
        self.error_table.setObjectName("errorTable")
        self.error_table.setHorizontalHeaderLabels(
            [self.tr("Soort fout"), self.tr("Positie"), self.tr("Verwacht"), self.tr("Getypt")]
        )
        self.error_table.verticalHeader().setVisible(False)
        self.error_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.error_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tabs = tabs = QTabWidget()
        tabs.addTab(self.alignment, self.tr("Tekst met fouten"))
        tabs.addTab(self.error_table, self.tr("Lijst van fouten"))
        name_by_tabs(tabs)

        self.listen_button = QPushButton(self.tr("&Beluister waar de fout gezegd werd  (Ctrl+L)"))
        self.listen_button.setObjectName("listenButton")
        self.listen_button.hide()
        self.listen_button.clicked.connect(self._on_listen)
        self.error_table.itemActivated.connect(lambda _item: self._on_listen())
        self._spots: list[tuple[str, float]] = []
        again, back = results_button_texts()
        self.again_button = QPushButton(again)
        self.again_button.setObjectName("againButton")
        self.back_button = QPushButton(back)
        self.back_button.setObjectName("backButton")
        for button in (self.listen_button, self.again_button, self.back_button):
            shortcut_only(button)
        from trainer.ui.report.save import report_button

        self.report_button = report_button()
        from trainer.ui.practice import results_button  # the report's advice, as a drill

        self.practise_button = results_button()
        from trainer.ui.replay_open import replay_button  # the session replay (Ctrl+J)

        self.replay_button = replay_button()
        from trainer.ui.rubric_dialog import assess_button  # the coach's rubric (Ctrl+B)

        self.assess_button = assess_button()
        # two rows, so that the page fits a 1366-pixel screen: the coach's tools above the
        # trainee's own ways on
        coach = QHBoxLayout()
        coach.addStretch(1)
        coach.addWidget(self.assess_button)
        coach.addWidget(self.replay_button)
        coach.addWidget(self.report_button)
        trainee = QHBoxLayout()
        trainee.addWidget(self.listen_button)
        trainee.addStretch(1)
        trainee.addWidget(self.practise_button)
        trainee.addWidget(self.again_button)
        trainee.addWidget(self.back_button)
        buttons = QVBoxLayout()
        buttons.addLayout(coach)
        buttons.addLayout(trainee)

        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addWidget(self.damage)
        layout.addLayout(grid)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)

    def show_result(
        self,
        result: SessionResult,
        reference: str,
        where_said: Callable[[int], tuple[str, float]] | None = None,
    ) -> None:
        """Fill the screen from a session result and the exercise's text; ``where_said`` (for a
        dictation) gives, for a character offset of the text, the clip and second it was said."""
        t = result.typing
        stopped = result.ended == "abandoned" or not t.transcribed
        if stopped:  # not a failed result: there is nothing to judge
            verdict = self.tr("AFGEBROKEN")
        else:
            verdict = self.tr("GESLAAGD") if result.passed else self.tr("NIET GESLAAGD")
        self.verdict.setText(verdict)
        set_flag(self.verdict, "passed", "stopped" if stopped else result.passed)
        self.summary.setText("\n".join(words.typing_verdict_lines(result)))
        show_damage(self.damage, result)

        f = self.figures
        f["net_wpm"].setText(words.number(t.net_wpm, 1))
        f["wpm"].setText(words.number(t.wpm, 1))
        f["cpm"].setText(words.number(t.chars_per_minute, 0))
        f["kpm"].setText(words.number(t.keystrokes_per_minute, 0))
        word_rate = words.percent(min(t.word_error_rate, 1.0), 1)
        f["word_errors"].setText(f"{t.word_errors} / {t.reference_words}  ({word_rate})")
        f["char_errors"].setText(f"{t.incorrect_not_fixed}  ({words.percent(t.msd_error_rate, 1)})")
        f["fixed"].setText(
            self.tr("%1 met %2 × Backspace")
            .replace("%1", str(t.incorrect_fixed))
            .replace("%2", str(t.fixes))
        )
        f["ter"].setText(words.percent(t.total_error_rate, 1))
        f["kspc"].setText(words.number(t.kspc, 2))
        f["time"].setText(words.seconds(t.seconds or 0.0))

        counted = unicodedata.normalize("NFC", reference).rstrip()[: t.reference_chars_counted]
        self.alignment.setHtml(alignment_html(counted, t.transcribed))
        self._fill_errors(t, where_said)

    def _fill_errors(
        self, t: TypingResult, where_said: Callable[[int], tuple[str, float]] | None
    ) -> None:
        """The errors that decide, one row each: the wrong words (unit word), or the wrong
        characters (unit char); for a dictation, where each was said."""
        rows = error_rows(t)
        self._spots = [where_said(row.offset) for row in rows] if where_said else []
        where = self.tr("Woord") if t.unit == "word" else self.tr("Positie")
        headers = [self.tr("Soort fout"), where, self.tr("Verwacht"), self.tr("Getypt")]
        if self._spots:
            headers.append(self.tr("Gezegd in"))
        self.error_table.setColumnCount(len(headers))
        self.error_table.setHorizontalHeaderLabels(headers)
        self.error_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [row.kind, str(row.position + 1), _visible(row.expected), _visible(row.typed)]
            if self._spots:
                clip_id, second = self._spots[index]
                cells.append(f"{clip_id} · {words.seconds(second)}")
            for column, text in enumerate(cells):
                self.error_table.setItem(index, column, QTableWidgetItem(text))
        self.listen_button.setVisible(bool(self._spots))
        if rows:
            self.error_table.setCurrentCell(0, 0)

    def _on_listen(self) -> None:
        row = self.error_table.currentRow()
        if 0 <= row < len(self._spots):
            self.listenRequested.emit(*self._spots[row])


class ErrorRow(NamedTuple):
    """One listed error as the trainee reads it; ``offset`` is where in the text it stands."""

    kind: str
    position: int
    expected: str
    typed: str
    offset: int


def error_rows(t: TypingResult) -> list[ErrorRow]:
    """The errors that decide the verdict: each wrong word (with what alone was wrong in it)
    when the unit is the word, else each wrong character."""
    if t.unit == "word":
        rows = []
        for e in t.word_error_list:
            detail = words.error_detail(e.detail)
            kind = words.error_type(e.type) + (f" ({detail})" if detail else "")
            rows.append(ErrorRow(kind, e.position, e.expected, e.typed, e.offset))
        return rows
    return [
        ErrorRow(words.error_type(e.type), e.position, e.expected, e.typed, e.position)
        for e in t.errors
    ]


# more skipped lines than this are counted, not listed
_DAMAGE_LISTED = 10


def damage_note(lines: list[int]) -> str:
    """Which lines of the session's journal were skipped as damaged ('' when none): "Het
    logboek was beschadigd: regels 31, 40 en 52 overgeslagen." """
    if not lines:
        return ""
    numbers = [str(n) for n in lines[:_DAMAGE_LISTED]]
    if len(lines) == 1:
        return words.tr("Het logboek was beschadigd: regel %1 overgeslagen.").replace(
            "%1", numbers[0]
        )
    if len(lines) > _DAMAGE_LISTED:
        rest = words.tr("%1 en nog %2").replace("%2", str(len(lines) - _DAMAGE_LISTED))
        listed = rest.replace("%1", ", ".join(numbers))
    else:
        listed = words.tr("%1 en %2").replace("%1", ", ".join(numbers[:-1]))
        listed = listed.replace("%2", numbers[-1])
    return words.tr("Het logboek was beschadigd: regels %1 overgeslagen.").replace("%1", listed)


def damage_label() -> QLabel:
    """The warning a coach must see when a result was scored without damaged journal lines
    (coloured by the style sheet); hidden otherwise."""
    label = QLabel()
    label.setObjectName("journalDamage")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.hide()
    return label


def show_damage(label: QLabel, result: SessionFacts) -> None:
    """Show which journal lines the result skipped, or hide the warning."""
    text = damage_note([d.line for d in result.damaged_lines])
    label.setText(text)
    label.setVisible(bool(text))


def name_by_tabs(tabs: QTabWidget) -> None:
    """Each page of ``tabs`` named for a screen reader by its tab's text."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is not None:
            page.setAccessibleName(tabs.tabText(index).replace("&", ""))


def results_button_texts() -> tuple[str, str]:
    """The again and back buttons of every results page (typing and call alike)."""
    return (
        QCoreApplication.translate("ResultsView", "&Opnieuw  (Ctrl+R)"),
        QCoreApplication.translate("ResultsView", "&Terug  (Esc)"),
    )


class DeskResultsButtons:
    """What ``desk_results_buttons`` keeps on a results page, declared for the type checker
    (the page classes take it as a first base; it adds no behaviour)."""

    assess_button: QPushButton
    replay_button: QPushButton
    report_button: QPushButton
    again_button: QPushButton
    back_button: QPushButton


def desk_results_buttons(view: QWidget, *, practise: bool = False) -> QHBoxLayout:
    """The buttons of a call's, a chat's and a queue shift's results page, in one row and
    order: the coach's rubric (Ctrl+B), the replay (Ctrl+J), practice from the report's advice
    (Ctrl+P, where asked), the report (Ctrl+S), again (Ctrl+R) and back (Esc). Each is kept on
    ``view`` by its name (``assess_button``...) for the window to connect."""
    from trainer.ui.practice import results_button
    from trainer.ui.replay_open import replay_button
    from trainer.ui.report.save import report_button
    from trainer.ui.rubric_dialog import assess_button

    again, back = results_button_texts()
    made = {
        "assess_button": assess_button(),
        "replay_button": replay_button(),
        **({"practise_button": results_button()} if practise else {}),
        "report_button": report_button(),
        "again_button": shortcut_only(QPushButton(again)),
        "back_button": shortcut_only(QPushButton(back)),
    }
    row = QHBoxLayout()
    row.addStretch(1)
    for name, button in made.items():
        setattr(view, name, button)
        row.addWidget(button)
    return row


def shortcut_only(button: QPushButton) -> QPushButton:
    """A results-page button that the keyboard reaches only through its shortcut: it never
    takes the focus and is never the default, so a Space or Enter the trainee was still
    typing when the drill ended by itself cannot press it."""
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def _visible(text: str) -> str:
    return text.replace(" ", "␣").replace("\n", "↵") if text else "–"


def alignment_html(reference: str, typed: str) -> str:
    """The typed text under the reference, character by character, each error coloured."""
    steps = ((pair.expected, pair.typed, pair.op) for pair in align(reference, typed))
    lines = alignment_rows.rows(steps, _OP_STYLE, _ROW_WIDTH)
    # the reference in grey: a light one on the high-contrast theme's black
    dark = QApplication.palette().base().color().lightness() < 128
    muted = "#b0b0b0" if dark else "#5f6368"
    legend = " ".join(
        f'<span style="{_OP_STYLE[op]}">&nbsp;{html.escape(words.error_type(op))}&nbsp;</span>'
        for op in ("substitution", "insertion", "omission", "transposition")
    )
    body = "".join(
        f'<div style="margin-bottom:10px"><span style="color:{muted}">{a}</span><br/>{b}</div>'
        for a, b in lines
    )
    return (
        f"<p>{legend}</p><div style=\"font-family:'DejaVu Sans Mono',monospace;"
        f'font-size:13pt">{body}</div>'
    )
