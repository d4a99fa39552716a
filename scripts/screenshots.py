"""Take the screenshots in docs/ from the real window under Xvfb.

    .venv/bin/python scripts/screenshots.py             # writes docs/screenshot-*.png
    .venv/bin/python scripts/screenshots.py --lang fr   # the call desk and its result in French

Starts its own Xvfb when DISPLAY is not set: a 1366x768 screen, the window maximised on it
(1366x700: the task bar and the title bar take the rest), the smallest screen Simultaan is made
for. The call plays its customer on the default sound device (a PulseAudio null sink on a build
machine: scripts/pulse-null-sink.sh; run it under flock /tmp/simultaan-audio.lock there).

A trainee with a few earlier results types part of a Dutch e-mail with some typos at about 40
words per minute (the keystrokes get their times from a steady fake clock, so the numbers on
screen look like a real session's).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def ensure_display() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
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


# a 1366x768 screen less its task bar and the window's title bar
WINDOW = (1366, 768 - 68)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Take the screenshots in docs/.")
    parser.add_argument("--lang", choices=("nl", "fr"), default="nl")
    parser.add_argument(
        "--only-progress", action="store_true", help="only the coach's progress window"
    )
    parser.add_argument(
        "--only-coach", action="store_true", help="only the sessions list and the trainees"
    )
    parser.add_argument(
        "--only-exam",
        action="store_true",
        help="only the exam screen (check-in, a part, the supervisor's page), the evaluators",
    )
    parser.add_argument(
        "--only-review",
        action="store_true",
        help="only the replay (a call, a drill), the rubric and the trainees' keyboards",
    )
    args = parser.parse_args(argv)
    lang = args.lang
    server = ensure_display()
    try:
        if args.only_progress:
            progress_shot(lang)
        elif args.only_coach:
            coach_shots(lang)
        elif args.only_review:
            review_shots(lang)
        elif args.only_exam:
            exam_shots(lang)
        else:
            take(lang)
    finally:  # (also when a shot fails: no Xvfb left behind)
        if server:
            server.terminate()
    return 0


def take(lang: str) -> None:
    """Take the screenshots in ``lang`` on the display there is."""
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from trainer.core.scoring import input_stream  # noqa: F401 - loads the drill's modules
    from trainer.ui import language
    from trainer.ui.app import create_application
    from trainer.ui.main_window import MainWindow

    data = Path(tempfile.mkdtemp(prefix="simultaan-shots-"))
    # the language chosen in the settings (the system's would win over one installed here)
    (data / "settings.toml").write_text(f'language = "{lang}"\n', encoding="utf-8")
    _app = create_application()  # kept alive for the whole run
    language.install_at_start(data)
    window = MainWindow(data_dir=data)
    window.setGeometry(0, 0, *WINDOW)
    window.show()
    trainee = window.store.add_trainee("Sofie Maes")
    window.store.add_trainee("Jonas Peeters")
    window._fill_trainees(trainee.id)

    def settle() -> None:
        for _ in range(20):
            QApplication.processEvents()

    suffix = "" if lang == "nl" else f"-{lang}"

    def shoot(name: str) -> None:
        settle()
        shot = window.screen().grabWindow(window.winId())
        shot.save(str(DOCS / f"screenshot-{name}{suffix}.png"))
        print(f"docs/screenshot-{name}{suffix}.png")

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

    if lang == "nl":
        typing_shots(window, trainee, session, shoot, type_keys)
        call_shots(window, trainee, shoot, NL_CALL)
    else:
        call_shots(window, trainee, shoot, FR_CALL)  # (the French call: the closest there is)
    window.close()
    progress_shot(lang)
    coach_shots(lang)
    review_shots(lang)
    exam_shots(lang)


class ExamClock:
    """The exam's clock, moved by the script (a part's minutes pass at once)."""

    def __init__(self) -> None:
        self.at = 5000.0

    def __call__(self) -> float:
        return self.at


# the exam shots: the shipped package of the language, with a centre's own code, signed
EXAM_PACKAGES = {
    "nl": "nl-examen-contactcenter-1.exam.yaml",
    "fr": "fr-examen-centre-de-contact-1.exam.yaml",
}
EXAM_CANDIDATES = {"nl": ("K-0412", "Sofie Maes"), "fr": ("K-0087", "Camille Dubois")}


def exam_shots(lang: str) -> None:
    """The exam screen of the shipped package at 1366x768 (it covers the whole screen): the
    check-in with the name typed and the first part five minutes in; in Dutch also the
    supervisor's page (Escape) and the evaluators' screen over the finished first part, its
    seal holding, with one evaluator's verdict filled in."""
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from trainer.core.exam_package import with_supervisor_code
    from trainer.seal.keys import enrol, make_centre, station_folder
    from trainer.seal.packages import sign_package
    from trainer.store.exam_room import prepare_exam
    from trainer.ui import language
    from trainer.ui.app import create_application
    from trainer.ui.exam_window import ExamWindow

    work = Path(tempfile.mkdtemp(prefix="simultaan-shots-"))
    data = work / "data"
    data.mkdir()
    (data / "settings.toml").write_text(f'language = "{lang}"\n', encoding="utf-8")
    key, _ = make_centre(work / "centre", "Examencentrum Gent")
    enrol(key, station_folder(data), "Lokaal 2 - PC 07")
    package = work / EXAM_PACKAGES[lang]
    text = (REPO / "exams" / EXAM_PACKAGES[lang]).read_text(encoding="utf-8")
    package_id = text.split("\nid: ", 1)[1].split("\n", 1)[0].strip()
    package.write_text(with_supervisor_code(text, package_id, "582047"), encoding="utf-8")
    sign_package(package, key)
    candidate, name = EXAM_CANDIDATES[lang]
    _app = create_application()
    language.install_at_start(data)
    clock = ExamClock()
    window = ExamWindow(prepare_exam(data, package, candidate), clock=clock, kiosk=False)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    suffix = "" if lang == "nl" else f"-{lang}"

    def save(widget, name: str) -> None:
        for _ in range(30):
            QApplication.processEvents()
        widget.screen().grabWindow(widget.winId()).save(str(DOCS / f"screenshot-{name}.png"))
        print(f"docs/screenshot-{name}.png")

    QTest.keyClicks(window.name_field, name)
    save(window, f"exam-check-in{suffix}")
    QTest.keyClick(window.name_field, Qt.Key.Key_Return)
    QTest.keyClicks(window.check_in_code, "582047")
    QTest.keyClick(window.check_in_code, Qt.Key.Key_Return)
    QTest.keyClick(window.begin_button, Qt.Key.Key_Space)
    run = window.run
    assert run is not None
    rng = random.Random(7)
    typed = typed_with_typos(run.exercise.text, rng)  # type: ignore[attr-defined]
    for key_text in typed[:1050]:  # five minutes at about 40 words a minute
        clock.at += 0.285
        if key_text == "\b":
            run.key(key="Backspace")
        else:
            run.key("\n" if key_text == "\n" else key_text)
    window.typing.show_typed(run.typed_text())
    window._show_clock()
    save(window, f"exam-part{suffix}")
    if lang != "nl":  # (in French: the check-in and a part)
        window.stop_for_shutdown()
        return
    QTest.keyClick(window.typing, Qt.Key.Key_Escape)
    save(window, "exam-supervisor")
    window.back_button.click()
    # the rest of the text at the same pace, then the part ends at its limit (sealed, stored)
    for key_text in typed[1050:]:
        if run.time_up:
            break
        clock.at += 0.285
        run.key(key="Backspace") if key_text == "\b" else run.key(key_text)
    clock.at = max(clock.at, 5000.0 + run.time_limit + 1)
    window._on_tick()
    passed = bool(run.state.parts[0].passed)
    window.stop_for_shutdown()
    from trainer.ui.evaluators_dialog import open_evaluators
    from trainer.ui.main_window import MainWindow

    main = MainWindow(data_dir=data)
    main.setGeometry(0, 0, *WINDOW)
    main.show()
    dialog = open_evaluators(main)
    dialog.setGeometry(0, 0, *WINDOW)
    seat = dialog.seats[0]
    seat.name.setText("Els Wouters")
    seat.verdict.setCurrentIndex(1 if passed else 2)
    seat.comment.setPlainText(
        "Nauwkeurig; de snelheid gehaald." if passed else "Nauwkeurig, maar te traag."
    )
    for _ in range(30):
        QApplication.processEvents()
    dialog.grab().save(str(DOCS / "screenshot-exam-evaluators.png"))
    print("docs/screenshot-exam-evaluators.png")
    dialog.close()
    main.close()


