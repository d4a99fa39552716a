"""``simultaan export``: sessions and results from the store as CSV or JSON, for coaches.

The filter and the tables are the store's (``trainer.store.session_filter``,
``trainer.store.export``), so the coach's view exports the same rows; this module reads the
command line, finds the store and the trainees, and says what is wrong in the user's language.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli import UsageError, UserError
from trainer.cli import language as cli

if TYPE_CHECKING:
    from trainer.store.db import Store

KINDS = ("copy", "dictation", "call", "chat", "queue")


def _date(text: str) -> date:
    """An argparse type: a day as YYYY-MM-DD."""
    try:
        if len(text) != 10:  # (fromisoformat takes 20261130 and 2026-W48-1 too)
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            cli.tr("not a date as YYYY-MM-DD (e.g. 2026-11-30): {text}").format(text=repr(text))
        ) from None


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The export sub-command's arguments."""
    export = sub.add_parser(
        "export", help=cli.tr("sessions and results from the store as CSV or JSON, for coaches")
    )
    export.set_defaults(command_parser=export)
    export.add_argument(
        "--trainee",
        action="append",
        default=[],
        metavar="NAME",
        help=cli.tr("only this trainee's sessions (repeat for more; case does not count)"),
    )
    export.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="NAME",
        help=cli.tr("only the sessions of this group's trainees (repeat for more)"),
    )
    export.add_argument(
        "--archived",
        action="store_true",
        help=cli.tr("archived trainees too (else left out, unless named with --trainee)"),
    )
    export.add_argument(
        "--from",
        dest="since",
        type=_date,
        metavar="DATE",
        help=cli.tr("only sessions started on or after this day (YYYY-MM-DD)"),
    )
    export.add_argument(
        "--to",
        dest="until",
        type=_date,
        metavar="DATE",
        help=cli.tr("only sessions started on or before this day (YYYY-MM-DD)"),
    )
    export.add_argument("--kind", choices=KINDS, help=cli.tr("only exercises of this kind"))
    export.add_argument(
        "--passed", choices=("yes", "no"), help=cli.tr("only sessions passed (yes) or not (no)")
    )
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument(
        "--table",
        choices=("sessions", "fields", "competences", "rubric"),
        default="sessions",
        help=cli.tr(
            "one row per session (the default), per form field a call checked, per "
            "competence a call judged, or per criterion a coach scored with the rubric"
        ),
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=cli.tr("the file to write ('-': standard output)"),
    )
    # also after the command, as the other options; SUPPRESS: not given here keeps the one
    # given before the command (`simultaan --data-dir DIR export ...`)
    export.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=cli.tr("the data folder whose store is exported (also SIMULTAAN_DATA_DIR)"),
    )


def _store_path(data_dir: str | None) -> Path:
    """The store of the data folder asked for; a folder or store that is not there is said
    (an export never makes an empty store where there was none)."""
    from trainer.paths import STORE_FILE, chosen_data_dir

    folder = chosen_data_dir(data_dir)
    path = folder / STORE_FILE
    if not path.is_file():
        raise UserError(
            cli.tr("{folder}: no Simultaan store here ({name} not found)").format(
                folder=folder, name=STORE_FILE
            )
        )
    return path


def open_data_store(data_dir: str | None) -> Store:
    """The store of the data folder asked for, open (``export``, ``portfolio``, ``report
    --session``); a UserError naming it when it is not there or cannot be used."""
    from trainer.store.db import Store, StoreError

    try:
        return Store(_store_path(data_dir))
    except StoreError as exc:
        raise UserError(cli.said(exc)) from None


def export(args: argparse.Namespace) -> int:
    """``simultaan export``: the sessions the options choose, as one table."""
    from trainer.core.clips import load_shipped_library
    from trainer.core.loader import load_catalog
    from trainer.paths import audio_dir, exercises_dir
    from trainer.store.export import exercise_info, rows
    from trainer.store.export import export as write_export
    from trainer.store.practice_history import with_generated
    from trainer.store.session_filter import SessionFilter, exercise_ids

    if args.since and args.until and args.since > args.until:
        raise UsageError(
            cli.tr("--from {since} is after --to {until}").format(
                since=args.since.isoformat(), until=args.until.isoformat()
            )
        )
    store = open_data_store(args.data_dir)
    try:
        trainee_ids = _trainees(store, args.trainee)
        group_ids = _groups(store, args.group)
        languages = load_shipped_library(audio_dir()).languages
        # with the practice drills made for trainees (a copy drill each, in the data folder)
        catalog = with_generated(
            load_catalog([exercises_dir()], languages), store.path.parent, languages
        )
        chosen = SessionFilter(
            trainee_ids=trainee_ids,
            since=args.since,
            until=args.until,
            exercise_ids=exercise_ids(catalog, [args.kind] if args.kind else []),
            passed=None if args.passed is None else args.passed == "yes",
            group_ids=group_ids,
            # as the app's sessions list: archived trainees only when asked (a trainee named
            # is asked for)
            archived=None if args.archived or args.trainee else False,
        )
        about = {
            "trainees": list(args.trainee),
            "groups": list(args.group),
            "archived": chosen.archived is None,
            "from": args.since.isoformat() if args.since else None,
            "to": args.until.isoformat() if args.until else None,
            "kind": args.kind,
            "passed": chosen.passed,
        }
        found = rows(store, chosen, args.table, exercise_info(catalog))
        target = None if args.output == "-" else Path(args.output)
        try:
            count = write_export(found, args.table, args.format, target, about, sys.stdout)
        except BrokenPipeError:
            raise  # `simultaan export -o - | head`: the reader had enough (exit 0)
        except OSError as exc:
            raise UserError(
                cli.tr("{file}: cannot write the export: {why}").format(
                    file=args.output, why=exc.strerror or exc
                )
            ) from None
    finally:
        store.close()
    if target is not None:
        # (French counts zero as one: "0 ligne")
        one = count == 1 or (count == 0 and cli.current() == "fr")
        said = cli.tr("{n} row written to {file}") if one else cli.tr("{n} rows written to {file}")
        print(said.format(n=count, file=target), file=sys.stderr)
    return 0


def _trainees(store: Store, names: list[str]) -> frozenset[int]:
    """The ids of the trainees named (case does not count); a name nobody has is said, with
    the names there are."""
    if not names:
        return frozenset()
    everybody = {t.name.casefold(): t for t in store.trainees()}
    unknown = [n for n in names if " ".join(n.split()).casefold() not in everybody]
    if unknown:
        known = ", ".join(t.name for t in sorted(everybody.values(), key=lambda t: t.name))
        raise UserError(
            cli.tr("no trainee named {names} in {store}; the trainees are: {known}").format(
                names=", ".join(repr(n) for n in unknown),
                store=store.path,
                known=known or "-",
            )
        )
    return frozenset(everybody[" ".join(n.split()).casefold()].id for n in names)


def _groups(store: Store, names: list[str]) -> frozenset[int]:
    """The ids of the groups named (case does not count); a name no group has is said, with
    the groups there are."""
    if not names:
        return frozenset()
    every = {g.name.casefold(): g for g in store.groups()}
    unknown = [n for n in names if " ".join(n.split()).casefold() not in every]
    if unknown:
        raise UserError(
            cli.tr("no group named {names} in {store}; the groups are: {known}").format(
                names=", ".join(repr(n) for n in unknown),
                store=store.path,
                known=", ".join(g.name for g in every.values()) or "-",
            )
        )
    return frozenset(every[" ".join(n.split()).casefold()].id for n in names)


HANDLERS = {"export": export}
