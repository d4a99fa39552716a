"""The sound settings as a coach uses them: pick the headset, play a test tone, keep it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from trainer.settings import Settings, load_settings
from trainer.ui.app import create_application
from trainer.ui.settings_dialog import SettingsDialog


def test_the_headset_is_chosen_tested_and_remembered(qtbot, null_sink: str, data_dir: Path) -> None:
    create_application()
    dialog = SettingsDialog(Settings(volume=0.5))
    qtbot.addWidget(dialog)
    names = [dialog.output.itemData(i) for i in range(dialog.output.count())]
    assert names[0] is None and null_sink in names  # "system default" first, then the devices
    dialog.output.setCurrentIndex(names.index(null_sink))
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Right)  # one step louder
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: dialog.status.text().startswith("Testtoon gespeeld op 'pulse'"), timeout=10000
    )
    chosen = dialog.result_settings()
    assert chosen.output_device == null_sink and chosen.volume == 0.51


def test_a_remembered_headset_that_is_gone_is_said_not_hidden(qtbot, null_sink: str) -> None:
    create_application()
    dialog = SettingsDialog(Settings(output_device="Jabra Evolve 40"))
    qtbot.addWidget(dialog)
    assert dialog.output.currentText() == "Jabra Evolve 40 (niet gevonden)"
    assert "“Jabra Evolve 40” is niet aangesloten" in dialog.status.text()
    dialog.test_button.click()  # trying it anyway names the device and does not crash
    assert "Jabra Evolve 40" in dialog.status.text()
    assert dialog.result_settings().output_device == "Jabra Evolve 40"


def test_settings_survive_a_restart(data_dir: Path) -> None:
    from trainer.settings import save_settings

    save_settings(data_dir, Settings(output_device="pulse", volume=0.7))
    loaded, problem = load_settings(data_dir)
    assert problem is None and loaded.output_device == "pulse" and loaded.volume == 0.7
