"""The ticket of each chat on the chat screen, in a session with a helpdesk system.

The ticket form (``trainer.ui.ticket_form``) shows the ticket of the chat in front: a new one
about that chat (channel chat, the customer as requester) until one is made, then the ticket as
the helpdesk system holds it. A form's action goes to the chat engine as a ``TicketAction`` for
the chat in front; the engine journals it and answers with the ticket as it stands
(``TicketChanged``) or the helpdesk's refusal (``TicketRefused``), which come back here. Nothing
is decided here: which actions a ticket allows is the helpdesk system's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from trainer.core import chat_engine as ce
from trainer.core.chat_scenario import ChatExercise
from trainer.core.helpdesk import Refused, Ticket
from trainer.ui.ticket_form import FormAction, TicketForm


class ChatTickets:
    """The chats' tickets between the form and the engine; owned by the chat controller."""

    def __init__(self, form: TicketForm, exercise: ChatExercise) -> None:
        self.form = form
        self.exercise = exercise
        self.tickets: dict[str, Ticket] = {}  # chat id -> its ticket as it stands
        self.chat = ""  # the chat in front
        if exercise.helpdesk is not None:
            form.set_config(exercise.helpdesk)

    def show(self, chat_id: str) -> None:
        """The chat in front changed: its ticket on the form (or a new one about it)."""
        self.chat = chat_id
        ticket = self.tickets.get(chat_id)
        if ticket is not None:
            self.form.edit(ticket)
            return
        chat = self.exercise.chat(chat_id)
        requester = chat.customer.name if chat is not None else ""
        typing = QApplication.focusWidget()
        self.form.new_ticket(chat_id, "chat", requester)
        if typing is not None:  # (new_ticket puts the cursor in the form: not while replying)
            typing.setFocus()

    def action(self, asked: FormAction) -> ce.TicketAction | None:
        """The engine's action for what the form asked (None: no chat in front)."""
        chat = asked.contact or self.chat
        if not chat:
            return None
        return ce.TicketAction(chat, asked.op, dict(asked.values), asked.ticket)

    def changed(self, ticket: Ticket) -> None:
        """A ticket made or changed: kept for its chat, shown when that chat is in front."""
        self.tickets[ticket.contact] = ticket
        if ticket.contact == self.chat:
            self.form.edit(ticket)

    def refused(self, effect: ce.TicketRefused) -> None:
        """The helpdesk refused: why, under the form."""
        self.form.show_outcome([Refused(effect.code, effect.field)])
