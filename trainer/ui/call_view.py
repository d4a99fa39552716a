"""The agent desktop: call bar, customer record, contact form, script, messages, knowledge base
and wrap-up on one screen, every part reachable from the keyboard.

Widgets only: the call controller fills them and listens to their signals. The keys are those
of a softphone (function keys, so they work while typing in a field):

    F2 answer   F3 hold/resume   F4 ask to repeat   F5 caller verified   F6 data do not match
    F7 transfer to the team chosen   F8 end the call   F9 acknowledge the oldest message
    Ctrl+K look the caller up in the customer records (Enter)   Ctrl+F search the knowledge base
    Ctrl+1..9 tick a script step   Ctrl+Enter wrap up
    F10 / F11 go on after the headset was lost: with sound again / with subtitles

An outbound call (``direction: outbound``) has a dial field in the call bar (Ctrl+D): the
trainee types the number from the record and dials with Enter or F2; F8 hangs up a busy line,
a voicemail message or the call.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.knowledge import session_base
from trainer.core.scenario import CallExercise, CustomerRecord, FormField
from trainer.paths import exercises_dir
from trainer.ui import words
from trainer.ui.fit_scroll import FitScrollArea
from trainer.ui.knowledge_panel import KnowledgePanel
from trainer.ui.style_flags import set_flag

# the desk's keys and the action each one asks for
CALL_KEYS: dict[str, str] = {
    "F2": "answer",
    "F3": "hold",
    "F4": "ask_repeat",
    "F5": "verified",
    "F6": "mismatch",
    "F7": "transfer",
    "F8": "end",
    "F9": "acknowledge",
    "F10": "resume_sound",
    "F11": "resume_subtitles",
}

# (marked for lupdate, translated where they are shown)
_PLACEHOLDERS = {
    "customer_number": QT_TRANSLATE_NOOP("words", "bv. 3510 8624"),
    "postcode": QT_TRANSLATE_NOOP("words", "bv. 9000"),
    "phone": QT_TRANSLATE_NOOP("words", "bv. 0471 23 45 67"),
    "email": QT_TRANSLATE_NOOP("words", "bv. naam@voorbeeld.be"),
    "iban": QT_TRANSLATE_NOOP("words", "bv. BE68 5390 0754 7034"),
    "date": QT_TRANSLATE_NOOP("words", "dd/mm/jjjj"),
    "amount": QT_TRANSLATE_NOOP("words", "bv. 49,95"),
}


def step_name(step: str) -> str:
    """A script step in the trainee's words."""
    return words.step_name(step)


