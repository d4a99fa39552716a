"""The store's file on disk: where it lives decides how SQLite may journal it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from trainer.store import Store
from trainer.store.db import on_network_share

MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
/dev/sdb1 /srv/examens/lokaal ext4 rw 0 0
fileserver:/export/examens /srv/examens nfs4 rw,relatime,vers=4.2 0 0
//nas/lokaal\\0403 /mnt/lokaal\\0403 cifs rw,relatime 0 0
"""


def test_a_folder_on_nfs_or_smb_is_a_network_share_and_a_local_one_is_not() -> None:
    assert on_network_share(Path("/srv/examens/zaal-2"), MOUNTS)
    assert on_network_share(Path("/mnt/lokaal 3"), MOUNTS)  # a space in the mount point
    assert not on_network_share(Path("/srv/examens/lokaal/x"), MOUNTS)  # a local disk inside
    assert not on_network_share(Path("/srv/examensbis"), MOUNTS)  # a name that only starts so
    assert not on_network_share(Path("/home/an"), MOUNTS)


def test_a_store_on_a_network_share_uses_the_rollback_journal(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("trainer.store.db.on_network_share", lambda _folder: True)
    Store(tmp_path / "gedeeld.sqlite3").close()
    monkeypatch.undo()
    Store(tmp_path / "lokaal.sqlite3").close()
    with sqlite3.connect(tmp_path / "gedeeld.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with sqlite3.connect(tmp_path / "lokaal.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
