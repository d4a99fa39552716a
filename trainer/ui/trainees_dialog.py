"""The coach's "Cursisten" dialog: rename and archive trainees, and put them in groups.

Everything on the keyboard: the list of trainees has the focus, F2 renames, Ctrl+A archives or
brings back (after a question), Alt+G chooses the group, Alt+E the keyboard they type on (for
their heat maps); the groups have their own list and buttons. A name already taken is said,
not stored; a group with trainees is not deleted.
The journals keep the names they were written with: the store links a session to its trainee.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.store import Store, Trainee
from trainer.store.trainees import KEYBOARDS, GroupNotEmpty, NameTaken
from trainer.ui import words

_ID = Qt.ItemDataRole.UserRole
_ARCHIVED = QColor("#5f6368")
_HERE = Qt.ShortcutContext.WidgetWithChildrenShortcut  # (the list that has the focus)


class TraineesDialog(QDialog):
    """Trainees and groups of a store; changes are stored at once (``changed`` tells)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("traineesDialog")
        self.setWindowTitle(self.tr("Cursisten"))
        self.store = store
        self.changed = False

        self.people = QTreeWidget()
        self.people.setObjectName("traineeList")
        self.people.setColumnCount(3)
        self.people.setHeaderLabels([self.tr("Naam"), self.tr("Groep"), self.tr("Status")])
        self.people.setRootIsDecorated(False)
        self.people.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.setAccessibleName(self.tr("Cursisten"))
        self.rename_button = QPushButton(self.tr("&Hernoemen…  (F2)"))
        self.archive_button = QPushButton()
        self.group_choice = QComboBox()
        self.group_choice.setAccessibleName(self.tr("Groep van de cursist"))
        group_label = QLabel(self.tr("&Groep:"))
        group_label.setBuddy(self.group_choice)
        person_buttons = QHBoxLayout()
        for widget in (self.rename_button, self.archive_button, group_label, self.group_choice):
            person_buttons.addWidget(widget)
        person_buttons.addStretch(1)
        # the keyboard the trainee types on: their heat maps (report, progress) show its keys
        self.keyboard_choice = QComboBox()
        self.keyboard_choice.setObjectName("keyboardChoice")
        self.keyboard_choice.setAccessibleName(self.tr("Toetsenbord van de cursist"))
        for code, name in self._keyboards():
            self.keyboard_choice.addItem(name, code)
        keyboard_label = QLabel(self.tr("Toets&enbord:"))
        keyboard_label.setBuddy(self.keyboard_choice)
        keyboard_line = QHBoxLayout()
        keyboard_line.addWidget(keyboard_label)
        keyboard_line.addWidget(self.keyboard_choice)
        keyboard_line.addStretch(1)
        people_box = QGroupBox(self.tr("C&ursisten"))
        people_layout = QVBoxLayout(people_box)
        people_layout.addWidget(self.people, 1)
        people_layout.addLayout(person_buttons)
        people_layout.addLayout(keyboard_line)

        self.group_list = QListWidget()
        self.group_list.setObjectName("groupList")
        self.group_list.setAccessibleName(self.tr("Groepen"))
        self.new_group_button = QPushButton(self.tr("&Nieuwe groep…"))
        self.rename_group_button = QPushButton(self.tr("Groep he&rnoemen…"))
        self.delete_group_button = QPushButton(self.tr("Groep &verwijderen"))
        groups_box = QGroupBox(self.tr("Gr&oepen"))
        groups_layout = QGridLayout(groups_box)
        groups_layout.addWidget(self.group_list, 0, 0, 1, 3)
        for n, button in enumerate(
            (self.new_group_button, self.rename_group_button, self.delete_group_button)
        ):
            groups_layout.addWidget(button, 1, n)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QHBoxLayout()
        layout.addWidget(people_box, 3)
        layout.addWidget(groups_box, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(layout, 1)
        outer.addWidget(close)
        self.resize(820, 460)

        self.rename_button.clicked.connect(self.rename_trainee)
        # F2 and Delete mean the list that has the focus (two F2s in one window would be
        # ambiguous and do nothing)
        QShortcut(QKeySequence("F2"), self.people, self.rename_trainee).setContext(_HERE)
        self.archive_button.clicked.connect(self.toggle_archived)
        QShortcut(QKeySequence("Ctrl+A"), self, self.toggle_archived)
        self.group_choice.activated.connect(self._on_group_chosen)
        self.keyboard_choice.activated.connect(self._on_keyboard_chosen)
        self.people.currentItemChanged.connect(self._show_current)
        self.new_group_button.clicked.connect(self.new_group)
        self.rename_group_button.clicked.connect(self.rename_group)
        self.delete_group_button.clicked.connect(self.delete_group)
        QShortcut(QKeySequence("F2"), self.group_list, self.rename_group).setContext(_HERE)
        QShortcut(QKeySequence("Delete"), self.group_list, self.delete_group).setContext(_HERE)
        self.group_list.currentItemChanged.connect(self._show_current)
        self.fill()
        self.people.setFocus()

    # filling ---------------------------------------------------------------------------
    def fill(self, trainee_id: int | None = None, group_id: int | None = None) -> None:
        """Both lists from the store, keeping (or making) the current rows."""
        keep = trainee_id if trainee_id is not None else self.current_trainee_id()
        keep_group = group_id if group_id is not None else self._current_group_id()
        groups = self.store.groups()
        names = {g.id: g.name for g in groups}
        self.people.clear()
        current: QTreeWidgetItem | None = None
        for trainee in self.store.trainees():
            status = self.tr("gearchiveerd") if trainee.archived else self.tr("actief")
            group = names.get(trainee.group_id or -1, "")
            item = QTreeWidgetItem(self.people, [trainee.name, group, status])
            item.setData(0, _ID, trainee.id)
            if trainee.archived:
                for column in range(3):
                    item.setForeground(column, QBrush(_ARCHIVED))
            if trainee.id == keep:
                current = item
        first = current or self.people.topLevelItem(0)
        if first is not None:
            self.people.setCurrentItem(first)
        self.group_list.clear()
        for g in groups:
            label = self.tr("%1 (%2)").replace("%1", g.name).replace("%2", str(g.members))
            entry = QListWidgetItem(label, self.group_list)
            entry.setData(_ID, g.id)
            if g.id == keep_group:
                self.group_list.setCurrentItem(entry)
        if self.group_list.currentItem() is None and self.group_list.count():
            self.group_list.setCurrentRow(0)
        self.group_choice.clear()
        self.group_choice.addItem(self.tr("(geen groep)"), None)
        for g in groups:
            self.group_choice.addItem(g.name, g.id)
        self._show_current()

    def current_trainee_id(self) -> int | None:
        """The trainee of the current row."""
        item = self.people.currentItem()
        return item.data(0, _ID) if item else None

    def _current_trainee(self) -> Trainee | None:
        trainee_id = self.current_trainee_id()
        return self.store.trainee(trainee_id) if trainee_id is not None else None

    def _current_group_id(self) -> int | None:
        item = self.group_list.currentItem()
        return item.data(_ID) if item else None

    def _show_current(self, *_args: object) -> None:
        trainee = self._current_trainee()
        for widget in (
            self.rename_button,
            self.archive_button,
            self.group_choice,
            self.keyboard_choice,
        ):
            widget.setEnabled(trainee is not None)
        archived = trainee is not None and trainee.archived
        self.archive_button.setText(
            self.tr("&Terugzetten  (Ctrl+A)") if archived else self.tr("&Archiveren  (Ctrl+A)")
        )
        if trainee is not None:
            self.group_choice.setCurrentIndex(max(self.group_choice.findData(trainee.group_id), 0))
            found = self.keyboard_choice.findData(trainee.keyboard)
            self.keyboard_choice.setCurrentIndex(max(found, 0))
        has_group = self._current_group_id() is not None
        self.rename_group_button.setEnabled(has_group)
        self.delete_group_button.setEnabled(has_group)

    # trainees --------------------------------------------------------------------------
    def rename_trainee(self) -> None:
        """Ask for a new name; a name somebody else has is said and nothing changes."""
        trainee = self._current_trainee()
        if trainee is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Cursist hernoemen"), self.tr("Nieuwe naam:"), text=trainee.name
        )
        if not ok or not name.strip() or name.strip() == trainee.name:
            return
        try:
            self.store.rename_trainee(trainee.id, name)
        except NameTaken:
            QMessageBox.warning(
                self,
                self.tr("Cursist hernoemen"),
                self.tr("Er is al een cursist met de naam “%1”.").replace("%1", name.strip()),
            )
            return
        self.changed = True
        self.fill(trainee.id)

    def toggle_archived(self) -> None:
        """Archive the trainee (after a question: hidden from the lists, kept with every
        session) or bring an archived one back."""
        trainee = self._current_trainee()
        if trainee is None:
            return
        if not trainee.archived:
            answer = QMessageBox.question(
                self,
                self.tr("Cursist archiveren"),
                self.tr(
                    "“%1” archiveren? De cursist verdwijnt uit de keuzelijst en uit de "
                    "sessielijst; de resultaten blijven bewaard en je kunt hem of haar later "
                    "terugzetten."
                ).replace("%1", trainee.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.store.set_trainee_archived(trainee.id, not trainee.archived)
        self.changed = True
        self.fill(trainee.id)

    def _on_group_chosen(self, _index: int) -> None:
        trainee = self._current_trainee()
        if trainee is None:
            return
        group_id = self.group_choice.currentData()
        if group_id != trainee.group_id:
            self.store.set_trainee_group(trainee.id, group_id)
            self.changed = True
            self.fill(trainee.id)
            self.group_choice.setFocus()

    def _keyboards(self) -> list[tuple[str | None, str]]:
        """The choices: the language's usual keyboard (nothing stored), then each layout."""
        from trainer.core.keyboard import LAYOUT_OF_LANGUAGE
        from trainer.ui.report.model import layout_name

        # (every language's usual keyboard is Belgian AZERTY in Flemish and Brussels offices)
        usual = layout_name(LAYOUT_OF_LANGUAGE["nl"])
        default = self.tr("Volgens de taal (%1)").replace("%1", usual)
        return [(None, default)] + [(code, layout_name(code)) for code in KEYBOARDS]

    def _on_keyboard_chosen(self, _index: int) -> None:
        trainee = self._current_trainee()
        if trainee is None:
            return
        keyboard = self.keyboard_choice.currentData()
        if keyboard != trainee.keyboard:
            self.store.set_trainee_keyboard(trainee.id, keyboard)
            self.changed = True
            self.fill(trainee.id)
            self.keyboard_choice.setFocus()

    # groups ----------------------------------------------------------------------------
    def new_group(self) -> None:
        """Ask for a name and make the group."""
        name, ok = QInputDialog.getText(
            self, self.tr("Nieuwe groep"), self.tr("Naam van de groep:")
        )
        if not ok or not name.strip():
            return
        try:
            group = self.store.add_group(name)
        except NameTaken:
            self._name_taken(self.tr("Nieuwe groep"), name)
            return
        self.changed = True
        self.fill(group_id=group.id)

    def rename_group(self) -> None:
        """Ask for another name for the current group."""
        group_id = self._current_group_id()
        group = next((g for g in self.store.groups() if g.id == group_id), None)
        if group is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Groep hernoemen"), self.tr("Nieuwe naam:"), text=group.name
        )
        if not ok or not name.strip() or name.strip() == group.name:
            return
        try:
            self.store.rename_group(group.id, name)
        except NameTaken:
            self._name_taken(self.tr("Groep hernoemen"), name)
            return
        self.changed = True
        self.fill(group_id=group.id)

    def delete_group(self) -> None:
        """Delete the current group after a question; one that still has trainees is not
        deleted, and how many it has is said."""
        group_id = self._current_group_id()
        group = next((g for g in self.store.groups() if g.id == group_id), None)
        if group is None:
            return
        title = self.tr("Groep verwijderen")
        if group.members:
            self._say_not_empty(title, group.name, group.members)
            return
        answer = QMessageBox.question(
            self,
            title,
            self.tr("De lege groep “%1” verwijderen?").replace("%1", group.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.store.delete_group(group.id)
        except GroupNotEmpty as exc:  # (a trainee put in it from another workstation)
            self._say_not_empty(title, group.name, exc.members)
            return
        self.changed = True
        self.fill()

    def _say_not_empty(self, title: str, name: str, members: int) -> None:
        QMessageBox.information(
            self,
            title,
            self.tr(
                "De groep “%1” heeft nog %2. Zet ze eerst in een andere groep of in geen groep."
            )
            .replace("%1", name)
            .replace("%2", words.count(members, words.tr("%n cursist"), words.tr("%n cursisten"))),
        )

    def _name_taken(self, title: str, name: str) -> None:
        QMessageBox.warning(
            self,
            title,
            self.tr("Er is al een groep met de naam “%1”.").replace("%1", name.strip()),
        )
