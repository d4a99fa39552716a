"""Take the screenshots in docs/ from the real window under Xvfb.

    .venv/bin/python scripts/screenshots.py      # writes docs/screenshot-*.png

Starts its own Xvfb when DISPLAY is not set. A trainee with a few earlier results types part
of a Dutch e-mail with some typos at about 40 words per minute (the keystrokes get their times
from a steady fake clock, so the numbers on screen look like a real session's).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def ensure_display() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x860x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        os.environ["DISPLAY"] = ":" + pipe.readline().strip()
    return server


class SteadyClock:
    """A session clock that advances by a typist's rhythm, one keystroke at a time (by
    default about 40 words per minute)."""

    def __init__(self, pace: tuple[float, float] = (0.18, 0.42)) -> None:
        self.t = 0.0
        self.rng = random.Random(4)
        self.pace = pace

    def step(self) -> None:
        self.t += self.rng.uniform(*self.pace)

    def now(self) -> float:
        return self.t


def typed_with_typos(text: str, rng: random.Random) -> list[str]:
    keys: list[str] = []
    for i, ch in enumerate(text):
        if ch.isalpha() and rng.random() < 0.012:
            keys += ["x", "\b"]  # a slip, corrected at once
        if i in (97, 213):
            keys.append("e" if ch != "e" else "a")  # two typos left in the text
            continue
        keys.append(ch)
    return keys


def main() -> int:
    server = ensure_display()
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from trainer.core.scoring import input_stream  # noqa: F401 - loads the drill's modules
    from trainer.ui.app import create_application
    from trainer.ui.main_window import MainWindow

    _app = create_application()  # kept alive for the whole run
    data = Path(tempfile.mkdtemp(prefix="simultaan-shots-"))
    window = MainWindow(data_dir=data)
    window.resize(1200, 800)
    window.show()
    trainee = window.store.add_trainee("Sofie Maes")
    window.store.add_trainee("Jonas Peeters")
    window._fill_trainees(trainee.id)

    def settle() -> None:
        for _ in range(20):
            QApplication.processEvents()

    def shoot(name: str) -> None:
        settle()
        shot = window.screen().grabWindow(window.winId())
        shot.save(str(DOCS / f"screenshot-{name}.png"))
        print(f"docs/screenshot-{name}.png")

    def type_keys(drill, keys: list[str]) -> None:
        for key in keys:
            drill.clock.step()
            if key == "\b":
                drill._on_edited("Backspace")
            else:
                drill._on_typed(key)
            if drill.result is not None:
                break

    def session(
        exercise_id: str, keys: list[str], finish: str | None, clock: SteadyClock | None = None
    ) -> None:
        exercise = window.catalog.by_id(exercise_id).exercise
        drill = window.start_drill(exercise, trainee)
        drill.clock = clock or SteadyClock()  # type: ignore[assignment]
        type_keys(drill, keys)
        drill._on_live_tick()
        if finish and drill.result is None:
            drill.finish(finish)

    rng = random.Random(11)
    for exercise_id in ("nl-copy-01-terugbelnotitie", "nl-copy-02-mailbox-vol"):
        text = window.catalog.by_id(exercise_id).exercise.text.rstrip()
        session(exercise_id, typed_with_typos(text, rng), None)
    window.show_home()
    window.home.exercise_tree.setCurrentItem(
        window.home.exercise_tree.topLevelItem(0).child(0).child(4)
    )
    shoot("home")

    # a timed drill typed a little too slowly (about 19 net words per minute against the 20
    # asked), with a word split in two ("Steen weg"), until the time runs out
    timed = window.catalog.by_id("nl-copy-04-terugbelverzoek").exercise
    text = timed.text.rstrip().replace("Steenweg", "Steen weg", 1)
    keys = list(text)
    slow = SteadyClock(pace=(0.5, 0.75))
    session(timed.id, keys[:150], None, slow)
    shoot("drill")
    drill = window.drill
    while slow.t < timed.time_limit and drill.result is None:
        type_keys(drill, keys[drill.key_count : drill.key_count + 1])
    drill.finish("time_up")
    window.results.tabs.setCurrentWidget(window.results.error_table)  # the split word, listed
    shoot("results")
    window.results.tabs.setCurrentIndex(0)

    # a dictation: the player, a typed first clip, then its results with a slip
    dictation_exercise = window.catalog.by_id("nl-dictee-04-adressen").exercise
    dictation = window.start_exercise(dictation_exercise, trainee)
    transcripts = [window.clips.clips[c].transcript for c in dictation_exercise.clips]
    dictation._on_player_key("toggle")
    typist = SteadyClock()
    dictation.clock = typist  # type: ignore[assignment]

    def dictate(text: str) -> None:
        for ch in text:
            typist.step()
            dictation._on_typed(ch)

    dictate(transcripts[0] + "\n" + transcripts[1][:18])
    for _ in range(30):
        QApplication.processEvents()
        time.sleep(0.05)
    shoot("dictation")
    dictate(transcripts[1][18:].replace("Leuven", "Leuvan") + "\n" + transcripts[2])
    dictation.finish("finished")
    shoot("dictation-results")

    # a call: ring, answer, the customer talking, a message waiting, the form half filled
    call_exercise = window.catalog.by_id("nl-gesprek-04-geen-internet").exercise
    call = window.start_exercise(call_exercise, trainee)

    def wait_for(condition, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)

    wait_for(lambda: call.state == "ringing", 5)
    call.on_desk_action("answer")
    # the caller gives their number: once it was said, look them up and verify
    given = call_exercise.expect.verify_after or ""
    said = call.timeline.fired
    wait_for(lambda: said(given) and getattr(call.speaking, "id", "") != given, 60)
    first = call_exercise.fields[0]
    window.call_view.fields[first.id].setText(first.expected)
    call.commit_field(first.id, first.expected)
    call.look_up(first.expected)  # the caller's file opens by the number they gave
    call.on_desk_action("verified")
    wait_for(lambda: bool(call.open_messages), 60)
    wait_for(lambda: window.call_view.queue_board.isVisible(), 60)  # the queue board changes
    window.call_view.search.setText("modem")
    window.call_view.hits.setCurrentRow(0)
    shoot("call")
    call.on_desk_action("acknowledge")
    # the form filled in; the note in the trainee's own words, without the cable and with a typo
    for form_field in call_exercise.fields:
        window.call_view.fields[form_field.id].setText(form_field.expected)
    window.call_view.fields["notitie"].setText(
        "Doorverbonden naar tech team: Internet-lampje knippert rood. Modem MX4-817302 "
        "herstart, zonder resutlaat. Bereikbaar op 0486/27.53.09."
    )
    window.call_view.transfer_team.setCurrentText(call_exercise.expect.transfer or "")
    call.on_desk_action("transfer")
    window.call_view.contact_result.setCurrentText(call_exercise.expect.contact_result)
    window.call_view.closing_code.setCurrentText(call_exercise.expect.closing_code or "")
    call.wrap_up()
    shoot("call-results")
    window.call_results.tabs.setCurrentWidget(window.call_results.fields)
    shoot("call-fields")
    window.close()
    if server:
        server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
