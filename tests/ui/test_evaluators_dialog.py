"""The evaluators' screen as two evaluators use it: Ctrl+E from the home screen on a
candidate's exam of two sealed parts (recorded dictations), the parts with their seals and the
evidence per competence, each evaluator's name, verdict and comment typed from the keyboard,
kept with Ctrl+Enter, signed off with Alt+T, and the bundle exported for the test centre,
which 'simultaan verify' then checks whole, and refuses once one byte or one file in it
changed. One evaluator on both seats, a disagreement and an altered part are said."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

import trainer.ui.report as reports
from tests.cursors import cursor_during
from tests.e2e.test_cli import run
from tests.exam_keys import centre, enrolled, stored_exam
from trainer.paths import exercises_dir
from trainer.ui.evaluators_dialog import EvaluatorsDialog
from trainer.ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
DICTATION = "nl/dictation/nl-dictee-01-begroeting-en-printer.yaml"


@pytest.fixture
def exercises(exercises: Path) -> Path:
    """The test's short drill and the shipped dictation the parts were taken on."""
    shutil.copy(exercises_dir() / DICTATION, exercises / Path(DICTATION).name)
    return exercises


@pytest.fixture
def station(tmp_path: Path, data_dir: Path) -> Path:
    """This computer enrolled (it sealed the parts and seals the sign-off)."""
    return enrolled(centre(tmp_path / "centre"), data_dir)


def opened(qtbot, window: MainWindow) -> EvaluatorsDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.home.recent_table.setFocus()
    qtbot.keyClick(window.home, Qt.Key.Key_E, CTRL)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, EvaluatorsDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def press(qtbot, dialog: EvaluatorsDialog, key: Qt.Key, mods=ALT) -> None:  # type: ignore[no-untyped-def]
    """A key where the focus is, the dialog active (offscreen, nothing gives it back)."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    buttons = {
        Qt.Key.Key_B: dialog.save_button,
        Qt.Key.Key_T: dialog.sign_button,
        Qt.Key.Key_U: dialog.export_button,
        Qt.Key.Key_R: dialog.report_button,
    }
    if mods != ALT or key not in buttons:
        qtbot.keyClick(QApplication.focusWidget() or dialog, key, mods)
        return
    with qtbot.waitSignal(buttons[key].clicked):  # (a mnemonic clicks after an animation)
        qtbot.keyClick(QApplication.focusWidget() or dialog, key, mods)


def drawn_with(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The clip library each report is drawn with, from now on (a call's sounds: the app's
    library, not the manifest read and checked again for each report, about 0.1 s)."""
    import trainer.ui.report as reports
    import trainer.ui.report.save as save

    libraries: list[object] = []
    write = reports.write_report

    def spy(*args: object, **kwargs: object) -> None:
        libraries.append(kwargs.get("clips"))
        write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "write_report", spy)
    monkeypatch.setattr(save, "write_report", spy)
    return libraries


def cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def give(qtbot, dialog: EvaluatorsDialog, seat: int, name: str, passed: bool, comment: str) -> None:
    """An evaluator at the keyboard: Alt+seat to the name, Tab to the verdict, Tab to the
    comment."""
    press(qtbot, dialog, getattr(Qt.Key, f"Key_{seat}"))
    box = dialog.seats[seat - 1]
    assert box.name.hasFocus()
    box.name.selectAll()
    qtbot.keyClicks(box.name, name)
    qtbot.keyClick(box.name, Qt.Key.Key_Tab)
    assert box.verdict.hasFocus()
    qtbot.keyClick(box.verdict, Qt.Key.Key_Down)  # "Geslaagd"
    if not passed:
        qtbot.keyClick(box.verdict, Qt.Key.Key_Down)  # "Niet geslaagd"
    qtbot.keyClick(box.verdict, Qt.Key.Key_Tab)
    assert box.comment.hasFocus()
    qtbot.keyClicks(box.comment, comment)


def test_the_parts_their_seals_and_the_evidence_per_competence(
    qtbot, window: MainWindow, station: Path
) -> None:
    stored_exam(window.store, station.parent)
    dialog = opened(qtbot, window)
    assert dialog.exam.currentText() == "Sofie Maes — nl-onthaal/K-0412"
    parts = cells(dialog.parts)
    assert [row[0] for row in parts] == ["part-01", "part-02"]
    assert all(row[4].startswith("ongewijzigd ('Lokaal 2 - PC 07', ") for row in parts)
    competences = cells(dialog.competences)
    code, name = "D140801 Id17267", "Vult de digitale opvolgingsdocumenten in (foutenmarge)"
    assert competences[0][0] == f"{code}  {name}"  # the standard's code, as in the report
    assert {row[1] for row in competences} <= {"getoond", "niet getoond"}
    assert not dialog.export_button.isEnabled()  # nothing to export before the sign-off


