"""``simultaan verify`` and the exam centre's keys: ``exam keygen``, ``exam enrol``,
``exam sign`` (trainer/seal).

``verify FILE...`` prints one line per file (intact, changed or unsigned, and why) and exits
1 when any is not intact. Trust is the centre's certificate: ``--centre-cert FILE``, else this
workstation's (``DATA/exam/centre.crt``, put there when it was enrolled).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli import UserError, print_json
from trainer.cli import language as cli
from trainer.cli.exam_group import actions


def add_parsers(sub: Any) -> None:
    """``verify`` and the centre's actions in the ``exam`` group."""
    verify = sub.add_parser(
        "verify", help=cli.tr("which sealed results, journals, packages and bundles are intact")
    )
    verify.set_defaults(command_parser=verify)
    verify.add_argument("files", nargs="+", metavar="FILE")
    _centre_option(verify)
    verify.add_argument("--json", action="store_true", help=cli.tr("print the checks as JSON"))
    verify.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # (else it would hide the one given before `verify`)
        help=cli.tr("where the store and journals live (also SIMULTAAN_DATA_DIR); for exam rooms"),
    )

    exam = actions(sub)
    keygen = exam.add_parser("keygen", help=cli.tr("make the exam centre's key pair"))
    keygen.set_defaults(exam_handler=keygen_command, command_parser=keygen)
    keygen.add_argument("--out", required=True, metavar="DIR", help=cli.tr("a folder for them"))
    keygen.add_argument(
        "--name", required=True, metavar="NAME", help=cli.tr("the centre's name, as certified")
    )

    enrol = exam.add_parser("enrol", help=cli.tr("enrol a workstation or evaluator station"))
    enrol.set_defaults(exam_handler=enrol_command, command_parser=enrol)
    enrol.add_argument("--key", required=True, metavar="FILE", help=cli.tr("the centre's key"))
    enrol.add_argument(
        "--name", required=True, metavar="NAME", help=cli.tr("the station's name, as certified")
    )
    enrol.add_argument(
        "--out", required=True, metavar="DIR", help=cli.tr("a new folder for its key")
    )
    enrol.add_argument(
        "--days",
        type=_days,
        default=400,
        metavar="N",
        help=cli.tr("how long its certificate holds (default 400 days)"),
    )

    sign = exam.add_parser("sign", help=cli.tr("sign exam packages with the centre's key"))
    sign.set_defaults(exam_handler=sign_command, command_parser=sign)
    sign.add_argument("packages", nargs="+", metavar="PACKAGE")
    sign.add_argument("--key", required=True, metavar="FILE", help=cli.tr("the centre's key"))


def _centre_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--centre-cert",
        metavar="FILE",
        help=cli.tr("the exam centre's certificate (else the data folder's exam/centre.crt)"),
    )


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            cli.tr("not a number of days: {text}").format(text=repr(text))
        ) from None
    if not 1 <= value <= 3660:
        raise argparse.ArgumentTypeError(
            cli.tr("must be between 1 and 3660 days: {text}").format(text=text)
        )
    return value


def verify(args: argparse.Namespace) -> int:
    """``simultaan verify``: one line per file; exit 1 when any is not intact."""
    from trainer.seal.keys import SealError
    from trainer.seal.verify import trusted_centre, verify_paths

    given = Path(args.centre_cert) if args.centre_cert else None
    folder = getattr(args, "data_dir", None)
    try:
        checks = verify_paths([Path(f) for f in args.files], trusted_centre(given, folder))
    except SealError as exc:
        raise UserError(cli.said(exc)) from None
    if args.json:
        print_json(
            [
                {
                    "file": str(c.path),
                    "status": c.status,
                    "reason": c.why.code if c.why else None,
                    "station": c.station or None,
                    "sealed_at": c.sealed_at or None,
                }
                for c in checks
            ]
        )
    else:
        for check in checks:
            print(_line(check))
    return 0 if checks and all(c.status == "intact" for c in checks) else 1


