"""Simulated trainees for ``generate_store.py``: the keystrokes and desk actions of a person of
a given skill, as journal events that ``score()`` then scores like any other session.

A typist (``Typist``) types a text at a speed with slips: a wrong neighbouring key, a letter
left out, one too many, two swapped; some are seen and erased with Backspace a few keys later,
the rest stay. An operator (``operator_events``) drives the headless call engine through a
shipped call as the test's good operator does, but late, with typos in the fields, a message
left unanswered, a script step forgotten or a wrong closing code, as often as its skill says.
An outbound call is placed as the outbound tests' operator places it (dial, a busy line called
again, a stranger's "wrong number", a voicemail message after the beep, the objections), with a
slip in the number dialled, a line called again too soon, a message too short or an objection
let go, as often as its skill says.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from trainer.core import call_engine as ce
from trainer.core.journal import ActionEvent, AudioEvent, EndEvent, EndReason, KeyEvent, _Event
from trainer.core.scenario import CallExercise, Say

# the keys around each letter on a Belgian AZERTY keyboard: where a finger slips to
_AZERTY = ["azertyuiop", "qsdfghjklm", "wxcvbn"]
NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_AZERTY):
    for _c, _ch in enumerate(_row):
        _near = [_row[i] for i in (_c - 1, _c + 1) if 0 <= i < len(_row)]
        for _other in (_r - 1, _r + 1):
            if 0 <= _other < len(_AZERTY):
                _near += [_AZERTY[_other][i] for i in (_c, _c + 1) if i < len(_AZERTY[_other])]
        NEIGHBOURS[_ch] = "".join(_near)


def slip(ch: str, rng: random.Random) -> str:
    """A key next to ``ch`` (the same case), or another digit for a digit."""
    if ch.isdigit():
        return rng.choice([d for d in "0123456789" if d != ch])
    near = NEIGHBOURS.get(ch.lower())
    if not near:
        return rng.choice("eaitn")
    wrong = rng.choice(near)
    return wrong.upper() if ch.isupper() else wrong


@dataclass
class Typist:
    """How somebody types today: speed (words per minute, 5 characters a word), the chance
    of a slip per character, and the share of slips seen and erased."""

    wpm: float
    slips: float
    fixes: float
    rng: random.Random
    keys: list[KeyEvent] = field(default_factory=list)

    def _gap(self, ch: str) -> float:
        gap = 12.0 / self.wpm * self.rng.lognormvariate(0, 0.35)
        if ch in " \n":
            gap *= 1.3
        if self.rng.random() < 0.01:  # looking up at the text, a word hard to read
            gap += self.rng.uniform(0.8, 3.0)
        return gap

    def _key(self, t: float, text: str | None = None, key: str | None = None) -> None:
        self.keys.append(KeyEvent(t=round(t, 3), text=text, key=key))  # type: ignore[arg-type]

    def type_text(self, text: str, t: float, until: float | None = None) -> tuple[float, int]:
        """Type ``text`` from time ``t``; stops at ``until`` (a time limit). Returns the time
        after the last key and how many characters of the text were reached."""
        rng = self.rng
        i = 0
        while i < len(text):
            t += self._gap(text[i])
            if until is not None and t > until:
                return until, i
            if rng.random() >= self.slips or text[i] in " \n":
                self._key(t, text[i])
                i += 1
                continue
            kind = rng.choice(("wrong", "wrong", "left_out", "extra", "swapped"))
            wrong: list[str] = []
            if kind == "wrong":
                wrong = [slip(text[i], rng)]
            elif kind == "extra":
                wrong = [text[i], slip(text[i], rng)]
            elif kind == "swapped" and i + 1 < len(text) and text[i + 1] not in " \n":
                wrong = [text[i + 1], text[i]]
            # left out: nothing typed for this letter
            for ch in wrong:
                self._key(t, ch)
                t += self._gap(ch)
            if rng.random() < self.fixes:
                # seen a few keys later: those are typed too, then erased with the slip
                later = min(rng.choice((0, 0, 1, 2, 3)), len(text) - i - 1)
                for ch in text[i + 1 : i + 1 + later]:
                    self._key(t, ch)
                    t += self._gap(ch)
                t += rng.uniform(0.25, 0.7)  # the moment it takes to see it
                for _ in range(len(wrong) + later):
                    self._key(t, key="Backspace")
                    t += rng.uniform(0.08, 0.14)
                continue  # typed again from the slip on
            i += 2 if kind == "swapped" and len(wrong) == 2 else 1
        return t, len(text)


def dictation_events(
    typist: Typist, clips: list[tuple[str, str, float]], stop_at: int | None
) -> tuple[list[_Event], float]:
    """A dictation: each clip (id, transcript, seconds) played, then typed while and after it
    is heard, one line each. ``stop_at``: the clip during which the trainee stops."""
    rng = typist.rng
    events: list[_Event] = []
    t = rng.uniform(1.0, 3.0)
    for index, (clip, transcript, seconds) in enumerate(clips):
        events.append(AudioEvent(t=round(t, 3), action="play", clip=clip))
        start = t + 0.05
        events.append(AudioEvent(t=round(start, 3), action="start", clip=clip, length=seconds))
        end = start + seconds
        if rng.random() < 0.15:  # played again from the start, to hear a name or number
            events.append(AudioEvent(t=round(end, 3), action="end", clip=clip))
            events.append(AudioEvent(t=round(end + 0.6, 3), action="seek", clip=clip))
            end += 0.65 + seconds
        line = transcript.strip() + ("\n" if index < len(clips) - 1 else "")
        done, _ = typist.type_text(line, start + rng.uniform(0.8, 1.6))
        events.append(AudioEvent(t=round(end, 3), action="end", clip=clip))
        t = max(done, end) + rng.uniform(0.4, 1.5)
        if stop_at == index:
            break
    return events, t


# the call engine on a simulated clock ------------------------------------------------------
STEP = 0.1  # seconds between two polls of the simulated desk


@dataclass
class _Headset:
    """Every clip plays to its end, no dropouts."""

    lengths: Mapping[str, float]

    def device_open(self) -> bool:
        return True

    def hearable(self, clip: str) -> bool:
        return True

    def seconds(self, clip: str) -> float:
        return self.lengths[clip]

    def underflows(self) -> int:
        return 0


@dataclass
class _Desk:
    call: CallExercise
    lengths: Mapping[str, float]
    t: float = 0.0
    journal: list[_Event] = field(default_factory=list)
    effects: list[ce.Effect] = field(default_factory=list)
    playing: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        self.engine = ce.CallEngine(self.call, _Headset(self.lengths))

    def do(self, action: ce.Action, t: float | None = None) -> None:
        out = self.engine.handle(action, self.t if t is None else t)
        for effect in out:
            if isinstance(effect, ce.Record):
                self.journal.append(effect.event)
            elif isinstance(effect, ce.PlayClip) and not effect.waiting:
                self.playing = (self.t, self.t + self.lengths[effect.clip] - effect.position)
                self.do(ce.ClipHeard(effect.position))
            elif isinstance(effect, ce.Customer) and effect.do != "resume":
                self.playing = None
            elif isinstance(effect, ce.Customer) and self.engine.speaking is not None:
                left = self.playing[1] - self.playing[0] if self.playing else 0.0
                self.playing = (self.t, self.t + left)
        self.effects += out

    def advance(self, to: float) -> None:
        while self.t < to - 1e-9:
            self.t = round(self.t + STEP, 3)
            due = self.engine.next_due()
            if due is not None and due <= self.t:
                self.do(ce.Due())
            if self.playing is not None and self.t >= self.playing[1]:
                ended, self.playing = self.playing[1], None
                self.do(ce.ClipFinished(), ended)
            self.do(ce.Tick())


def _typo(value: str, rng: random.Random) -> str:
    """One slip in a value: a digit or letter replaced by a neighbour, or two swapped."""
    spots = [i for i, ch in enumerate(value) if ch.isalnum()]
    if not spots:
        return value + "x"
    i = rng.choice(spots)
    if rng.random() < 0.4 and i + 1 < len(value) and value[i + 1].isalnum():
        return value[:i] + value[i + 1] + value[i] + value[i + 2 :]
    return value[:i] + slip(value[i], rng) + value[i + 1 :]


def _identifying(call: CallExercise) -> str:
    clip = next(
        e.clip for e in call.timeline if isinstance(e, Say) and e.id == call.expect.verify_after
    )
    numbers = [f for f in call.fields if f.kind == "customer_number"]
    said = [f for f in numbers if f.said_in == clip]
    names = [f for f in call.fields if f.kind == "name"]
    return (said or numbers or names)[0].expected


def operator_events(  # noqa: C901 (one operator's whole call, read top to bottom)
    call: CallExercise,
    lengths: Mapping[str, float],
    skill: float,
    rng: random.Random,
    hang_up: bool = False,
) -> list[_Event]:
    """The journal of a call handled by an operator of ``skill`` (0: new, 1: as good as the
    test's operator); ``hang_up``: the trainee stops the call half-way (abandoned)."""
    desk = _Desk(call, lengths)
    engine = desk.engine
    miss = 1.0 - skill
    desk.do(ce.Due())
    values = {
        f.id: _typo(f.expected, rng) if rng.random() < miss * 0.35 else f.expected
        for f in call.fields
        if rng.random() >= miss * 0.12  # forgotten
    }
    waits_for_hold = any(e.after in ("hold", "resumed") for e in call.timeline)
    verify_clip = next(
        (e.clip for e in call.timeline if isinstance(e, Say) and e.id == call.expect.verify_after),
        None,
    )
    todo: list[tuple[float, ce.Action]] = []
    caller = _Caller(call, miss, rng) if call.outbound else None
    if caller is not None:  # the record is open: its articles read while the line rings
        todo.append((rng.uniform(2.0, 6.0 + 10.0 * miss), caller.dial()))
        todo += [
            (rng.uniform(3.0, 15.0), ce.OpenArticle(article))
            for article in call.expect.look_up
            if rng.random() >= miss * 0.3
        ]
    seen = 0
    hold_done = False
    stop_at = rng.uniform(30, 90) if hang_up else None
    while desk.t < 900 and engine.phase not in (ce.Phase.ENDED, ce.Phase.DONE):
        desk.advance(desk.t + STEP)
        if stop_at is not None and desk.t >= stop_at:
            return [*desk.journal, EndEvent(t=desk.t, reason="abandoned")]
        for effect in desk.effects[seen:]:
            if caller is not None and (planned := caller.react(desk, effect)) is not None:
                todo += planned
            elif isinstance(effect, ce.Loop) and effect.name == "ring" and effect.on:
                todo.append((desk.t + rng.uniform(1.0, 2.0 + 9.0 * miss), ce.Key("answer")))
            elif isinstance(effect, ce.ShowMessage) and effect.event.respond_within:
                if rng.random() >= miss * 0.2:  # else not seen in time at all
                    late = effect.event.respond_within * (0.3 + 1.2 * miss) * rng.random()
                    todo.append((desk.t + 1.5 + late, ce.Acknowledge(effect.event.id)))
            elif isinstance(effect, ce.Record) and isinstance(effect.event, AudioEvent):
                audio = effect.event
                if audio.action != "end":
                    continue
                for f in call.fields:
                    if f.said_in == audio.clip and f.section == "form" and f.id in values:
                        after = rng.uniform(0.8, 2.0 + 6.0 * miss)
                        todo.append((desk.t + after, ce.CommitField(f.id, values[f.id])))
                if audio.clip == verify_clip and caller is not None:  # the right person
                    todo.append((desk.t + 1.0 + 3 * miss, ce.Key("verified")))
                elif audio.clip == verify_clip and (verdict := call.expect.verification):
                    todo.append((desk.t + 0.5 + 2 * miss, ce.LookUp(_identifying(call))))
                    todo.append((desk.t + 1.2 + 3 * miss, ce.Key(verdict)))
            elif (
                isinstance(effect, ce.Record)
                and isinstance(effect.event, ActionEvent)
                and effect.event.action == "answered"
            ):
                for article in call.expect.look_up:
                    if rng.random() >= miss * 0.3:
                        todo.append((desk.t + rng.uniform(4, 12), ce.OpenArticle(article)))
        seen = len(desk.effects)
        for item in sorted((x for x in todo if x[0] <= desk.t), key=lambda x: x[0]):
            todo.remove(item)
            action = item[1]
            if isinstance(action, ce.Key) and action.name in ("verified", "mismatch"):
                _tick_before(desk, "right_person" if caller else "verify", miss, rng)
            elif isinstance(action, ce.TickStep):
                _tick_before(desk, action.step, miss, rng)
            desk.do(action)
        coming = [d for d in engine.timeline.upcoming() if d.event.unless != "hold"]
        idle = engine.speaking is None and not engine.pending and not todo and not coming
        if engine.phase is ce.Phase.TALKING and idle:
            if waits_for_hold and not hold_done:
                hold_done = True
                todo += [(desk.t + 1, ce.Key("hold")), (desk.t + 8, ce.Key("hold"))]
                continue
            for f in call.fields:
                if f.section == "form" and f.id in values:
                    desk.do(ce.CommitField(f.id, values[f.id]))
            last = "transfer" if call.expect.transfer else "close"
            _tick_before(desk, last, miss, rng)
            desk.do(
                ce.Key("transfer" if call.expect.transfer else "end", call.expect.transfer or "")
            )
    desk.advance(desk.t + rng.uniform(8, 25 + 40 * miss))
    code = call.expect.closing_code or ""
    if call.closing_codes and rng.random() < miss * 0.15:
        code = rng.choice(call.closing_codes)
    desk.do(ce.WrapUp(call.expect.contact_result, code, {k: v for k, v in values.items()}))
    return [*desk.journal, EndEvent(t=desk.t, reason="finished")]


@dataclass
class _Caller:
    """How an operator of ``miss`` (1 - skill) places an outbound call: the number dialled
    (now and then with a slip), a busy line hung up and called again (too soon, now and then),
    the right number after a stranger or a number not in use, a voicemail message after the
    beep (too short, now and then) and each objection handled (or let go)."""

    call: CallExercise
    miss: float
    rng: random.Random
    wrong: bool = False  # the number last dialled has a slip

    def dial(self) -> ce.Dial:
        right = self.call.number_to_dial
        self.wrong = self.rng.random() < self.miss * 0.15
        return ce.Dial(_typo(right, self.rng) if self.wrong else right)

    def redial(self) -> ce.Dial:
        self.wrong = False  # looked at the record again
        return ce.Dial(self.call.number_to_dial)

    def react(self, desk: _Desk, effect: ce.Effect) -> list[tuple[float, ce.Action]] | None:
        """What the operator plans on ``effect`` (None: not an outbound matter)."""
        call, t, rng, miss = self.call, desk.t, self.rng, self.miss
        assert call.dial is not None
        if isinstance(effect, ce.Loop) and effect.name == "busy" and effect.on:
            hang_up = (t + rng.uniform(1.0, 3.0), ce.Key("end"))
            if self.wrong:  # a number not in use: the slip seen, the right one dialled
                return [hang_up, (t + rng.uniform(4.0, 10.0), self.redial())]
            soon = rng.random() < miss * 0.3  # before the customer can be free again
            wait = call.dial.retry_after * (rng.uniform(0.3, 0.8) if soon else rng.uniform(1, 2))
            return [hang_up, (t + 3.0 + wait, self.redial())]
        if isinstance(effect, ce.Beep):
            _tick_before(desk, "close", miss, rng)  # who calls and why: in the message
            least = call.dial.message_min
            short = rng.random() < miss * 0.25
            seconds = least * (rng.uniform(0.3, 0.9) if short else rng.uniform(1.1, 2.2))
            return [(t + seconds, ce.Key("end"))]
        if not isinstance(effect, ce.Record) or not isinstance(effect.event, AudioEvent):
            return None
        audio = effect.event
        if audio.action == "end" and audio.clip == call.dial.wrong_person:
            return [(t + rng.uniform(1.0, 3.0 + 4.0 * miss), self.redial())]
        if audio.action == "end" and audio.clip in {e.clip for e in call.objections}:
            if rng.random() >= miss * 0.3:  # else let go
                return [(t + rng.uniform(1.0, 2.0 + 4.0 * miss), ce.TickStep("handle_objection"))]
            return []
        return None


def _tick_before(desk: _Desk, step: str, miss: float, rng: random.Random) -> None:
    """The script's steps before ``step`` that no action does, ticked (or forgotten)."""
    script = desk.call.script
    if step not in script:
        return
    for earlier in script[: script.index(step)]:
        own = earlier not in desk.engine.ticked and earlier not in ("identify", "verify")
        if own and rng.random() >= miss * 0.15:  # else forgotten
            desk.do(ce.TickStep(earlier))


def end_event(t: float, reason: EndReason) -> EndEvent:
    """The end of a typing session."""
    return EndEvent(t=round(t, 3), reason=reason)