def coach_shots(lang: str) -> None:
    """The sessions list (Ctrl+H) and the trainees dialog (Ctrl+T) on a generated year of six
    trainees in one group, one of them archived (shown: its box ticked), the first typing on
    a French AZERTY keyboard (the keyboard choice shows it)."""
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.path[:0] = [str(REPO), str(REPO / "scripts")]
    from generate_store import generate
    from PySide6.QtWidgets import QApplication

    from trainer.ui import language
    from trainer.ui.app import create_application
    from trainer.ui.main_window import MainWindow
    from trainer.ui.trainees_dialog import TraineesDialog

    data = Path(tempfile.mkdtemp(prefix="simultaan-shots-"))
    generate(data, 600, 6, jobs=1, progress=False)
    (data / "settings.toml").write_text(f'language = "{lang}"\n', encoding="utf-8")
    _app = create_application()
    language.install_at_start(data)
    window = MainWindow(data_dir=data)
    store = window.store
    for trainee in store.trainees():  # (the window shows a trainee's own language otherwise)
        store.set_trainee_language(trainee.id, None)
    window._apply_language(None)
    window.setGeometry(0, 0, *WINDOW)
    window.show()
    store.add_group("Avondklas")
    store.set_trainee_archived(store.trainees()[-1].id, True)
    store.set_trainee_keyboard(store.trainees()[0].id, "fr")  # (the one shown: its keyboard)
    suffix = "" if lang == "nl" else f"-{lang}"

    def settle() -> None:
        for _ in range(30):
            QApplication.processEvents()

    window.open_sessions()
    window.sessions_view.archived.setChecked(True)
    settle()
    window.screen().grabWindow(window.winId()).save(str(DOCS / f"screenshot-sessions{suffix}.png"))
    print(f"docs/screenshot-sessions{suffix}.png")
    dialog = TraineesDialog(store, window)
    dialog.show()
    settle()
    dialog.screen().grabWindow(dialog.winId()).save(str(DOCS / f"screenshot-trainees{suffix}.png"))
    print(f"docs/screenshot-trainees{suffix}.png")
    dialog.close()
    window.close()