class FieldEdit(QLineEdit):
    """One typed form field; commits (Enter, Tab or leaving it) are signalled by the view."""

    def __init__(self, form_field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = form_field
        self.setObjectName(f"field_{form_field.id}")
        example = _PLACEHOLDERS.get(form_field.kind)
        self.setPlaceholderText(words.tr(str(example)) if example else "")
        self.setAccessibleName(form_field.label)

    def minimumSizeHint(self) -> QSize:
        """Room for a phone number or an IBAN in the font shown (the text size), whatever
        the labels beside the fields need."""
        hint = super().minimumSizeHint()
        least = self.fontMetrics().horizontalAdvance("BE68 5390 0754 7034") + 16
        return QSize(max(hint.width(), least), hint.height())


class CallView(QWidget):
    """The widgets of the agent desktop; ``build`` lays them out for one call."""

    deskAction = Signal(str)  # one of CALL_KEYS' values
    customerLookUp = Signal(str)  # what was typed into the record's search
    fieldCommitted = Signal(str, str)  # field id, value
    stepTicked = Signal(str)  # script step
    articleOpened = Signal(str)  # article id
    messageAcknowledged = Signal(str)  # event id
    wrapUpRequested = Signal()
    abandonRequested = Signal()
    dialRequested = Signal(str)  # an outbound call: the number typed in the dial field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callView")
        self.fields: dict[str, FieldEdit] = {}
        self.hints: dict[str, QLabel] = {}
        self._build_frame()
        for key, action in CALL_KEYS.items():
            self._shortcut(key, lambda a=action: self.deskAction.emit(a))
        self._shortcut("Ctrl+F", self.focus_search)
        self._shortcut("Ctrl+K", self.focus_lookup)
        self._shortcut("Ctrl+D", self.focus_dial)
        self._shortcut("Ctrl+Return", self.wrapUpRequested.emit)
        self._shortcut("Ctrl+Enter", self.wrapUpRequested.emit)
        self._shortcut("Escape", self.abandonRequested.emit)
        for number in range(1, 10):
            self._shortcut(f"Ctrl+{number}", lambda n=number: self._tick_number(n))

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # layout ---------------------------------------------------------------------------
    def _build_frame(self) -> None:
        self.title = QLabel(objectName="callTitle")
        self.instructions = QLabel(objectName="instructions", wordWrap=True)

        bar = QFrame(objectName="callBar")
        self.state = QLabel(objectName="callState")
        self.timer = QLabel("00:00", objectName="callTimer")
        # the waiting-queue board: the latest 'queue' event, as the wallboard shows it
        self.queue_board = QLabel(objectName="queueBoard")
        self.queue_board.hide()
        self.problem = QLabel(objectName="problem", wordWrap=True)
        self.problem.hide()
        # whether the trainee's voice is being recorded (or why not): said where the clock is
        self.recording = QLabel(objectName="recordingMark")
        self.recording.setContentsMargins(0, 0, 12, 0)  # apart from the clock
        self.recording.hide()
        self.buttons: dict[str, QPushButton] = {}
        bar_rows = QVBoxLayout(bar)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.queue_board)
        top.addSpacing(24)
        top.addWidget(self.recording)  # (hidden, it takes no room)
        top.addWidget(self.timer)
        row = QHBoxLayout()
        bar_rows.addLayout(top)
        bar_rows.addLayout(row)
        labels = {
            "answer": self.tr("Opnemen"),
            "hold": self.tr("In de wacht"),
            "ask_repeat": self.tr("Laat herhalen"),
            "verified": self.tr("Geverifieerd"),
            "mismatch": self.tr("Komt niet overeen"),
            "end": self.tr("Ophangen"),
            "resume_sound": self.tr("Verder met geluid"),
            "resume_subtitles": self.tr("Verder met ondertitels"),
        }
        keys = {action: key for key, action in CALL_KEYS.items()}
        for action, label in labels.items():
            button = QPushButton(f"{label} ({keys[action]})", objectName=f"button_{action}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the way; focus stays
            button.clicked.connect(lambda _=False, a=action: self.deskAction.emit(a))
            self.buttons[action] = button
            if action.startswith("resume_"):
                # F10/F11 only while the call waits for its headset: hidden from the start, or
                # the bar's first size counts them and widens the window for good
                button.hide()
            row.addWidget(button)
        self.transfer_team = QComboBox(objectName="transferTeam")
        transfer_label = QLabel(self.tr("&Dienst:"))
        transfer_label.setBuddy(self.transfer_team)
        self.buttons["transfer"] = QPushButton(
            self.tr("Doorverbinden (F7)"), objectName="button_transfer"
        )
        self.buttons["transfer"].setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons["transfer"].clicked.connect(lambda: self.deskAction.emit("transfer"))
        # an outbound call: the number to dial (hidden on an inbound call)
        self.dial = QLineEdit(
            objectName="dialNumber", placeholderText=words.tr(str(_PLACEHOLDERS["phone"]))
        )
        self.dial.setAccessibleName(self.tr("Te bellen nummer"))
        self.dial.returnPressed.connect(lambda: self.dialRequested.emit(self.dial.text()))
        self.dial_label = QLabel(self.tr("&Bellen naar:"))
        self.dial_label.setBuddy(self.dial)
        row.insertWidget(0, self.dial_label)
        row.insertWidget(1, self.dial)
        self.dial_label.hide()
        self.dial.hide()
        self.outbound = False
        row.addStretch(1)
        # no title: "Dienst" and "Doorverbinden" say what it is, and the line is one a small
        # screen needs (the name is still there for a screen reader)
        transfer_box = QGroupBox()
        transfer_box.setAccessibleName(self.tr("Doorverbinden"))
        transfer_rows = QGridLayout(transfer_box)  # the team's whole name, the button below
        transfer_rows.addWidget(transfer_label, 0, 0)
        transfer_rows.addWidget(self.transfer_team, 0, 1)
        transfer_rows.addWidget(self.buttons["transfer"], 1, 1)
        transfer_rows.setColumnStretch(1, 1)

        self.caller_says = QLabel(objectName="callerSays", wordWrap=True)  # only without sound
        self.caller_says.hide()

        # customer record: opened by looking the caller up with what they give, as in a CRM
        self.crm_box = QGroupBox(self.tr("Klantdossier (Ctrl+K zoekt)"), objectName="crm")
        crm_column = QVBoxLayout(self.crm_box)
        self.lookup = QLineEdit(
            objectName="crmLookup",
            placeholderText=self.tr("Klantnummer, telefoon of naam"),
        )
        self.lookup.setAccessibleName(self.tr("Klant opzoeken"))
        self.lookup.returnPressed.connect(
            lambda: self.customerLookUp.emit(self.lookup.text().strip())
        )
        self._before_lookup: QWidget | None = None  # where the trainee was typing
        self.crm_status = QLabel(objectName="crmStatus", wordWrap=True)
        crm_column.addWidget(self.lookup)
        crm_column.addWidget(self.crm_status)
        self.crm = QFormLayout()
        crm_column.addLayout(self.crm)
        self.crm_values: dict[str, QLabel] = {}
        self.changed_rows: set[str] = set()  # record fields a crm_update changed
        self._refocus: QWidget | None = None  # where the focus was when the call paused
        self.crm_note = QLabel(objectName="crmNote", wordWrap=True)  # changes during the call
        crm_column.addWidget(self.crm_note)

        # messages (chat, alerts, queue board)
        messages_box = QGroupBox(self.tr("Meldingen (F9 bevestigt)"))
        self.messages = QListWidget(objectName="messages")
        self.messages.setWordWrap(True)
        self.messages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.messages.itemActivated.connect(self._on_message_activated)
        QVBoxLayout(messages_box).addWidget(self.messages)
        self.messages.setAccessibleName(messages_box.title())  # (for a screen reader)

        # contact form and wrap-up
        self.form_box = QGroupBox(self.tr("Contactformulier"), objectName="form")
        self.form = QFormLayout(self.form_box)
        # labels beside their fields: a 1366x768 screen has no height to spare for a label
        # above each one (and a narrow column scrolls sideways rather than squeeze a field)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.wrapup_box = QGroupBox(self.tr("Afronding (Ctrl+Enter)"), objectName="wrapup")
        self.contact_result = QComboBox(objectName="contactResult")
        self.closing_code = QComboBox(objectName="closingCode")
        choices = QFormLayout()
        choices.addRow(self.tr("Contactresultaat"), self.contact_result)
        choices.addRow(self.tr("Afsluitcode"), self.closing_code)
        self.wrapup = QFormLayout()  # the call's wrap-up fields (the note)
        self.finish_button = QPushButton(self.tr("Afronden (Ctrl+Enter)"), objectName="finish")
        self.finish_button.setAutoDefault(False)  # pressed on purpose only: Tab to it, Ctrl+Enter
        self.finish_button.setDefault(False)
        self.finish_button.clicked.connect(self.wrapUpRequested.emit)
        wrapup_column = QVBoxLayout(self.wrapup_box)
        wrapup_column.addLayout(choices)
        wrapup_column.addLayout(self.wrapup)
        wrapup_column.addWidget(self.finish_button)

        # script
        script_box = QGroupBox(self.tr("Script (Ctrl+1…9 vinkt af)"))
        self.script = QListWidget(objectName="script")
        self.script.itemChanged.connect(self._on_step_changed)
        QVBoxLayout(script_box).addWidget(self.script)
        self.script.setAccessibleName(script_box.title())

        # knowledge base: the call's own articles and the language's shared ones, searched in
        # full text by the panel every screen shares (an article opened: open_article)
        kb_box = self.knowledge = KnowledgePanel(self.tr("Kennisbank (Ctrl+F)"))
        self.search, self.hits, self.article = kb_box.search, kb_box.hits, kb_box.article
        kb_box.articleOpened.connect(self.articleOpened.emit)
        kb_box.bind_propose(self)  # Ctrl+Shift+F: an article proposed (the controller's)

        # what stands still while the call waits for its headset
        # the lists and the article scroll themselves: a few lines of each are enough to keep
        # in view, so the desk's panels fit a 1366x768 screen (the lines grow with the text size)
        # with a problem of three lines above them (no headset and no microphone: both said)
        for widget, lines in ((self.messages, 3), (self.hits, 2), (self.article, 3)):
            widget.setMinimumHeight(
                lines * widget.fontMetrics().lineSpacing() + 2 * widget.frameWidth() + 4
            )
        self.panels = [self.crm_box, messages_box, self.form_box, transfer_box, script_box, kb_box]
        grid = QGridLayout()
        left = QVBoxLayout()
        left.addWidget(self.crm_box)
        left.addWidget(messages_box, 1)
        middle = QVBoxLayout()
        middle.addWidget(self.form_box)
        middle.addWidget(self.wrapup_box)
        middle.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(transfer_box)
        right.addWidget(script_box, 1)
        right.addWidget(kb_box, 2)
        grid.addLayout(left, 0, 0)
        grid.addLayout(middle, 0, 1)
        grid.addLayout(right, 0, 2)
        for column, stretch in enumerate((4, 4, 3)):  # the file wraps less: it fits 1366x768
            grid.setColumnStretch(column, stretch)
        # the panels scroll when they cannot fit (a small screen, a larger text size); the
        # call bar above them stays in view
        panels = QWidget(objectName="deskPanels")
        panels.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.desk = FitScrollArea(panels)
        self.desk.setObjectName("desk")

        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.instructions)
        outer.addWidget(bar)
        said = QHBoxLayout()  # side by side: both shown is one line less on a small screen
        said.addWidget(self.caller_says, 3)
        said.addWidget(self.problem, 2)
        outer.addLayout(said)
        outer.addWidget(self.desk, 1)

    def build(self, call: CallExercise) -> None:
        """Lay the desk out for one call: empty form, unticked script, hidden account data."""
        self.title.setText(call.title)
        self.outbound = call.outbound
        self.dial.clear()
        self.dial.setVisible(call.outbound)
        self.dial_label.setVisible(call.outbound)
        answer = self.tr("Bellen") if call.outbound else self.tr("Opnemen")
        self.buttons["answer"].setText(f"{answer} (F2)")
        self.instructions.setText(call.instructions)
        self.instructions.setVisible(bool(call.instructions))
        self.show_problem("")
        self.show_recording("", "")
        self._refocus = None  # a field of the last call, if it ended while paused
        self.set_paused(False)
        # the last call's clock does not run on while this one rings
        self.show_clock(0.0, call.expect.handling_time)
        set_flag(self.state, "flash", False)
        self.caller_says.hide()
        self.queue_board.clear()
        self.queue_board.hide()
        self.lookup.clear()
        self._before_lookup = None
        self.show_record(None, False)
        self.crm_note.clear()
        self.messages.clear()
        self._message_items: dict[str, tuple[QListWidgetItem, str]] = {}
        for layout in (self.form, self.wrapup):
            while layout.rowCount():
                layout.removeRow(0)
        self.fields.clear()
        self.hints.clear()
        for form_field in call.fields:
            self._add_field(form_field)
        for combo, items in (
            (self.contact_result, call.contact_results),
            (self.closing_code, call.closing_codes),
        ):
            combo.clear()
            combo.addItems(["", *items])
        # the wrap-up in the order it is filled in: result, code, its text fields, the button
        # (the fields are made per call, after the button, so Tab would skip them)
        chain: list[QWidget] = [
            self.contact_result,
            self.closing_code,
            *(edit for edit in self.fields.values() if edit.field.section == "wrapup"),
            self.finish_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.wrapup_box.setEnabled(False)
        self.script.blockSignals(True)
        self.script.clear()
        for number, step in enumerate(call.script, start=1):
            item = QListWidgetItem(f"{number}. {step_name(step)}")
            item.setData(Qt.ItemDataRole.UserRole, step)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.script.addItem(item)
        self.script.blockSignals(False)
        rows = self.script.sizeHintForRow(0) * self.script.count()
        self.script.setFixedHeight(rows + 2 * self.script.frameWidth() + 4)  # every step in view
        self.transfer_team.clear()
        self.transfer_team.addItems(call.transfer_targets)
        self.transfer_team.setEnabled(bool(call.transfer_targets))
        self.buttons["transfer"].setEnabled(bool(call.transfer_targets))
        self.knowledge.set_base(session_base(exercises_dir(), call.language, call.knowledge))

    def _add_field(self, form_field: FormField) -> None:
        edit = FieldEdit(form_field)
        hint = QLabel(objectName="fieldHint")
        hint.hide()
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(edit)
        box.addWidget(hint)
        text = form_field.label + ("" if form_field.required else self.tr(" (optioneel)"))
        # a long label wraps onto two lines rather than squeeze the fields beside it (a
        # short one never does: the form gives each row the height of its label's one line)
        label = QLabel(text)
        metrics = label.fontMetrics()
        label.setWordWrap(metrics.horizontalAdvance(text) > metrics.horizontalAdvance("x" * 24))
        label.setBuddy(edit)
        layout = self.wrapup if form_field.section == "wrapup" else self.form
        layout.addRow(label, box)
        edit.editingFinished.connect(lambda e=edit: self.fieldCommitted.emit(e.field.id, e.text()))
        self.fields[form_field.id] = edit
        self.hints[form_field.id] = hint

    def _fill_crm(self, customer: CustomerRecord | None) -> None:
        while self.crm.rowCount():
            self.crm.removeRow(0)
        self.crm_values.clear()
        if customer is None:
            return
        rows = [
            ("number", self.tr("Klantnummer"), customer.number),
            ("name", self.tr("Naam"), customer.name),
            ("address", self.tr("Adres"), customer.address),
            ("phone", self.tr("Telefoon"), customer.phone),
            ("email", self.tr("E-mail"), customer.email),
            ("iban", self.tr("Rekening"), customer.iban),
            ("products", self.tr("Producten"), ", ".join(customer.products)),
            ("history", self.tr("Eerdere contacten"), "\n".join(customer.history)),
        ]
        for key, label, value in rows:
            if not value:
                continue
            shown = QLabel(value, objectName=f"crm_{key}", wordWrap=True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.crm.addRow(label, shown)
            self.crm_values[key] = shown

    # what the controller shows ----------------------------------------------------------
    def show_record(
        self, customer: CustomerRecord | None, visible: bool, changed: Iterable[str] = ()
    ) -> None:
        """The file a look-up opened (None: none yet, and nothing of anyone on screen): its
        number and name, its account data only once the caller is verified, the rows the
        back office changed during the call marked."""
        self._fill_crm(customer)
        self.changed_rows = set(changed) if customer is not None else set()
        if customer is None:
            self.crm_status.setText(
                self.tr(
                    "Nog geen klant geopend. Zoek de beller op met het klantnummer, het "
                    "telefoonnummer of de naam die hij geeft (Ctrl+K, dan Enter)."
                )
            )
            self.crm_status.show()
            return
        self.crm_status.hide()
        self.show_account(customer, visible)
        for key in self.changed_rows & set(self.crm_values):
            label = self.crm_values[key]
            label.setProperty("changed", True)
            label.style().polish(label)

    def show_lookup_miss(self, typed: str) -> None:
        """Nothing found for what was typed: said so, the search ready to type again."""
        self.crm_status.setText(
            self.tr(
                "Geen klant gevonden voor '%1'. Zoek op klantnummer, telefoonnummer of "
                "volledige naam."
            ).replace("%1", typed)
        )
        self.crm_status.show()
        self.lookup.setFocus()
        self.lookup.selectAll()

    def return_from_lookup(self) -> None:
        """A file opened: back to where the trainee was typing before Ctrl+K."""
        if self._before_lookup is not None and self._before_lookup.isVisible():
            self._before_lookup.setFocus()
        self._before_lookup = None

    def show_account(self, customer: CustomerRecord, visible: bool) -> None:
        """Account data (all but number and name) shown only once the caller is verified."""
        hidden = self.tr("•••• verborgen tot de beller geverifieerd is (F5)")
        full = {
            "address": customer.address,
            "phone": customer.phone,
            "email": customer.email,
            "iban": customer.iban,
            "products": ", ".join(customer.products),
            "history": "\n".join(customer.history),
        }
        for key, value in full.items():
            if key in self.crm_values:
                self.crm_values[key].setText(value if visible else hidden)
                self.crm_values[key].setProperty("masked", not visible)
                self.crm_values[key].style().polish(self.crm_values[key])

    def set_paused(self, paused: bool) -> None:
        """The call stands still (the headset was lost): nothing on the desk can be used, the
        keys F10 and F11 still work."""
        if paused:
            self._refocus = self.focusWidget()
        for panel in self.panels:
            panel.setEnabled(not paused)
        for action, button in self.buttons.items():
            button.setVisible(action.startswith("resume_") == paused)
        if paused:
            self.setFocus()  # out of the (now disabled) field, so the desk's keys still work
        elif self._refocus is not None:
            self._refocus.setFocus()  # back where the trainee was typing
            self._refocus = None

    def show_clock(self, spent: float, target: float) -> None:
        """The handling time against its target, red once over it."""
        self.timer.setText(f"{words.seconds(spent)} / {words.seconds(target)}")
        set_flag(self.timer, "over", spent > target)

    def show_queue(self, text: str) -> None:
        """The waiting-queue board changed."""
        self.queue_board.setText(text)
        self.queue_board.show()

    def show_recording(self, text: str, accessible: str) -> None:
        """Whether the trainee's microphone is recorded ('● Opname') or not, with the why in
        its accessible name and tooltip; '' hides it (no recording asked for)."""
        self.recording.setText(text)
        self.recording.setAccessibleName(accessible)
        self.recording.setToolTip(accessible)
        self.recording.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        """A problem (sound, a field's format, a key that does nothing now), or none."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def set_hint(self, field_id: str, text: str) -> None:
        """Under a field: why its value is not of its kind, or nothing."""
        hint = self.hints[field_id]
        hint.setText(text)
        hint.setVisible(bool(text))

    def tick(self, step: str) -> None:
        """Show a step as done (it cannot be unticked: it is in the journal)."""
        for row in range(self.script.count()):
            item = self.script.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == step:
                self.script.blockSignals(True)
                item.setCheckState(Qt.CheckState.Checked)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.script.blockSignals(False)

    def untick(self, step: str) -> None:
        """Show a step as to do again (a new objection to handle)."""
        for row in range(self.script.count()):
            item = self.script.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == step:
                self.script.blockSignals(True)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.script.blockSignals(False)

    def add_message(self, event_id: str, text: str, waiting: bool = False) -> QListWidgetItem:
        """A chat, alert, record change or queue update, newest at the top; in bold while it
        ``waiting`` for an answer."""
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, event_id)
        if waiting:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.messages.insertItem(0, item)
        self.messages.setCurrentItem(item)
        self._message_items[event_id] = (item, text)
        return item

    def show_message_wait(self, event_id: str, when: str) -> None:
        """A waiting message's countdown ("nog 12 s", "te laat") after its text."""
        item, text = self._message_items[event_id]
        item.setText(f"{text}  ({when})")

    def answer_message(self, event_id: str) -> None:
        """A waiting message was answered: no longer bold, marked as confirmed."""
        item, text = self._message_items[event_id]
        font = item.font()
        font.setBold(False)
        item.setFont(font)
        item.setText(text + self.tr("  ✓ bevestigd"))

    def show_crm_change(self, text: str) -> None:
        """The back office changed the caller's file: said above the file."""
        self.crm_note.setText(self.tr("Gewijzigd: %1").replace("%1", text))

    def show_subtitle(self, transcript: str | None) -> None:
        """What the customer says, as text (only without sound); None hides it."""
        if transcript is None:
            self.caller_says.hide()
            return
        self.caller_says.setText(self.tr("Klant: %1").replace("%1", transcript))
        self.caller_says.show()

    def show_phase(self, phase: str, can_transfer: bool) -> None:
        """The state line and which keys of the call bar can be used, for the call's phase
        (``trainer.core.call_engine.Phase`` values)."""
        texts = {
            "waiting": self.tr("Tik het nummer in en bel met F2")
            if self.outbound
            else self.tr("Wachten op een oproep…"),
            "dialling": self.tr("☎ Het nummer gaat over…"),
            "busy": self.tr("Bezet: leg in met F8 en bel later opnieuw"),
            "voicemail": self.tr("Voicemail: spreek na de piep je bericht in, leg in met F8"),
            "ringing": self.tr("☎ Inkomende oproep: opnemen met F2"),
            "talking": self.tr("In gesprek"),
            "hold": self.tr("Beller in de wacht: hervatten met F3"),
            "hung_up": self.tr("De klant heeft ingehaakt: beëindig met F8"),
            "ended": self.tr("Gesprek beëindigd: rond af en druk op Ctrl+Enter"),
            "done": self.tr("Gesprek beëindigd: rond af en druk op Ctrl+Enter"),
        }
        self.state.setText(texts[phase])
        self.state.setProperty("callState", phase)
        self.state.style().polish(self.state)
        talking = phase in ("talking", "hold")
        self.buttons["answer"].setEnabled(
            phase == "ringing" or (self.outbound and phase == "waiting")
        )
        self.dial.setEnabled(phase == "waiting")
        self.buttons["hold"].setText(
            self.tr("Hervatten (F3)") if phase == "hold" else self.tr("In de wacht (F3)")
        )
        for action in ("hold", "ask_repeat", "verified", "mismatch"):
            self.buttons[action].setEnabled(talking)
        line = ("hung_up", "dialling", "busy", "voicemail")
        self.buttons["end"].setEnabled(
            talking or phase in line or (self.outbound and phase == "waiting")
        )
        self.buttons["transfer"].setEnabled(talking and can_transfer)

    def flash_ringing(self, on: bool) -> None:
        """The state line blinks while the phone rings."""
        set_flag(self.state, "flash", on)

    def selected_team(self) -> str:
        """The team chosen for a transfer ('' none)."""
        return self.transfer_team.currentText()

    def wrap_up_choice(self) -> tuple[str, str]:
        """The contact result and the closing code chosen ('' when none)."""
        return self.contact_result.currentText(), self.closing_code.currentText()

    def field_values(self) -> dict[str, str]:
        """Every field of the form as it stands."""
        return {field_id: edit.text() for field_id, edit in self.fields.items()}

    def watch_fields(self, watcher: QObject) -> None:
        """``watcher`` sees every event of every field (the keystrokes for the journal)."""
        for edit in self.fields.values():
            edit.installEventFilter(watcher)

    def focus_first_field(self) -> None:
        """The caller answered: the cursor in the first field of the form."""
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def open_wrap_up(self) -> None:
        """The call ended: the wrap-up opens, the cursor on the contact result."""
        self.wrapup_box.setEnabled(True)
        self.contact_result.setFocus()

    def focus_search(self) -> None:
        """Ctrl+F: to the knowledge base's search field."""
        self.knowledge.focus_search()

    def focus_dial(self) -> None:
        """Ctrl+D: to the dial field (an outbound call)."""
        if self.outbound:
            self.dial.setFocus()
            self.dial.selectAll()

    def dial_number(self) -> str:
        """The number typed in the dial field."""
        return str(self.dial.text())

    def focus_lookup(self) -> None:
        """Ctrl+K: to the record's search, remembering where the trainee was typing."""
        focused = self.focusWidget()
        if focused is not self.lookup:
            self._before_lookup = focused
        self.lookup.setFocus()
        self.lookup.selectAll()

    # signals from the widgets ------------------------------------------------------------
    def _tick_number(self, number: int) -> None:
        item = self.script.item(number - 1)
        if item is not None and item.checkState() != Qt.CheckState.Checked:
            self.stepTicked.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_step_changed(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked:
            self.stepTicked.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_message_activated(self, item: QListWidgetItem) -> None:
        event_id = item.data(Qt.ItemDataRole.UserRole)
        if event_id:
            self.messageAcknowledged.emit(event_id)
