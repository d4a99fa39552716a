"""``simultaan exam``: exam rooms (an outside contract, design.md).

``simultaan exam start PACKAGE --candidate ID``: checks everything the exam needs on this
workstation (data folder, store, enrolment, the package's signature and exercises) and says
the first problem at once, exit 1; then opens the exam screen for that candidate (check-in,
instructions, the parts in kiosk mode). When the candidate's exam was cut off, the screen
offers the supervisor to resume it. ``--check`` only checks and says what would happen.

``simultaan exam code PACKAGE``: sets the centre's own supervisor's code in a package (asked
twice without echo, or read from ``--code-file``/stdin for tooling), before it is signed.

``simultaan exam status [--json]``: which workstation is at which part, from the status files
every workstation writes in the data folder (``exams/status/``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from trainer.cli import UserError, print_json
from trainer.cli import language as cli

# a workstation silent this long while a part runs is said to be silent (it writes every second)
SILENT_SECONDS = 10.0


def add_parsers(sub: Any) -> None:
    """``exam start`` and ``exam status`` in the ``exam`` group (trainer/cli/exam_group.py)."""
    from trainer.cli.exam_group import actions

    inner = actions(sub)
    start = inner.add_parser("start", help=cli.tr("start a signed exam package for a candidate"))
    start.set_defaults(exam_handler=start_command, command_parser=start)
    start.add_argument("package", metavar="PACKAGE", help=cli.tr("the package (.exam.yaml)"))
    start.add_argument(
        "--candidate",
        required=True,
        metavar="ID",
        help=cli.tr("the candidate's number (letters, digits, . _ -)"),
    )
    start.add_argument(
        "--check",
        action="store_true",
        help=cli.tr("only check the workstation and the package, and say what would happen"),
    )
    _data_dir(start)
    status = inner.add_parser("status", help=cli.tr("which workstation is at which part"))
    status.set_defaults(exam_handler=status_command, command_parser=status)
    status.add_argument("--json", action="store_true", help=cli.tr("print the room as JSON"))
    _data_dir(status)
    code = inner.add_parser(
        "code", help=cli.tr("set the centre's own supervisor's code in a package, before signing")
    )
    code.set_defaults(exam_handler=code_command, command_parser=code)
    code.add_argument("package", metavar="PACKAGE", help=cli.tr("the package (.exam.yaml)"))
    code.add_argument(
        "--code-file",
        metavar="FILE",
        help=cli.tr("read the code from the first line of FILE ('-': standard input)"),
    )


def _data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # (else it would hide the one given before `exam`)
        help=cli.tr("where the store and journals live (also SIMULTAAN_DATA_DIR); for exam rooms"),
    )


def start_command(args: argparse.Namespace) -> int:
    """Check, then open the exam screen (or, with ``--check``, say what it would do)."""
    from trainer.core.exam_run import CANDIDATE_PATTERN
    from trainer.core.messages import message_of
    from trainer.core.yaml_source import SourceFileError
    from trainer.paths import data_dir
    from trainer.store.exam_room import prepare_exam

    if not re.match(CANDIDATE_PATTERN, args.candidate):
        raise UserError(
            cli.tr("not a candidate number (letters, digits, . _ -, at most 40): {id}").format(
                id=repr(args.candidate)
            )
        )
    try:
        folder = data_dir(args.data_dir)
    except OSError as exc:
        raise UserError(
            cli.tr("cannot use the data folder {folder}: {why}").format(
                folder=exc.filename, why=exc.strerror
            )
        ) from None
    try:
        from trainer.settings import load_settings

        central = load_settings(folder)[0].database_url  # (a damaged file: said by the app)
        prepared = prepare_exam(folder, Path(args.package), args.candidate, central)
    except SourceFileError as exc:
        lines = [f"{p.file}:{p.line}: {cli.worded(p.message)}" for p in exc.problems]
        raise UserError("\n".join(lines)) from None
    except Exception as exc:
        if message_of(exc) is None:
            raise
        raise UserError(cli.said(exc)) from None
    package = prepared.package
    if args.check:
        print(
            cli.tr("{package}: {parts} parts, {minutes} minutes, for candidate {id}").format(
                package=package.id,
                parts=len(package.parts),
                minutes=cli.number(sum(p.time_limit for p in package.parts) / 60, 0),
                id=args.candidate,
            )
        )
        state = prepared.state
        if state is not None:
            print(
                cli.tr("to be resumed at part {part} (started on {workstation})").format(
                    part=state.part + 1, workstation=state.workstation
                )
            )
            if prepared.call_scored_as_is():  # (the exam screen says it too)
                print(
                    cli.tr(
                        "part {part} is a call that cannot go on where it stopped (its journal "
                        "does not rebuild it as it was): it is scored with what happened before "
                        "it was cut off, and the exam goes on after it"
                    ).format(part=state.part + 1)
                )
        return 0
    from trainer.ui.exam_app import run_exam

    code: int = run_exam(prepared)
    return code


def status_command(args: argparse.Namespace) -> int:
    """The room: one line per workstation."""
    from trainer.core.exam_status import read_statuses, seconds_since
    from trainer.paths import data_dir

    folder = data_dir(args.data_dir)
    code = 0
    heard: dict[str, str] = {}  # from the central store: when it last heard each workstation
    try:
        found, heard = _central_statuses(folder)
        unreadable: list[Path] = []
    except _NoCentral:
        found, unreadable = read_statuses(folder)
    except Exception as exc:
        from trainer.core.messages import message_of

        if message_of(exc) is None:
            raise
        print(
            cli.tr("simultaan: the central store cannot be read ({why}); this data folder's "
                   "status files:").format(why=cli.said(exc)),
            file=sys.stderr,
        )  # fmt: skip
        found, unreadable = read_statuses(folder)
        code = 1
    if args.json:
        print_json(
            {
                "workstations": [
                    s.model_dump(mode="json")
                    | ({"heard_at": heard[s.workstation]} if heard else {})
                    for s in found
                ],
                "unreadable": [str(p) for p in unreadable],
            }
        )
        return code
    stages = {
        "check_in": cli.tr("checking in"),
        "waiting": cli.tr("waiting to start the part"),
        "running": cli.tr("taking the part"),
        "stopped": cli.tr("stopped, to be resumed"),
        "finished": cli.tr("finished"),
    }
    if not found:
        print(cli.tr("no workstation has started an exam"))
    for s in found:
        left = int(s.remaining)
        where = (
            cli.tr("finished")
            if s.stage == "finished"
            else stages["check_in"]
            if s.stage == "check_in"  # (no part has started: no time is used yet)
            else cli.tr("part {part} of {parts}, {stage}, {m}:{s:02d} left").format(
                part=s.part, parts=s.parts, stage=stages[s.stage], m=left // 60, s=left % 60
            )
        )
        line = f"{s.workstation}  {s.candidate}  {s.name}  {s.package}  {where}"
        silent = seconds_since(s)
        if s.stage == "running" and silent > SILENT_SECONDS:
            line += "  " + cli.tr("(silent for {n} s)").format(n=int(silent))
        if s.workstation in heard:
            line += "  " + cli.tr("(last heard {time} UTC)").format(time=heard[s.workstation])
        print(line)
    for path in unreadable:
        print(cli.tr("{file}: cannot be read").format(file=path))
    return code


class _NoCentral(Exception):
    """No central store is named: the data folder's status files are the room."""


