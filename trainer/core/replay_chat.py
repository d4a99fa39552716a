"""The replay of a chat session: each conversation at any moment (``chat_replay_of``), with
the marks of its customers' messages and of the score's reasons (see ``trainer.core.replay_desk``
for what a desk's replay keeps and its limits)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Literal

from trainer.core.chat_scenario import ChatExercise, event_id, nudge_id, reply_box
from trainer.core.chat_scoring import ChatResult
from trainer.core.journal import (
    ActionEvent,
    ChatEvent,
    FieldEvent,
    Journal,
    KeyEvent,
    ScenarioEvent,
)
from trainer.core.replay import Replay, ReplayMark, ShownEvent, _customer, _Keys, _trainee
from trainer.core.replay_desk import Texts, reason_mark, unique_reasons
from trainer.core.scenario import ScreenMessage

Who = Literal["customer", "trainee"]
LineKind = Literal["message", "nudge", "leave", "reply"]


@dataclass(frozen=True)
class ChatLine:
    """One message in a conversation: the customer's (a message, a nudge, their leaving
    words) or the trainee's reply as sent (``template``: the canned response it began from)."""

    t: float
    who: Who
    what: LineKind
    text: str
    template: str = ""


@dataclass(frozen=True)
class ConversationAt:
    """A conversation at a moment: its messages so far, its reply box as typed, whether the
    customer had left (and when)."""

    id: str
    lines: tuple[ChatLine, ...]
    typed: str
    left_at: float | None

    @property
    def started(self) -> bool:
        return bool(self.lines)


@dataclass(frozen=True)
class ChatState:
    """The chat session at one moment: each conversation (in the exercise's order), the one
    in front (last opened or replied to), the fields committed, the screen messages."""

    t: float
    conversations: tuple[ConversationAt, ...]
    active: str | None
    fields: dict[str, str]
    events: tuple[ShownEvent, ...]


class ChatReplay(Replay):
    """A chat session to scrub through; make it with ``chat_replay_of``."""

    def __init__(
        self,
        exercise: ChatExercise,
        lines: dict[str, list[ChatLine]],
        typed: Texts,
        opened: list[tuple[float, str]],
        **replay: Any,
    ) -> None:
        super().__init__(**replay)
        self.exercise = exercise
        self._lines = lines
        self._line_times = {chat: [x.t for x in xs] for chat, xs in lines.items()}
        self._typed = typed
        self._opened = opened
        self._opened_times = [t for t, _ in opened]

    def chats_at(self, t: float) -> ChatState:
        """The conversations at ``t`` (clamped to the session)."""
        t = min(max(t, 0.0), self.duration)
        out = []
        for chat in self.exercise.chats:
            lines = tuple(self._lines[chat.id][: bisect_right(self._line_times[chat.id], t)])
            left = next((x.t for x in lines if x.what == "leave"), None)
            out.append(ConversationAt(chat.id, lines, self._typed.at(reply_box(chat.id), t), left))
        n = bisect_right(self._opened_times, t)
        return ChatState(
            t=t,
            conversations=tuple(out),
            active=self._opened[n - 1][1] if n else None,
            fields=self.fields_at(t),
            events=self.events_at(t),
        )


def _chat_marks(result: ChatResult, duration: float) -> list[ReplayMark]:
    """Each reason of a conversation at its moment: a late reply, or one lacking facts or
    politeness, when it was sent; a reply missed when its norm ran out; a customer who left
    when they left; a wrong field when it was committed."""
    replies = {(c.id, r.message): r for c in result.conversations for r in c.replies}
    marks: list[ReplayMark] = []
    for r in unique_reasons([c.reasons for c in result.competences]):
        reply = replies.get((str(r.params.get("chat")), str(r.params.get("message"))))
        if r.code == "customer_left":
            t = float(r.params.get("at") or 0)  # type: ignore[arg-type]
        elif reply is not None and reply.replied_at is not None:
            t = reply.replied_at
        elif reply is not None:  # missed: when its norm ran out
            t = reply.arrived_at + reply.within
        else:
            continue  # a field's (below), the spelling: no one moment
        marks.append(reason_mark(min(t, duration), r))
    for f in result.fields:
        if f.verdict in ("wrong", "misplaced") and f.committed_at is not None:
            marks.append(ReplayMark(f.committed_at, "field", f.id, f.verdict, f.value or ""))
    return marks