def _line(check: Any) -> str:
    if check.status == "intact":
        if check.station:
            return cli.tr("{file}: intact (sealed by '{station}' on {date})").format(
                file=check.path, station=check.station, date=check.sealed_at
            )
        return cli.tr("{file}: intact").format(file=check.path)
    why = cli.worded(check.why) if check.why is not None else ""
    if check.status == "changed":
        return cli.tr("{file}: changed: {why}").format(file=check.path, why=why)
    return cli.tr("{file}: unsigned: {why}").format(file=check.path, why=why)


def seal_warning(journal: Path, data_folder: str | None = None) -> str | None:
    """For ``simultaan replay``: a line saying a sealed journal is no longer the one sealed
    (or cannot be checked here), or None (intact, or no seal beside it)."""
    from trainer.seal.keys import SealError
    from trainer.seal.parts import FileCheck, check_seal, seal_path_of
    from trainer.seal.verify import trusted_centre

    seal = seal_path_of(journal)
    if not seal.is_file():  # (journals from before the seals, exam mode too: 'verify' says)
        return None
    try:
        centre = trusted_centre(None, data_folder)
    except SealError as exc:
        bad = FileCheck(journal, "unsigned", exc.message)
        return cli.tr("warning: {line}").format(line=_line(bad))
    found = [c for c in check_seal(seal, centre) if c.path in (journal, seal)]
    changed = next((c for c in found if c.status != "intact"), None)
    return None if changed is None else cli.tr("warning: {line}").format(line=_line(changed))


def keygen_command(args: argparse.Namespace) -> int:
    """``simultaan exam keygen``: the centre's key and certificate."""
    from trainer.seal.keys import SealError, make_centre

    try:
        key, certificate = make_centre(Path(args.out), args.name)
    except (SealError, OSError) as exc:
        raise UserError(_said(exc)) from None
    print(cli.tr("{key}: the centre's private key: keep it off every workstation").format(key=key))
    print(
        cli.tr(
            "{cert}: the centre's certificate, for every workstation and the test centre"
        ).format(cert=certificate)
    )
    return 0


def enrol_command(args: argparse.Namespace) -> int:
    """``simultaan exam enrol``: a station's key and certificate, signed by the centre."""
    from trainer.seal.keys import SealError, enrol

    try:
        folder = enrol(Path(args.key), Path(args.out), args.name, args.days)
    except (SealError, OSError) as exc:
        raise UserError(_said(exc)) from None
    print(
        cli.tr(
            "{folder}: '{name}' enrolled; copy this folder to the station's data folder as exam/"
        ).format(folder=folder, name=args.name)
    )
    return 0


def sign_command(args: argparse.Namespace) -> int:
    """``simultaan exam sign``: a detached signature beside each package, once every package
    reads as the exam run will read it (a centre never signs a package a room cannot run)."""
    from trainer.core.clips import load_shipped_library
    from trainer.core.exam_package import has_placeholder_code, load_package
    from trainer.core.loader import load_catalog
    from trainer.core.yaml_source import SourceFileError
    from trainer.paths import audio_dir, exercises_dir
    from trainer.seal.keys import SealError
    from trainer.seal.packages import sign_package

    catalog = load_catalog([exercises_dir()], load_shipped_library(audio_dir()).languages)
    problems = []
    for package in args.packages:
        try:
            loaded = load_package(Path(package), catalog)
        except SourceFileError as exc:
            problems += [f"{p.file}:{p.line}: {cli.worded(p.message)}" for p in exc.problems]
            continue
        if has_placeholder_code(loaded):  # anyone could leave the exam screen with it
            problems.append(
                cli.tr(
                    "{package}: the supervisor's code is still the placeholder 000000: set the "
                    "centre's own first (simultaan exam code {package})"
                ).format(package=package)
            )
    if problems:
        raise UserError("\n".join(problems))
    for package in args.packages:
        try:
            written = sign_package(Path(package), Path(args.key))
        except SealError as exc:
            raise UserError(_said(exc)) from None
        print(cli.tr("{package}: signed ({sig})").format(package=package, sig=written.name))
    return 0


def _said(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"{exc.filename}: {exc.strerror or exc}"
    return cli.said(exc)


HANDLERS = {"verify": verify}