def _central_statuses(folder: Path) -> tuple[list[Any], dict[str, str]]:
    """Every workstation's last heartbeat in the central store named for this data folder
    (the environment's URL, else its settings'), and when the server heard each (HH:MM:SS,
    UTC). _NoCentral when none is named; a CentralError when it cannot be read."""
    import datetime as dt

    from pydantic import ValidationError

    from trainer.core.exam_status import WorkstationStatus
    from trainer.settings import load_settings
    from trainer.store.upload import database_url

    settings, _problem = load_settings(folder)
    url = database_url(settings.database_url)
    if url is None:
        raise _NoCentral
    from trainer.store.central import CentralStore

    central = CentralStore(url)
    try:
        rows = central.statuses()
    finally:
        central.close()
    found, heard = [], {}
    for status, heard_at in rows:
        try:
            one = WorkstationStatus.model_validate(status)
        except ValidationError:
            continue
        found.append(one)
        moment = dt.datetime.fromisoformat(heard_at).astimezone(dt.UTC)
        heard[one.workstation] = moment.strftime("%H:%M:%S")
    return found, heard


def code_command(args: argparse.Namespace) -> int:
    """Write the hash of the centre's own supervisor's code into the package."""
    from trainer.core.exam_package import code_problem, load_package, with_supervisor_code
    from trainer.core.exam_state import write_atomically
    from trainer.core.yaml_source import SourceFileError
    from trainer.seal.signatures import signature_path

    path = Path(args.package)
    try:
        package = load_package(path)
        text = path.read_text(encoding="utf-8")
    except SourceFileError as exc:
        lines = [f"{p.file}:{p.line}: {cli.worded(p.message)}" for p in exc.problems]
        raise UserError("\n".join(lines)) from None
    code = _new_code(args.code_file)
    problem = code_problem(code)
    if problem is not None:
        raise UserError(
            {
                "code_too_short": cli.tr("the code must have at least 6 characters"),
                "code_is_placeholder": cli.tr(
                    "000000 is the public placeholder: choose the centre's own code"
                ),
            }[problem]
        )
    try:
        changed = with_supervisor_code(text, package.id, code)
    except ValueError:
        raise UserError(
            cli.tr("{package}: no 'supervisor_code:' line at the start of a line").format(
                package=path
            )
        ) from None
    try:
        write_atomically(path, changed.encode("utf-8"), path.stat().st_mode & 0o777)
    except OSError as exc:
        raise UserError(f"{exc.filename or path}: {exc.strerror or exc}") from None
    print(cli.tr("{package}: the supervisor's code is set").format(package=path))
    if signature_path(path).exists():
        print(
            cli.tr("{sig}: no longer fits the package: sign it again (simultaan exam sign)").format(
                sig=signature_path(path)
            )
        )
    return 0


def _new_code(code_file: str | None) -> str:
    """The new code: from ``code_file`` ('-': stdin), from stdin when it is not a terminal
    (tooling), else typed twice without echo."""
    import getpass
    import sys

    if code_file is not None or not sys.stdin.isatty():
        try:
            if code_file in (None, "-"):
                line = sys.stdin.readline()
            else:
                with open(code_file, encoding="utf-8") as file:
                    line = file.readline()
        except OSError as exc:
            raise UserError(f"{exc.filename}: {exc.strerror or exc}") from None
        return line.strip()
    try:
        first = getpass.getpass(cli.tr("New supervisor's code: "))
        again = getpass.getpass(cli.tr("The same code again: "))
    except (EOFError, KeyboardInterrupt):
        raise UserError(cli.tr("no code set")) from None
    if first.strip() != again.strip():
        raise UserError(cli.tr("the two codes differ: nothing changed"))
    return first.strip()