def test_two_evaluators_sign_off_and_the_bundle_verifies_whole(
    qtbot, window: MainWindow, station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = stored_exam(window.store, station.parent)
    dialog = opened(qtbot, window)
    give(qtbot, dialog, 1, "Els Wouters", True, "Vlot, weinig fouten")
    give(qtbot, dialog, 2, "Marc Claes", True, "Akkoord")
    press(qtbot, dialog, Qt.Key.Key_Return, CTRL)
    assert "Klaar om af te tekenen" in dialog.said.text()
    assert window.store.verdicts("nl-onthaal/K-0412")[1].comment == "Vlot, weinig fouten"

    press(qtbot, dialog, Qt.Key.Key_T)
    assert dialog.said.text() == "Afgetekend en verzegeld: de oordelen liggen vast."
    signed = json.loads((folder / "signoff.json").read_text(encoding="utf-8"))
    assert (signed["decision"], signed["verdicts"][1]["evaluator"]) == ("pass", "Marc Claes")
    assert not dialog.seats[0].isEnabled()  # fixed now

    # the save question cancelled: nothing written
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    press(qtbot, dialog, Qt.Key.Key_U)
    assert not list(tmp_path.glob("*.zip"))
    out = tmp_path / "K-0412-nl-onthaal"  # (".zip" added)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    libraries = drawn_with(monkeypatch)
    cursors = cursor_during(monkeypatch, reports, "write_report")
    press(qtbot, dialog, Qt.Key.Key_U)
    bundle = tmp_path / "K-0412-nl-onthaal.zip"
    assert dialog.said.text() == f"Bundel bewaard: {bundle}"
    assert libraries == [window.clips] * 2  # one report per part, with the app's clips
    assert cursors == [Qt.CursorShape.WaitCursor] * 2  # made under the wait cursor,
    assert QApplication.overrideCursor() is None  # given back when it is done
    names = zipfile.ZipFile(bundle).namelist()
    assert {"part-01.jsonl", "part-02.result.json", "part-01.jsonl.seal", "signoff.json",
            "signoff.json.seal", "reports/part-01.pdf", "bundle.seal"} <= set(names)  # fmt: skip
    assert zipfile.ZipFile(bundle).read("reports/part-02.pdf").startswith(b"%PDF")

    centre_cert = station / "centre.crt"
    done = run("verify", bundle, "--centre-cert", centre_cert)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(done.stdout.splitlines()) == len(names) - 1  # every file but bundle.seal itself

    def rewritten(name: str, change) -> Path:  # type: ignore[no-untyped-def]
        copy = tmp_path / f"changed-{len(list(tmp_path.glob('changed-*')))}.zip"
        with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(copy, "w") as target:
            for member in source.namelist():
                data = change(source.read(member)) if member == name else source.read(member)
                if data is not None:
                    target.writestr(member, data)
        return copy

    one_byte = rewritten("part-01.jsonl", lambda d: d.replace(b'"G"', b'"g"', 1))
    done = run("verify", one_byte, "--centre-cert", centre_cert)
    assert done.returncode == 1
    assert f"{one_byte}:part-01.jsonl: changed: changed since 'Lokaal 2 - PC 07'" in done.stdout
    added = tmp_path / "added.zip"
    shutil.copyfile(bundle, added)
    with zipfile.ZipFile(added, "a") as bundle_file:  # a better result slipped in
        bundle_file.writestr("part-03.result.json", '{"passed": true}')
    done = run("verify", added, "--centre-cert", centre_cert)
    assert done.returncode == 1
    assert f"{added}:part-03.result.json: unsigned: no seal found for " in done.stdout
    without_report = rewritten("reports/part-01.pdf", lambda d: None)
    done = run("verify", without_report, "--centre-cert", centre_cert)
    assert done.returncode == 1
    assert "reports/part-01.pdf is missing (sealed by 'Lokaal 2 - PC 07'" in done.stdout


def test_one_evaluator_twice_and_a_disagreement_are_said(
    qtbot, window: MainWindow, station: Path
) -> None:
    folder = stored_exam(window.store, station.parent)
    dialog = opened(qtbot, window)
    give(qtbot, dialog, 1, "Els Wouters", True, "")
    give(qtbot, dialog, 2, "els wouters", True, "")
    press(qtbot, dialog, Qt.Key.Key_B)
    assert dialog.said.text().startswith("'els wouters' staat al als de andere evaluator")
    give(qtbot, dialog, 2, "Marc Claes", False, "Te traag op deel 2")
    press(qtbot, dialog, Qt.Key.Key_B)
    press(qtbot, dialog, Qt.Key.Key_T)
    assert dialog.said.text().startswith("de evaluatoren zijn het niet eens over nl-onthaal/K-0412")
    assert not (folder / "signoff.json").exists()


def test_an_altered_part_is_shown_and_not_signed_off(
    qtbot, window: MainWindow, station: Path
) -> None:
    folder = stored_exam(window.store, station.parent)
    result = folder / "part-02.result.json"
    result.write_text(result.read_text(encoding="utf-8").replace("false", "true", 1), "utf-8")
    dialog = opened(qtbot, window)
    parts = cells(dialog.parts)
    assert parts[0][4].startswith("ongewijzigd")
    assert parts[1][4].startswith("NIET GELDIG: gewijzigd sinds 'Lokaal 2 - PC 07'")
    assert dialog.said.text() == "Let op: niet elk onderdeel is ongewijzigd verzegeld."
    give(qtbot, dialog, 1, "Els Wouters", True, "")
    give(qtbot, dialog, 2, "Marc Claes", True, "")
    press(qtbot, dialog, Qt.Key.Key_B)
    press(qtbot, dialog, Qt.Key.Key_T)
    assert dialog.said.text() == (
        "niet af te tekenen: deze onderdelen zijn niet ongewijzigd verzegeld: part-02.jsonl"
    )


def test_no_bundle_before_the_sign_off(window: MainWindow, station: Path, tmp_path: Path) -> None:
    from trainer.store.exam_sheet import exam_sheets
    from trainer.store.verdicts import VerdictRefused
    from trainer.ui.exam_bundle import write_bundle

    stored_exam(window.store, station.parent)
    (sheet,) = exam_sheets(window.store)
    with pytest.raises(VerdictRefused) as refused:
        write_bundle(tmp_path / "b.zip", sheet, window.catalog)
    assert refused.value.message.code == "bundle_needs_signoff"
    assert not (tmp_path / "b.zip").exists()


def test_a_parts_report_is_saved_from_the_screen(
    qtbot, window: MainWindow, station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_exam(window.store, station.parent)
    dialog = opened(qtbot, window)
    dialog.parts.setFocus()
    qtbot.keyClick(dialog.parts, Qt.Key.Key_Down)  # the second part
    out = tmp_path / "deel-2.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    libraries = drawn_with(monkeypatch)
    press(qtbot, dialog, Qt.Key.Key_R)
    assert out.read_bytes().startswith(b"%PDF")
    assert libraries == [window.clips]


def test_the_app_signs_with_its_own_data_folders_enrolment(
    qtbot, exercises: Path, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started with --data-dir ROOM (the environment naming another folder): the sign-off and
    the bundle are sealed with ROOM's enrolment."""
    from trainer.ui.app import create_application

    room = tmp_path / "room"
    enrolled(centre(tmp_path / "centre"), room)
    create_application()
    window = MainWindow(data_dir=room, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    stored_exam(window.store, room)
    dialog = opened(qtbot, window)
    give(qtbot, dialog, 1, "Els Wouters", True, "")
    give(qtbot, dialog, 2, "Marc Claes", True, "")
    press(qtbot, dialog, Qt.Key.Key_B)
    press(qtbot, dialog, Qt.Key.Key_T)
    assert dialog.said.text() == "Afgetekend en verzegeld: de oordelen liggen vast."
    out = tmp_path / "bundel.zip"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    press(qtbot, dialog, Qt.Key.Key_U)
    assert dialog.said.text() == f"Bundel bewaard: {out}"
    assert not (data_dir / "exam").exists()


def test_each_parts_seal_is_in_sight_without_scrolling(
    qtbot, window: MainWindow, station: Path
) -> None:
    """The seal's word is what an evaluator looks for first: the table fits its width, the
    exercise's title cut short where needed (whole in its tooltip), never the seal."""
    stored_exam(window.store, station.parent)
    window.resize(900, 600)
    dialog = opened(qtbot, window)
    parts = dialog.parts
    qtbot.waitUntil(lambda: parts.horizontalHeader().length() > 0)
    seal_end = parts.columnViewportPosition(4) + parts.columnWidth(4)
    assert seal_end <= parts.viewport().width()
    assert parts.horizontalScrollBar().maximum() == 0
    word = parts.fontMetrics().horizontalAdvance("ongewijzigd (…")
    assert parts.columnWidth(4) >= word  # its first word read at least
    for column in (1, 4):
        item = parts.item(0, column)
        assert item is not None and item.toolTip() == item.text() != ""
