"""What goes wrong while working reaches the coach in the language shown, as the UI words it:
a recorded clip the library refuses, a settings file that was damaged, a store SQLite finds
damaged in a folder where it cannot be set aside."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import Asked
from tests.ui.test_sessions_on_disk import _killed_drill
from trainer.paths import audio_dir
from trainer.store import Store, StoreError
from trainer.store.on_disk import open_store
from trainer.ui import language, messages
from trainer.ui.app import create_application
from trainer.ui.main_window import STORE_FILE, MainWindow
from trainer.ui.record_dialog import RecordDialog


@pytest.fixture(autouse=True)
def dutch_after() -> Iterator[None]:
    create_application()
    yield
    language.install("nl")  # the next test finds Dutch again


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "er is al een fragment 'nl-tel-01' in {manifest}"),
        ("fr", "il y a déjà un extrait « nl-tel-01 » dans {manifest}"),
    ],
)
def test_a_clip_saved_under_an_id_the_library_has_is_refused_in_the_coachs_language(
    qtbot, tmp_path: Path, lang: str, said: str
) -> None:
    shutil.copytree(audio_dir(), tmp_path / "audio")
    manifest = tmp_path / "audio" / "clips.yaml"
    before = manifest.read_text(encoding="utf-8")
    language.install(lang)
    dialog = RecordDialog(tmp_path / "audio")
    qtbot.addWidget(dialog)
    dialog.take, dialog.rate = np.full(8000, 0.1, dtype=np.float32), 8000  # a take in hand
    dialog.clip_id.setText("nl-tel-01")
    dialog.transcript.setPlainText("Dubbel.")
    dialog.save()
    assert dialog.status.text() == said.format(manifest=manifest)
    assert manifest.read_text(encoding="utf-8") == before  # nothing written


def test_a_clip_whose_details_do_not_hold_is_refused_field_by_field_in_french(
    qtbot, tmp_path: Path
) -> None:
    language.install("fr")
    dialog = RecordDialog(tmp_path / "audio")
    qtbot.addWidget(dialog)
    dialog.take, dialog.rate = np.full(8000, 0.1, dtype=np.float32), 8000
    dialog.tags.setText("phone, nummer")  # a Dutch word where a tag of the list belongs
    dialog.transcript.setPlainText("  ")
    dialog.save()
    empty, tag = dialog.status.text().split("\n")
    assert empty == "transcript : le texte est vide"
    assert tag.startswith("tags.1 : doit être l'une de ces valeurs : name, ")
    assert not (tmp_path / "audio").exists()  # nothing written


def test_a_damaged_settings_file_is_named_in_french(
    qtbot, data_dir: Path, exercises: Path, monkeypatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, title, text, *a: warnings.append(text))
    )
    store = Store(data_dir / STORE_FILE)
    store.set_trainee_language(store.add_trainee("Amélie Dubois").id, "fr")  # a coach's choice
    store.close()
    settings = data_dir / "settings.toml"
    settings.write_text("volume = 'fort'\n", encoding="utf-8")
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(warnings) == 1)
    head, _, said = warnings[0].partition("\n\n")
    assert head == (
        "Le fichier des paramètres était endommagé et a été mis de côté ; les paramètres par "
        "défaut sont utilisés."
    )
    assert said.startswith(f"{settings} : ")  # then what the TOML reader said of it


def test_a_lost_session_that_cannot_be_recovered_is_named_with_why_in_french(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked
) -> None:
    journal = _killed_drill(data_dir, exercises)
    lines = journal.read_bytes().split(b"\n")
    journal.write_bytes(b"\n".join([b"{oeps", *lines[1:]]))  # its header is gone
    store = Store(data_dir / STORE_FILE)
    [trainee] = store.trainees()
    store.set_trainee_language(trainee.id, "fr")  # the coach set An to French
    store.close()
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: answer_dialogs == ["Sessions interrompues"])
    said = window.statusBar().currentMessage()
    assert said.startswith(
        f"0 session récupérée. An Peeters\u00a0: non récupérée : {journal}:1 : pas un en-tête "
        "de journal ("  # then what the JSON reader said of the first line
    )


def test_a_damaged_store_that_cannot_be_set_aside_is_said_not_a_crash(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "gegevens"
    folder.mkdir()
    store = folder / STORE_FILE
    store.write_bytes(b"SQLite format 3\0" + bytes(4080))  # a header, then nothing that holds

    def read_only(self: Path, target: object) -> Path:  # (root may rename in a 0555 folder)
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "replace", read_only)
    with pytest.raises(StoreError) as raised:
        open_store(store)
    monkeypatch.undo()
    assert store.exists()  # left where it was, nothing lost
    language.install("fr")
    said = messages.of_exception(raised.value)
    assert said.startswith(f"{store} : la base de données est endommagée (")
    assert "et ne peut pas être mise de côté : " in said