def _screen_parts(
    exercise: ChatExercise, journal: Journal
) -> tuple[dict[str, tuple[list[float], list[str]]], list[ShownEvent], list[ReplayMark]]:
    """The fields committed, the screen messages shown (and answered), their marks."""
    screens = {e.id: e for e in exercise.screen if isinstance(e, ScreenMessage)}
    commits: dict[str, tuple[list[float], list[str]]] = {}
    fired: list[ScenarioEvent] = []
    acks: dict[str, list[float]] = {}
    for e in journal.events:
        if isinstance(e, ScenarioEvent) and e.event in screens:
            fired.append(e)
        elif isinstance(e, FieldEvent):
            times, values = commits.setdefault(e.field, ([], []))
            times.append(e.t)
            values.append(e.value)
        elif isinstance(e, ActionEvent) and e.action == "acknowledged":
            acks.setdefault(e.target, []).append(e.t)
    shown = []
    for e in fired:
        message = screens[e.event]
        ack = next((a for a in acks.get(e.event, []) if a >= e.t), None)
        shown.append(ShownEvent(e.event, message.do, message.text, e.t, ack))
    marks = [ReplayMark(e.t, "screen", e.event, screens[e.event].do) for e in fired]
    return commits, shown, marks


def chat_replay_of(exercise: ChatExercise, journal: Journal, result: ChatResult) -> ChatReplay:
    """The replay of a chat session: ``result`` is ``score(exercise, journal)`` or stored."""
    duration = max(result.duration, max((e.t for e in journal.events), default=0.0))
    lines: dict[str, list[ChatLine]] = {c.id: [] for c in exercise.chats}
    said: dict[str, tuple[str, LineKind, str]] = {}  # scenario event -> chat, kind, text
    leave = {c.id: c.patience.leave for c in exercise.chats}
    for chat in exercise.chats:
        for m in chat.messages:
            said[event_id(chat.id, m.id)] = (chat.id, "message", m.text)
            said[nudge_id(chat.id, m.id)] = (chat.id, "nudge", chat.patience.nudge)
    typed = Texts()
    opened: list[tuple[float, str]] = []
    commits, shown, marks = _screen_parts(exercise, journal)
    for e in journal.events:
        if isinstance(e, ScenarioEvent) and e.event in said:
            chat_id, what, text = said[e.event]
            lines[chat_id].append(ChatLine(e.t, "customer", what, text))
            marks.append(ReplayMark(e.t, "arrival", chat_id, what))
        elif isinstance(e, ChatEvent) and e.chat in lines:
            if e.action == "sent":
                lines[e.chat].append(ChatLine(e.t, "trainee", "reply", e.text, e.template))
                marks.append(ReplayMark(e.t, "action", "sent", e.chat, e.template))
                typed.reset(reply_box(e.chat), e.t)  # (the box empties as the reply goes)
            elif e.action == "inserted":  # a canned response, at the end of the box
                typed.insert(reply_box(e.chat), e.t, e.text)
            elif e.action == "left":
                lines[e.chat].append(ChatLine(e.t, "customer", "leave", leave[e.chat]))
            if e.action in ("sent", "opened"):
                opened.append((e.t, e.chat))
        elif isinstance(e, KeyEvent) and e.field is not None and e.field.startswith("chat:"):
            typed.key(e.field, e)
    marks += _chat_marks(result, duration)
    sounds = _customer(journal, duration) + _trainee(journal, duration)
    return ChatReplay(
        exercise, lines, typed, opened,
        duration=duration, keys=_Keys(), commits=commits, shown=shown, sounds=sounds, marks=marks,
    )  # fmt: skip
