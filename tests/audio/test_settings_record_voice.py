"""'Opname van de cursist' in the settings: on for a new user and for an older settings file,
switched off and on again from the keyboard, and remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from trainer.settings import SETTINGS_FILE, Settings, load_settings, save_settings
from trainer.ui.app import create_application
from trainer.ui.settings_dialog import SettingsDialog


def test_an_older_settings_file_records_the_trainee(data_dir: Path) -> None:
    (data_dir / SETTINGS_FILE).write_text("volume = 0.7\n", encoding="utf-8")
    loaded, problem = load_settings(data_dir)
    assert problem is None and loaded.record_voice is True


@pytest.mark.parametrize("on_at_first", [True, False])
def test_the_setting_is_switched_with_its_key_and_kept(
    qtbot, null_sink: str, data_dir: Path, on_at_first: bool
) -> None:
    create_application()
    dialog = SettingsDialog(Settings(record_voice=on_at_first))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.record_voice
    assert box.text() == "O&pname van de cursist tijdens oefengesprekken"
    assert box.isChecked() is on_at_first
    box.setFocus()  # (Alt+P in the real dialog)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    chosen = dialog.result_settings()
    assert chosen.record_voice is (not on_at_first)
    save_settings(data_dir, chosen)
    assert load_settings(data_dir)[0].record_voice is (not on_at_first)