def review_shots(lang: str) -> None:
    """The coach's review of single sessions on a generated store: the replay (Ctrl+J) of a
    call and of a copy drill, each paused mid-session past a few marks; in Dutch also the
    rubric (Ctrl+B) of a copy drill half filled in. The replay opens the default sound
    device, as the app does (a null sink on a build machine)."""
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.path[:0] = [str(REPO), str(REPO / "scripts")]
    from generate_store import generate
    from PySide6.QtWidgets import QApplication

    from trainer.store.session_filter import SessionFilter
    from trainer.ui import language, replay_open
    from trainer.ui.app import create_application
    from trainer.ui.main_window import MainWindow

    data = Path(tempfile.mkdtemp(prefix="simultaan-shots-"))
    generate(data, 400, 6, jobs=1, progress=False)
    (data / "settings.toml").write_text(f'language = "{lang}"\n', encoding="utf-8")
    _app = create_application()
    language.install_at_start(data)
    window = MainWindow(data_dir=data)
    store = window.store
    for trainee in store.trainees():  # (the window shows a trainee's own language otherwise)
        store.set_trainee_language(trainee.id, None)
    window._apply_language(None)
    window.setGeometry(0, 0, *WINDOW)
    window.show()
    suffix = "" if lang == "nl" else f"-{lang}"

    def settle() -> None:
        for _ in range(30):
            QApplication.processEvents()

    def save(widget, name: str) -> None:
        settle()
        widget.screen().grabWindow(widget.winId()).save(str(DOCS / f"screenshot-{name}.png"))
        print(f"docs/screenshot-{name}.png")

    rows = [r for r in store.sessions(SessionFilter(ended_only=True)) if r.result]
    # the shipped exercises of the language shown: a call with a field wrong, a drill with
    # errors, each the latest of its kind
    prefix = {"nl": ("nl-gesprek-", "nl-copy-"), "fr": ("fr-appel-", "fr-copy-")}[lang]
    calls = [r for r in reversed(rows) if r.exercise_id.startswith(prefix[0]) and r.passed is False]
    drill = next(
        r
        for r in reversed(rows)
        if r.exercise_id.startswith(prefix[1]) and (r.error_rate or 0) > 0.01
    )
    for rows_of_kind, name, marks, share in (
        (calls, "replay-call", 6, 0.6),
        ([drill], "replay-drill", 3, 0),
    ):
        for row in rows_of_kind:  # one with something to show (a call never taken has no mark)
            replay_open.replay_session(window, row.id)
            view = window._replay
            if len(view.replay.marks) > marks or row is rows_of_kind[-1]:
                break
            view.close()
        view.setGeometry(0, 0, *WINDOW)
        # past a few marks, and in a call far enough for the fields to be filled in
        passed = view.replay.marks[: marks + 1]
        at = passed[-1].t + 0.5 if passed else view.replay.duration / 2
        view.seek(max(at, view.replay.duration * share))
        save(view, f"{name}{suffix}")
        view.close()
    if lang == "nl":
        from trainer.core.rubric import load_rubric, rubric_path
        from trainer.paths import assets_dir
        from trainer.ui.rubric_dialog import RubricDialog

        window.open_past_result(drill.id)
        exercise = window._reported[0]
        rubric = load_rubric(rubric_path(assets_dir(), exercise.kind))
        competences = rubric.targeted(exercise, None)
        dialog = RubricDialog(
            rubric, drill.id, drill.trainee, None, "An Claes", window, competences
        )
        for n, chooser in enumerate(list(dialog.choosers.values())[:2]):
            chooser.set_score(3 - n)
        first = next(iter(dialog.comments.values()))
        first.setPlainText("Werkt rustig en nauwkeurig; let op de hoofdletters in namen.")
        dialog.show()
        save(dialog, "rubric")
        dialog.close()
    window.close()


