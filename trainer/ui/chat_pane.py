"""One customer's chat on the chat screen: who, how long they wait, what was said, and the box
the trainee writes the reply in.

Widgets only: ``ChatView`` lays up to three of these side by side and the chat controller fills
them. Enter sends the reply, Shift+Enter starts a new line (as in the chat tools of contact
centres); the keys typed are seen by the controller through an event filter on ``reply``.
"""

from __future__ import annotations

import html
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.ui import words
from trainer.ui.style_flags import set_flag

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with the object name the style sheet and the tests know it by."""
    widget.setObjectName(name)
    return widget


_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_SHIFT = Qt.KeyboardModifier.ShiftModifier


class ReplyEdit(QPlainTextEdit):
    """A chat's reply box: Enter asks to send, Shift+Enter is a new line. Dead keys and an
    input method's commits are the plain text edit's own (it handles ``inputMethodEvent``)."""

    sendRequested = Signal()

    def __init__(self, chat_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chat_id = chat_id
        self.setObjectName(f"reply_{chat_id}")
        self.setTabChangesFocus(True)  # Tab leaves the box, as in a form; Ctrl+Tab changes chat
        # three lines to write in: a chat reply is short, and the conversation needs the room
        lines = 3 * self.fontMetrics().lineSpacing() + 2 * self.frameWidth() + 10
        self.setFixedHeight(lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER:
            if event.modifiers() & _SHIFT:
                self.insertPlainText("\n")
            elif not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.sendRequested.emit()
            else:  # (Ctrl+Enter is the screen's: it is not a line in the reply)
                event.ignore()
            return
        super().keyPressEvent(event)


class ChatPane(QFrame):
    """One conversation: a header (the customer's name, unread count, waiting time, gone), the
    messages so far, and the reply box."""

    def __init__(
        self, chat_id: str, number: int, name: str, topic: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.chat_id = chat_id
        self.setObjectName("chatPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # the chats share the row equally, whatever their texts would like
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.customer = name
        self.name = named(QLabel(f"{number}. {name}"), "chatName")
        self.name.setToolTip(self.tr("Ctrl+%1 opent deze chat").replace("%1", str(number)))
        self.topic = named(QLabel(topic, wordWrap=True), "chatTopic")
        self.unread = named(QLabel(), "chatUnread")
        self.unread.hide()
        self.waiting = named(QLabel(), "chatWaiting")
        self.state = named(QLabel(wordWrap=True), "chatState")
        self.state.hide()
        # the name on a line of its own (a long one is not cut off by the badges beside it)
        header = QHBoxLayout()
        header.addWidget(self.unread)
        header.addWidget(self.waiting)
        header.addStretch(1)
        self.conversation = named(QTextBrowser(), "chatConversation")
        self.conversation.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the reply box keeps it
        self.conversation.setAccessibleName(self.tr("Gesprek met %1").replace("%1", name))
        self.reply = ReplyEdit(chat_id)
        self.reply.setAccessibleName(self.tr("Antwoord aan %1").replace("%1", name))
        self.reply.setPlaceholderText(
            self.tr("Antwoord (Enter verstuurt, Shift+Enter: nieuwe regel)")
        )
        column = QVBoxLayout(self)
        column.addWidget(self.name)
        column.addWidget(self.topic)
        column.addLayout(header)
        column.addWidget(self.state)
        column.addWidget(self.conversation, 1)
        column.addWidget(self.reply)
        self._unread = 0
        self.gone = False

    # what the controller shows ----------------------------------------------------------
    def add_customer_message(self, text: str, at: float, current: bool) -> None:
        """The customer wrote (a message, a nudge, their last words); counted as unread unless
        this chat is the one in front."""
        self._add(self.customer, text, at, "#0d47a1")
        if not current:
            self.set_unread(self._unread + 1)

    def add_reply(self, text: str, at: float) -> None:
        """The trainee's reply, sent: in the conversation, the box empty again."""
        self._add(self.tr("Jij"), text, at, "#1b5e20")
        self.reply.clear()

    def add_note(self, text: str, at: float) -> None:
        """A line of the chat tool itself (the customer left, the chat was opened)."""
        stamp = words.seconds(at)
        self.conversation.append(
            f"<p{self._colour('#607d8b')}><i>{stamp}  {html.escape(text)}</i></p>"
        )

    def _add(self, who: str, text: str, at: float, colour: str) -> None:
        lines = "<br>".join(html.escape(line) for line in text.split("\n"))
        self.conversation.append(
            f"<p><span{self._colour(colour)}><b>{html.escape(who)}</b></span> "
            f"<span{self._colour('#607d8b')}>{words.seconds(at)}</span><br>{lines}</p>"
        )

    def _colour(self, colour: str) -> str:
        """A style attribute with ``colour``, or none on a dark theme (the high-contrast one:
        its white text throughout; the names are told apart by their bold)."""
        dark = self.conversation.palette().base().color().lightness() < 128
        return "" if dark else f' style="color:{colour}"'

    def set_unread(self, count: int) -> None:
        """How many of the customer's messages came while another chat was in front."""
        self._unread = count
        # an envelope and the number: short enough beside the waiting time in a narrow chat
        # (the words in its tooltip, and for a screen reader)
        said = words.count(count, self.tr("%n nieuw bericht"), self.tr("%n nieuwe berichten"))
        self.unread.setText(f"✉ {count}")
        self.unread.setToolTip(said)
        self.unread.setAccessibleName(said)
        self.unread.setVisible(count > 0)

    @property
    def unread_count(self) -> int:
        return self._unread

    def show_waiting(self, seconds: float | None, late: bool) -> None:
        """How long the customer has waited for an answer (None: not waiting); ``late`` once
        over the time the reply must come in (or the customer grew impatient): red."""
        if seconds is None or self.gone:
            self.waiting.clear()
            self.waiting.hide()
            set_flag(self.waiting, "over", False)
            return
        self.waiting.setText(self.tr("wacht %1").replace("%1", words.seconds(seconds)))
        self.waiting.show()
        set_flag(self.waiting, "over", late)

    def show_left(self, at: float) -> None:
        """The customer gave up waiting: said in the header and the conversation; the reply
        box closes."""
        self.gone = True
        self.show_waiting(None, False)
        self.state.setText(self.tr("%1 heeft de chat verlaten").replace("%1", self.customer))
        self.state.show()
        set_flag(self.state, "left", True)
        set_flag(self, "gone", True)
        self.add_note(self.tr("%1 heeft de chat verlaten.").replace("%1", self.customer), at)
        self.reply.setReadOnly(True)

    def show_done(self) -> None:
        """The customer's last message is answered: nothing more to come in this chat."""
        self.gone = True
        self.show_waiting(None, False)
        self.state.setText(self.tr("Afgerond: de klant is geholpen"))
        self.state.show()
        set_flag(self.state, "left", False)
        set_flag(self, "gone", False)

    def set_current(self, current: bool) -> None:
        """Marked as the chat in front; its unread messages are read then."""
        set_flag(self, "current", current)
        if current:
            self.set_unread(0)
