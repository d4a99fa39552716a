"""What a coach does with the trainees: rename, archive, and put them in groups.

A trainee is known to the store by id; the journals' headers keep the name a trainee had when
the session ran (they are never rewritten: a journal is the record of what happened), and the
store is the link from a session to the trainee's name now. Archiving hides a trainee from the
pick list and the coach's default filters; nothing is deleted, and it can be undone. A trainee
is in at most one group; only an empty group can be deleted.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# What schema version 4 adds to the store (see ``db._MIGRATIONS``): the groups, and per
# trainee the group and whether they are archived.
MIGRATION_GROUPS = """
CREATE TABLE IF NOT EXISTS trainee_groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at  TEXT NOT NULL
);
ALTER TABLE trainees ADD COLUMN group_id INTEGER REFERENCES trainee_groups(id);
ALTER TABLE trainees ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
"""


# What schema version 6 adds: the keyboard a trainee types on (``trainer.core.keyboard``
# LAYOUTS: be, fr, us), for their heat maps; NULL: the usual one for the language
MIGRATION_KEYBOARD = "ALTER TABLE trainees ADD COLUMN keyboard TEXT;"
KEYBOARDS = ("be", "fr", "us")  # (the layouts in assets/keyboards/; the core's LAYOUTS)


class NameTaken(ValueError):
    """Another trainee or group already has this name (case does not count)."""


class GroupNotEmpty(ValueError):
    """A group that still has trainees cannot be deleted; ``members``: how many."""

    def __init__(self, members: int) -> None:
        super().__init__(f"the group has {members} trainees")
        self.members = members


@dataclass(frozen=True)
class Group:
    """A group of trainees (a class that trains together); ``members`` counts the archived
    ones too (they keep their group)."""

    id: int
    name: str
    members: int = 0


def clean_name(name: str) -> str:
    """A name as stored: spaces collapsed, never blank (ValueError)."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("empty name")
    return name


class TraineeAdmin:
    """The store's part for trainees and groups (mixed into ``Store``)."""

    _db: sqlite3.Connection

    def rename_trainee(self, trainee_id: int, name: str) -> str:
        """Give a trainee another name (NameTaken when somebody else has it); returns it."""
        name = clean_name(name)
        try:
            with self._db:
                self._db.execute("UPDATE trainees SET name = ? WHERE id = ?", (name, trainee_id))
        except sqlite3.IntegrityError:
            raise NameTaken(name) from None
        return name

    def set_trainee_keyboard(self, trainee_id: int, keyboard: str | None) -> None:
        """The keyboard layout a trainee types on (``be``, ``fr``, ``us``; None: the usual
        one for the language), for the heat maps of their reports and progress."""
        if keyboard is not None and keyboard not in KEYBOARDS:
            raise ValueError(f"not a keyboard layout: {keyboard}")
        with self._db:
            self._db.execute(
                "UPDATE trainees SET keyboard = ? WHERE id = ?", (keyboard, trainee_id)
            )

    def set_trainee_archived(self, trainee_id: int, archived: bool) -> None:
        """Archive a trainee (hidden from the pick list and the default filters) or bring
        them back; their sessions stay."""
        with self._db:
            self._db.execute(
                "UPDATE trainees SET archived = ? WHERE id = ?", (int(archived), trainee_id)
            )

    def set_trainee_group(self, trainee_id: int, group_id: int | None) -> None:
        """Put a trainee in a group (None: in none); a trainee is in one group at most."""
        with self._db:
            self._db.execute(
                "UPDATE trainees SET group_id = ? WHERE id = ?", (group_id, trainee_id)
            )

    def groups(self) -> list[Group]:
        """Every group, by name, with how many trainees it has."""
        rows = self._db.execute(
            "SELECT g.id, g.name, COUNT(t.id) AS members FROM trainee_groups g"
            " LEFT JOIN trainees t ON t.group_id = g.id GROUP BY g.id"
            " ORDER BY g.name COLLATE NOCASE"
        )
        return [Group(r["id"], r["name"], r["members"]) for r in rows]

    def add_group(self, name: str) -> Group:
        """A new group (NameTaken when there is one by this name)."""
        from trainer.store.db import _now

        name = clean_name(name)
        try:
            with self._db:
                cur = self._db.execute(
                    "INSERT INTO trainee_groups(name, created_at) VALUES (?, ?)", (name, _now())
                )
        except sqlite3.IntegrityError:
            raise NameTaken(name) from None
        return Group(int(cur.lastrowid or 0), name)

    def group_named(self, name: str) -> Group:
        """The group with this name (case does not count), made when new."""
        found = self._db.execute(
            "SELECT id, name FROM trainee_groups WHERE name = ? COLLATE NOCASE",
            (clean_name(name),),
        ).fetchone()
        return Group(found["id"], found["name"]) if found else self.add_group(name)

    def rename_group(self, group_id: int, name: str) -> str:
        """Give a group another name (NameTaken when another group has it); returns it."""
        name = clean_name(name)
        try:
            with self._db:
                self._db.execute(
                    "UPDATE trainee_groups SET name = ? WHERE id = ?", (name, group_id)
                )
        except sqlite3.IntegrityError:
            raise NameTaken(name) from None
        return name

    def delete_group(self, group_id: int) -> None:
        """Delete a group that has no trainees (GroupNotEmpty otherwise, archived ones
        included: they would silently lose their group)."""
        with self._db:
            members = self._db.execute(
                "SELECT COUNT(*) FROM trainees WHERE group_id = ?", (group_id,)
            ).fetchone()[0]
            if members:
                raise GroupNotEmpty(int(members))
            self._db.execute("DELETE FROM trainee_groups WHERE id = ?", (group_id,))
