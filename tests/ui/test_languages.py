"""Dutch, French and English: every string translated, and the app showing the one chosen.

The translation files are checked as a translator's work is reviewed (nothing left unfinished,
the same placeholders, accelerators and key names), against the code (lupdate finds no string
the .ts files lack) and against the set-up (the .qm files are what lrelease makes of the .ts).
The app is then started as a trainee meets it: French from the settings, English for a trainee
a coach set to English, and a language changed in the settings shown at once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.conftest import REPO
from trainer.ui import language, words
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow
from trainer.ui.settings_dialog import SettingsDialog

sys.path.insert(0, str(REPO / "scripts"))
import translations  # (scripts/ is no package: found through sys.path)

CATALOGS = {c.name: c for c in translations.CATALOGS}
PLACEHOLDER = re.compile(r"%(?:\d|n)|\{\w+\}")
# key names a trainee presses, as written on the keys: the same in every language
KEY = re.compile(r"\b(?:Ctrl|Alt|Shift)\+(?:Enter|[A-Z0-9,])(?!\w)|\bF\d{1,2}\b|\b(?:Esc|Enter)\b")


def messages(catalog: translations.Catalog) -> list[tuple[str, str, list[str], str | None]]:
    """(context, source, translations, type) of every message of a .ts file."""
    found = []
    for context in ET.parse(catalog.ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            found.append((name, message.findtext("source") or "", forms, translation.get("type")))
    return found


def accelerators(text: str) -> int:
    """How many & mark a shortcut letter (&& is a written &)."""
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


@pytest.mark.parametrize("name", CATALOGS)
def test_every_string_is_translated(name: str) -> None:
    found = messages(CATALOGS[name])
    assert len(found) > 20, "the translation file lost its strings"
    unfinished = [
        (c, s) for c, s, forms, kind in found if kind or not all(f.strip() for f in forms)
    ]
    assert unfinished == []


@pytest.mark.parametrize("name", CATALOGS)
def test_placeholders_shortcuts_and_key_names_survive_translation(name: str) -> None:
    wrong = []
    for context, source, forms, _kind in messages(CATALOGS[name]):
        for text in forms:
            if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(text)):
                wrong.append((context, source, text, "placeholders"))
            if accelerators(source) != accelerators(text):
                wrong.append((context, source, text, "& shortcut"))
            if Counter(KEY.findall(source)) != Counter(KEY.findall(text)):
                wrong.append((context, source, text, "key names"))
    assert wrong == []


@pytest.mark.parametrize("name", ["simultaan_fr", "simultaan_cli_fr"])
def test_french_says_vous_throughout(name: str) -> None:
    """One register: the trainee is addressed as 'vous', as in the French exercises."""
    familiar = re.compile(r"\b(?:tu|ton|ta|tes|toi)\b", re.IGNORECASE)
    found = [f for _c, _s, forms, _k in messages(CATALOGS[name]) for f in forms]
    assert [text for text in found if familiar.search(text)] == []


def test_a_lost_placeholder_would_be_found() -> None:
    """The checks above can fail: a translation without its %1, or without its &."""
    assert Counter(PLACEHOLDER.findall("Tijd: %1")) != Counter(PLACEHOLDER.findall("Temps"))
    assert accelerators("&Terug  (Esc)") != accelerators("Retour  (Esc)")
    assert KEY.findall("Afronden (Ctrl+Enter)") != KEY.findall("Clôturer (Ctrl+Entrée)")


@pytest.mark.parametrize("name", CATALOGS)
def test_the_translation_files_hold_every_string_of_the_code(name: str, tmp_path: Path) -> None:
    """lupdate over the code adds nothing to the committed .ts: a string marked for
    translation and not translated would show in Dutch (or English) in another language."""
    catalog = CATALOGS[name]
    copy = tmp_path / catalog.ts.name
    shutil.copy(catalog.ts, copy)
    translations.update(catalog, copy)
    before = {(c, s) for c, s, _f, _k in messages(catalog)}
    after = {(c, s) for c, s, _f, _k in messages(_at(catalog, copy))}
    assert sorted(after - before) == [], "run: .venv/bin/python scripts/translations.py update"
    assert sorted(before - after) == [], "strings no longer in the code: update the .ts"


@pytest.mark.parametrize("name", CATALOGS)
def test_the_committed_qm_files_are_built_from_the_ts(name: str, tmp_path: Path) -> None:
    """The .qm files are committed (so ``pip install .`` and the bundle carry them without the
    set-up having run) and the set-up rebuilds them when a .ts changes: they must agree."""
    catalog = CATALOGS[name]
    built = tmp_path / catalog.qm.name
    translations.build(catalog, built)
    assert built.read_bytes() == catalog.qm.read_bytes(), "run: scripts/translations.py build"


def _at(catalog: translations.Catalog, ts: Path) -> translations.Catalog:
    """The catalog read from another .ts file."""

    class Moved(translations.Catalog):
        @property
        def ts(self) -> Path:
            return ts

    return Moved(catalog.name, catalog.sources, catalog.source_language, catalog.language)


# the app in a language -------------------------------------------------------------------
@pytest.fixture
def back_to_dutch() -> Iterator[None]:
    """The language is the process's: the next test finds Dutch again."""
    yield
    language.install("nl")


