"""What the trainee is told when a journal cannot be written, and what they can do about it.

Two moments: before a session starts (``data_folder_ready``: a folder that is missing,
read-only or full is said at once, and nothing starts) and during one (``ask``: the session
stands still until the journal is written again, in the same folder or another one). The core
gives errno codes and numbers; the words are here. ``ask`` and ``choose_folder`` are the seams
tests answer through, as ``QMessageBox.question`` is for the other questions.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trainer.store.data_folder import FolderCheck, check_data_folder
from trainer.ui import words

Choice = Literal["retry", "elsewhere", "stop"]
MIB = 1024 * 1024


def tr(text: str) -> str:
    """Translate a string of this module (lupdate files a bare ``tr("...")`` outside a class
    under the empty context)."""
    return QCoreApplication.translate("", text)


def _cause(code: int) -> str:
    causes = {
        errno.ENOSPC: tr("De schijf is vol"),
        errno.EDQUOT: tr("Je schijfquotum is op"),
        errno.EROFS: tr("De map is alleen-lezen"),
        errno.EACCES: tr("Je mag niet schrijven in de map"),
        errno.EPERM: tr("Je mag niet schrijven in de map"),
        errno.ENOENT: tr("De map bestaat niet (meer)"),
        errno.ENOTDIR: tr("De map bestaat niet (meer)"),
        errno.EEXIST: tr("Er staat al een logboek met die naam"),
    }
    name = errno.errorcode.get(code, str(code))
    return causes.get(code, tr("De schijf meldt een schrijffout (%1)").replace("%1", name))


def _what_to_do(code: int) -> str:
    if code in (errno.ENOSPC, errno.EDQUOT):
        return tr(
            "Maak ruimte vrij en kies Opnieuw proberen, of bewaar de oefening in een andere map."
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT, errno.ENOTDIR):
        return tr(
            "Maak de map weer bruikbaar (of vraag het je beheerder) en kies Opnieuw proberen, "
            "of bewaar de oefening in een andere map."
        )
    return tr(
        "Controleer de schijf of de netwerkverbinding en kies Opnieuw proberen, of bewaar de "
        "oefening in een andere map."
    )


def title() -> str:
    """The title of the question asked while the session stands still."""
    return tr("Logboek kan niet worden geschreven")


def problem_text(code: int, folder: Path, *, again: Choice | None = None) -> str:
    """What happened, where, and what to do; ``again``: the answer that did not help."""
    text = tr(
        "%1: het logboek van deze oefening kan niet worden bewaard in %2. Wat je typte, is "
        "niet verloren: het staat in het geheugen. "
    ).replace("%1", _cause(code)).replace("%2", str(folder)) + _what_to_do(code)
    if again == "stop":
        return tr("Stoppen kan pas als het logboek bewaard is.") + " " + text
    if again is not None:
        return tr("Het lukt nog altijd niet.") + " " + text
    return text


def ask(parent: QWidget, title: str, text: str) -> Choice:
    """The session stands still: try again, save elsewhere, or stop (keeping everything).
    Enter and Escape try again, the answer that can do no harm."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    retry = box.addButton(tr("Opnieuw proberen"), QMessageBox.ButtonRole.AcceptRole)
    elsewhere = box.addButton(tr("Elders bewaren…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("Stoppen"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(retry)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is retry or clicked is None:
        return "retry"
    return "elsewhere" if clicked is elsewhere else "stop"


def choose_folder(parent: QWidget) -> Path | None:
    """The folder to save the session in (another disk, a USB stick); None when cancelled."""
    chosen = QFileDialog.getExistingDirectory(
        parent, tr("Map kiezen om de oefening in te bewaren"), str(Path.home())
    )
    return Path(chosen) if chosen else None


def _megabytes(count: int) -> str:
    return tr("%1 MB").replace("%1", words.number(count / MIB, 1))


def folder_problem_text(check: FolderCheck) -> str:
    """Why no session can start in this data folder, and what to do."""
    folder = str(check.folder)
    other = tr(
        "Vraag je beheerder om dat op te lossen, of start Simultaan met een andere map voor "
        "de gegevens (--data-dir of SIMULTAAN_DATA_DIR)."
    )
    if check.problem == "no_space":
        return (
            tr(
                "De schijf met de map %1 is (bijna) vol: er is nog %2 vrij en een oefening "
                "heeft minstens %3 nodig. Maak ruimte vrij en start de oefening opnieuw."
            )
            .replace("%1", folder)
            .replace("%2", _megabytes(check.free_bytes))
            .replace("%3", _megabytes(check.needed_bytes))
        )
    if check.problem == "read_only":
        said = tr("In de map %1 kan niet worden geschreven: ze is alleen-lezen.")
    elif check.problem == "missing":
        said = tr("De map %1 bestaat niet en kan niet worden gemaakt.")
    elif check.problem == "not_a_folder":
        said = tr("%1 is geen map.")
    else:
        said = tr("In de map %1 kan niet worden geschreven (%2).").replace(
            "%2", errno.errorcode.get(check.errno, str(check.errno))
        )
    return " ".join(
        [said.replace("%1", folder), tr("Wat je typt, kan er niet worden bewaard."), other]
    )


def data_folder_ready(parent: QWidget, folder: Path) -> bool:
    """True when a session's journal can be written in ``folder``; else say why, at once."""
    check = check_data_folder(folder)
    if check.ok:
        return True
    QMessageBox.warning(parent, tr("Oefening kan niet starten"), folder_problem_text(check))
    return False