def progress_shot(lang: str) -> None:
    """The coach's progress window (Ctrl+G) on a generated year of six trainees."""
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.path[:0] = [str(REPO), str(REPO / "scripts")]
    from generate_store import generate
    from PySide6.QtWidgets import QApplication

    from trainer.ui import language
    from trainer.ui.app import create_application
    from trainer.ui.main_window import MainWindow

    data = Path(tempfile.mkdtemp(prefix="simultaan-shots-"))
    generate(data, 1200, 6, jobs=1, progress=False)
    (data / "settings.toml").write_text(f'language = "{lang}"\n', encoding="utf-8")
    _app = create_application()
    language.install_at_start(data)
    window = MainWindow(data_dir=data)
    window.setGeometry(0, 0, *WINDOW)
    window.show()
    window.open_progress()
    dialog = window.progress_dialog
    dialog.setGeometry(0, 0, *WINDOW)
    for _ in range(30):
        QApplication.processEvents()
    suffix = "" if lang == "nl" else f"-{lang}"
    dialog.screen().grabWindow(dialog.winId()).save(str(DOCS / f"screenshot-progress{suffix}.png"))
    print(f"docs/screenshot-progress{suffix}.png")
    dialog.close()
    window.close()


def typing_shots(window, trainee, session, shoot, type_keys) -> None:
    """The home screen, a drill and its results, a dictation and its results (in Dutch)."""
    from PySide6.QtWidgets import QApplication

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


@dataclass(frozen=True)
class CallShot:
    """A call to take pictures of: what the trainee searches for and the note they type."""

    exercise_id: str
    search: str
    note: str  # in the trainee's own words, with a slip


NL_CALL = CallShot(
    "nl-gesprek-04-geen-internet",
    "modem",
    # without the cable and with a typo
    "Doorverbonden naar tech team: Internet-lampje knippert rood. Modem MX4-817302 "
    "herstart, zonder resutlaat. Bereikbaar op 0486/27.53.09.",
)
FR_CALL = CallShot(
    "fr-appel-03-vpn-bloque",
    "VPN",
    "Compte verrouillé après 5 essais, déverrouillé et mot de passe réinitialisé. Erreur 691 "
    "sur la passerelle Namur-1 : problème connu PRB-0112, le client attend la correction.",
)


def call_shots(window, trainee, shoot, shot: CallShot) -> None:
    """A call: ring, answer, the customer talking, a message waiting, the form half filled;
    then its result and its fields."""
    from PySide6.QtWidgets import QApplication

    call_exercise = window.catalog.by_id(shot.exercise_id).exercise
    call = window.start_exercise(call_exercise, trainee)
    view = window.call_view

    def wait_for(condition, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)

    wait_for(lambda: call.state == "ringing", 5)
    call.on_desk_action("answer")
    # the caller gives who they are: once it was said, look them up and verify
    given = call_exercise.expect.verify_after or ""
    engine = call.call  # the call's rules: what the caller said, what they are saying

    def speaking() -> str:
        return engine.speaking.say.id if engine.speaking is not None else ""

    wait_for(lambda: engine.timeline.fired(given) and speaking() != given, 60)
    first = call_exercise.fields[0]
    view.fields[first.id].setText(first.expected)
    call.commit_field(first.id, first.expected)
    call.look_up(call_exercise.customer.number)  # the caller's file opens
    call.on_desk_action("verified")
    wait_for(lambda: bool(call.open_messages), 60)
    wait_for(lambda: view.queue_board.isVisible(), 60)  # the queue board changes
    view.search.setText(shot.search)
    view.hits.setCurrentRow(0)
    shoot("call")
    call.on_desk_action("acknowledge")
    # the form filled in, the note in the trainee's own words
    note = None
    for form_field in call_exercise.fields:
        view.fields[form_field.id].setText(form_field.expected)
        if form_field.section == "wrapup" and form_field.kind == "text":
            note = form_field.id
    if note is not None:
        view.fields[note].setText(shot.note)
    if call_exercise.expect.transfer:
        view.transfer_team.setCurrentText(call_exercise.expect.transfer)
        call.on_desk_action("transfer")
    else:
        call.on_desk_action("end")
    view.contact_result.setCurrentText(call_exercise.expect.contact_result)
    view.closing_code.setCurrentText(call_exercise.expect.closing_code or "")
    call.wrap_up()
    shoot("call-results")
    window.call_results.tabs.setCurrentWidget(window.call_results.fields)
    shoot("call-fields")


if __name__ == "__main__":
    sys.exit(main())