def _window(qtbot, data_dir: Path, exercises: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    create_application()
    win = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _question_buttons() -> set[str]:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "?",
        "?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    return {button.text() for button in box.buttons()}


def test_the_app_starts_in_the_language_of_its_settings(
    qtbot, data_dir: Path, exercises: Path, back_to_dutch: None
) -> None:
    (data_dir / "settings.toml").write_text('language = "fr"\n', encoding="utf-8")
    create_application()
    assert language.install_at_start(data_dir) == "fr"
    win = _window(qtbot, data_dir, exercises)
    home = win.home
    assert home.start_button.text() == "&Démarrer l'exercice  (Enter)"
    assert home.new_trainee_button.text() == "&Nouveau stagiaire…"
    kinds = home.exercise_tree.topLevelItem(0).child(0).text(0)
    assert kinds == "Recopie"  # the kind of the test exercise, named by the UI
    assert _question_buttons() == {"&Oui", "&Non", "Annuler"}  # Qt's own dialogs too
    assert language.locale().toString(3.5, "f", 1) == "3,5"


def test_dutch_is_the_default_with_qt_dialogs_in_dutch(
    qtbot, data_dir: Path, exercises: Path
) -> None:
    win = _window(qtbot, data_dir, exercises)  # no settings; the test machine's locale is C
    assert win.home.start_button.text() == "&Start oefening  (Enter)"
    assert _question_buttons() == {"&Ja", "&Nee", "Annuleren"}


def test_a_language_chosen_in_the_settings_is_shown_at_once(
    qtbot, monkeypatch, data_dir: Path, exercises: Path, back_to_dutch: None
) -> None:
    win = _window(qtbot, data_dir, exercises)
    choose = {"answer": QDialog.DialogCode.Rejected}

    def exec_(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        return choose["answer"]

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    win.open_settings()  # cancelled: nothing changes
    qtbot.wait(10)
    assert win.home.settings_button.text() == "&Instellingen…"
    assert win.settings.language is None

    choose["answer"] = QDialog.DialogCode.Accepted
    win.open_settings()
    qtbot.waitUntil(lambda: win.home.settings_button.text() == "&Settings…")
    assert win.home.exercise_tree.topLevelItem(0).child(0).text(0) == "Copy typing"
    assert 'language = "en"' in (data_dir / "settings.toml").read_text(encoding="utf-8")
    assert _question_buttons() == {"&Yes", "&No", "Cancel"}


def test_a_trainee_set_to_a_language_gets_it_while_chosen(
    qtbot, monkeypatch, data_dir: Path, exercises: Path, back_to_dutch: None
) -> None:
    win = _window(qtbot, data_dir, exercises)
    an = win.store.add_trainee("An Peeters")
    marc = win.store.add_trainee("Marc Dubois")
    win._fill_trainees(marc.id)

    def exec_(dialog: SettingsDialog) -> int:  # the coach sets Marc to French
        assert dialog.trainee_language is not None
        dialog.trainee_language.setCurrentIndex(dialog.trainee_language.findData("fr"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    win.open_settings()
    qtbot.waitUntil(lambda: win.home.start_button.text() == "&Démarrer l'exercice  (Enter)")
    assert win.store.trainee(marc.id).language == "fr"
    assert win.settings.language is None  # the app's own language stays as it was

    combo = win.home.trainee_combo
    combo.setCurrentIndex(combo.findData(an.id))  # An has no language of her own
    qtbot.waitUntil(lambda: win.home.start_button.text() == "&Start oefening  (Enter)")
    combo.setCurrentIndex(combo.findData(marc.id))
    qtbot.waitUntil(lambda: win.home.start_button.text() == "&Démarrer l'exercice  (Enter)")


def test_the_trainee_wins_over_the_settings_and_the_settings_over_the_system() -> None:
    assert language.chosen("fr", "en") == "en"
    assert language.chosen("fr", None) == "fr"
    assert language.chosen(None, None) == language.system_language()
    assert language.chosen("de", None) == language.system_language()  # not one of ours


def test_after_a_change_of_language_every_screen_speaks_it(
    qtbot, monkeypatch, data_dir: Path, exercises: Path, back_to_dutch: None
) -> None:
    """The drill and results pages made in Dutch are made again in French, wired as before."""
    win = _window(qtbot, data_dir, exercises)
    trainee = win.store.add_trainee("Marc Dubois")
    win._fill_trainees(trainee.id)
    exercise = win.catalog.by_id("nl-copy-kort").exercise
    win.start_drill(exercise, trainee).finish("abandoned")
    assert win.results.verdict.text() == "AFGEBROKEN"
    win.results.back_button.click()  # home again, then to the settings
    assert win.stack.currentWidget() is win.home

    def exec_(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    win.open_settings()
    qtbot.waitUntil(lambda: win.home.start_button.text().startswith("&Démarrer"))
    drill = win.start_drill(exercise, trainee)
    assert win.drill_view.keys_help.text().startswith("Backspace corrige")
    drill.finish("abandoned")
    assert win.results.verdict.text() == "INTERROMPU"
    assert win.results.back_button.text() == "Re&tour  (Esc)"
    win.results.back_button.click()  # the page made again is wired as the first was
    assert win.stack.currentWidget() is win.home
    assert win.home.recent_table.item(0, 4).text() == "interrompu"


SYSTEM_LANGUAGE = """
import sys
from pathlib import Path
from trainer.ui.app import create_application
from trainer.ui import language
create_application()
print(language.install_at_start(Path(sys.argv[1])))
"""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr_BE.UTF-8", "fr"), ("en_GB.UTF-8", "en"), ("nl_BE.UTF-8", "nl"), ("de_DE.UTF-8", "nl")],
)
def test_without_a_choice_the_app_speaks_the_systems_language_if_it_can(
    lang: str, expected: str, tmp_path: Path
) -> None:
    """(In a process of its own: Qt reads the system's locale once.)"""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LANG")}
    started = subprocess.run(
        [sys.executable, "-c", SYSTEM_LANGUAGE, str(tmp_path)],
        env=env | {"LANG": lang, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert started.stdout.strip() == expected, started.stderr


def test_the_call_desk_in_french(qtbot, data_dir: Path, back_to_dutch: None) -> None:
    """A French call on a French desk: the messages' kinds, the fields' examples, the keys."""
    from tests.core.test_shipped_calls import CALLS, LIBRARY
    from trainer.core.scenario import CallExercise
    from trainer.store import Store
    from trainer.ui.call_controller import CallController
    from trainer.ui.call_view import CallView

    create_application()
    language.install("fr")
    base = next(c for c in CALLS if c.id == "fr-appel-03-vpn-bloque").model_dump()
    base["expect"]["verify_after"] = None  # its clip is not in this short timeline
    base["timeline"] = [
        {"id": "sonnerie", "at": 0, "do": "ring"},
        {"id": "file", "at": 0.1, "do": "queue", "text": "Helpdesk : 4 appels en attente"},
        {"id": "file2", "at": 0.15, "do": "queue", "text": "File Helpdesk : 5 appels en attente"},
        {"id": "alerte", "at": 0.2, "do": "alert", "text": "Passerelle VPN instable."},
    ]
    call = CallExercise.model_validate(base)
    store = Store(data_dir / "store.sqlite3")
    view = CallView()
    qtbot.addWidget(view)
    view.show()
    CallController(
        view, call, store.add_trainee("Nicolas"), store, data_dir, LIBRARY, device="aucun"
    )
    qtbot.waitUntil(lambda: view.messages.count() == 3)
    listed = {view.messages.item(row).text() for row in range(view.messages.count())}
    assert any(t.startswith("File\u00a0: Helpdesk") for t in listed), listed
    # the queue named by the message itself is not named twice ("File : File Helpdesk")
    assert any(t.startswith("File Helpdesk : 5 appels") for t in listed), listed
    assert any(t.startswith("Alerte\u00a0: Passerelle VPN instable.") for t in listed), listed
    assert view.fields["gsm"].placeholderText() == "p. ex. 0471 23 45 67"
    assert view.fields["matricule"].placeholderText() == "p. ex. 3510 8624"


@pytest.mark.parametrize(
    ("lang", "counted"),
    [
        ("nl", ["0 velden", "1 veld", "2 velden"]),
        ("fr", ["0 champ", "1 champ", "2 champs"]),
        ("en", ["0 fields", "1 field", "2 fields"]),
    ],
)
def test_counted_things_follow_the_languages_plural(
    qtbot, lang: str, counted: list[str], back_to_dutch: None
) -> None:
    """French counts zero as one ("0 champ"); Dutch and English do not."""
    create_application()
    language.install(lang)
    said = [words.count(n, words.tr("%n veld"), words.tr("%n velden")) for n in (0, 1, 2)]
    assert said == counted
