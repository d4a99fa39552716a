"""The log file in the data folder: what went wrong, for the coach or the helpdesk.

``simultaan.log`` holds Simultaan's own messages (INFO and up) and any other library's warnings;
it rotates at about 1 MB and keeps three older files (``simultaan.log.1`` to ``.3``), so it never
holds more than 4 MB. Each file is made with the data folder's modes (the owner's only, or an
exam room's group: ``trainer.paths.data_modes``), since a traceback may quote what was typed.
No Qt here: the desktop app starts it (``trainer.ui.app``), a test or a command may too.
"""

from __future__ import annotations

import contextlib
import logging
import os
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from trainer.paths import data_modes

LOG_FILE = "simultaan.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

logger = logging.getLogger(__name__)
_handler: _PrivateRotatingFile | None = None


class _PrivateRotatingFile(RotatingFileHandler):
    """A rotating log whose files get the data folder's file mode, whatever the umask."""

    def __init__(self, path: Path, file_mode: int) -> None:
        self.file_mode = file_mode  # (before the base class opens the file)
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")

    def _open(self) -> TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
        fd = os.open(self.baseFilename, flags, self.file_mode)
        # another trainee's file in a shared exam-room folder cannot be changed: it already
        # has the group's mode, since the first one to write it made it so
        with contextlib.suppress(PermissionError):
            os.fchmod(fd, self.file_mode)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def start_logging(folder: Path) -> Path | None:
    """Log into ``folder/simultaan.log`` from now on and return its path; None when it cannot
    be written (a read-only or full data folder: the app says that itself, and logs nothing).

    Called again with the same folder it changes nothing; with another it moves there."""
    global _handler
    path = (folder / LOG_FILE).absolute()
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    try:
        file_mode, _ = data_modes(folder)
        handler = _PrivateRotatingFile(path, file_mode)
    except OSError as exc:
        logger.warning("no log file in %s: %s", folder, exc)  # (to stderr, if anywhere)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    stop_logging()
    logging.getLogger().addHandler(handler)
    # Simultaan's own INFO messages; other libraries' stay at the root's WARNING
    logging.getLogger("trainer").setLevel(logging.INFO)
    _handler = handler
    return path


def stop_logging() -> None:
    """Close the log file (tests, and a move to another folder)."""
    global _handler
    if _handler is None:
        return
    logging.getLogger().removeHandler(_handler)
    _handler.close()
    _handler = None


def log_path() -> Path | None:
    """The log file written now, if any."""
    return None if _handler is None else Path(_handler.baseFilename)
