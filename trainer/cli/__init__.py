"""The ``simultaan`` command: the desktop app without arguments, tools for scripts with them.

An outside contract (design.md): exit 0 on success, 1 when the input is wrong (with a message
that names the file and what is wrong), 2 for a usage error. Never a traceback for a user's
mistake, never a hang: files are read within limits (``trainer.core.bounded_files``) and every
number an option takes has a range. Qt is imported only when the app starts (or a message is
translated: ``trainer.cli.language``), so the tools stay quick. Human output follows ``--lang``
or the environment (nl, fr, en); ``--json`` output is the same in every language.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from trainer import __version__
from trainer.cli import language as cli

MAX_SCORE_SECONDS = 24 * 3600.0  # `score --seconds`: a typing time longer than a day is a typo
MAX_TONE_SECONDS = 60.0  # `audio-check --seconds`: a test tone, held in memory while it plays
MAX_WPM = Decimal(200)  # `--min-wpm`: as an exercise's min_wpm


class UserError(Exception):
    """A mistake in what the user gave us: printed as one clear line, exit 1."""


class UsageError(Exception):
    """Options that do not go together: the command's usage and the message, exit 2 (as
    argparse says it); only for commands that set ``command_parser``."""


def _margin(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ".", 1))  # 0,03 as typed with a Flemish keyboard
    except InvalidOperation:
        message = cli.tr("not a number: {text}").format(text=repr(text))
        raise argparse.ArgumentTypeError(message) from None
    # NaN compares by raising InvalidOperation, so it is ruled out first
    if not value.is_finite() or not (0 <= value <= 1):
        raise argparse.ArgumentTypeError(
            cli.tr("must be between 0 and 1 (0.03 is 3%): {text}").format(text=text)
        )
    return value


def seconds_at_most(limit: float) -> Callable[[str], float]:
    """An argparse type: a number of seconds more than 0 and at most ``limit``."""

    def seconds(text: str) -> float:
        try:
            value = float(text.replace(",", ".", 1))
        except ValueError:
            raise argparse.ArgumentTypeError(
                cli.tr("not a number of seconds: {text}").format(text=repr(text))
            ) from None
        if not (math.isfinite(value) and 0 < value <= limit):  # inf would drop the speeds
            raise argparse.ArgumentTypeError(
                cli.tr(
                    "must be a number of seconds more than 0 and at most {limit}: {text}"
                ).format(limit=f"{limit:g}", text=text)
            )
        return value

    return seconds


def _ignore(text: str) -> list[str]:
    from trainer.core.word_forms import IGNORABLE

    wanted = [w.strip() for w in text.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in IGNORABLE]
    if unknown:
        raise argparse.ArgumentTypeError(
            cli.tr("cannot ignore {what}: choose from {choices}").format(
                what=", ".join(unknown), choices=", ".join(IGNORABLE)
            )
        )
    return wanted


def _wpm(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ".", 1))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            cli.tr("not a number of words per minute: {text}").format(text=repr(text))
        ) from None
    if not value.is_finite() or not (0 < value <= MAX_WPM):
        raise argparse.ArgumentTypeError(
            cli.tr("must be a number more than 0 and at most {limit}: {text}").format(
                limit=MAX_WPM, text=text
            )
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line, as design.md fixes it."""
    parser = argparse.ArgumentParser(
        prog="simultaan",
        description=cli.tr(
            "Simultaan: trainer for contact-centre and helpdesk operators. "
            "Without a command it starts the desktop app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"simultaan {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=cli.tr("where the store and journals live (also SIMULTAAN_DATA_DIR); for exam rooms"),
    )
    parser.add_argument(
        "--lang",
        choices=cli.LANGUAGES,
        help=cli.tr(
            "the language of the messages (else LANGUAGE, LC_ALL, LANG; JSON keys never change)"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    score = sub.add_parser("score", help=cli.tr("score one typing attempt"))
    score.set_defaults(command_parser=score)
    score.add_argument(
        "--reference", required=True, metavar="FILE", help=cli.tr("the text to type")
    )
    score.add_argument(
        "--input-stream",
        required=True,
        metavar="FILE",
        help=cli.tr("UTF-8 text, one character per keystroke, U+0008 for Backspace"),
    )
    score.add_argument(
        "--seconds",
        type=seconds_at_most(MAX_SCORE_SECONDS),
        metavar="S",
        help=cli.tr("typing time, for speeds (at most {limit})").format(
            limit=f"{MAX_SCORE_SECONDS:g}"
        ),
    )
    score.add_argument("--unit", choices=("word", "char"), default="word")
    score.add_argument("--margin", type=_margin, default=Decimal("0.03"))
    score.add_argument(
        "--partial",
        action="store_true",
        help=cli.tr("do not count the part of the text never reached"),
    )
    score.add_argument(
        "--min-wpm",
        type=_wpm,
        metavar="N",
        help=cli.tr(
            "net words per minute needed to pass (correct characters / 5 per minute of "
            "--seconds, which it needs)"
        ),
    )
    score.add_argument(
        "--ignore",
        type=_ignore,
        default=[],
        metavar="WHAT",
        help=cli.tr("do not mark these, comma-separated: punctuation, case, number-format"),
    )
    score.add_argument("--json", action="store_true", help=cli.tr("print the result as JSON"))

    validate = sub.add_parser("validate", help=cli.tr("check exercise files or folders"))
    validate.add_argument("paths", nargs="+", metavar="PATH")

    listing = sub.add_parser("list", help=cli.tr("the exercises found"))
    listing.add_argument("--json", action="store_true")

    replay = sub.add_parser("replay", help=cli.tr("the result of a recorded session"))
    replay.add_argument("exercise", metavar="EXERCISE", help=cli.tr("an exercise file or id"))
    replay.add_argument("journal", metavar="JOURNAL", help=cli.tr("the session's journal (.jsonl)"))
    replay.add_argument("--margin", type=_margin, help=cli.tr("re-score with another margin"))
    replay.add_argument("--json", action="store_true")

    from trainer.cli import audio_commands, export_commands

    audio_commands.add_parsers(sub)
    export_commands.add_parsers(sub)
    from trainer.cli import portfolio_commands, report_commands

    report_commands.add_parsers(sub)
    portfolio_commands.add_parsers(sub)
    from trainer.cli import seal_commands

    seal_commands.add_parsers(sub)
    from trainer.cli import exam_commands

    exam_commands.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``simultaan`` command; returns the exit code."""
    chosen, rest = cli.split_lang(list(sys.argv[1:] if argv is None else argv))
    cli.install(chosen or cli.from_environment(os.environ))  # (before the help is made)
    args = build_parser().parse_args(rest)
    if args.command is None:
        from trainer.ui.app import run_app

        return run_app(args.data_dir)
    from trainer.cli import audio_commands, commands, export_commands

    handler = {
        "score": commands.score,
        "validate": commands.validate,
        "list": commands.list_exercises,
        "replay": commands.replay,
        **audio_commands.HANDLERS,
        **export_commands.HANDLERS,
        **report_handlers(),
    }[args.command]
    try:
        return handler(args)
    except UserError as exc:
        print(f"simultaan {args.command}: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        parser: argparse.ArgumentParser = args.command_parser
        parser.error(str(exc))  # usage and message as argparse gives them: exits with 2
    except BrokenPipeError:  # `simultaan list | head`
        return 0


def report_handlers() -> dict[str, Callable[[argparse.Namespace], int]]:
    """``simultaan report``, ``portfolio``, ``verify`` and the ``exam`` group
    (trainer/cli/report_commands.py, portfolio_commands.py, seal_commands.py, exam_group.py)."""
    from trainer.cli import exam_group, portfolio_commands, report_commands, seal_commands

    return {
        **report_commands.HANDLERS,
        **portfolio_commands.HANDLERS,
        **seal_commands.HANDLERS,
        **exam_group.HANDLERS,
    }


def print_json(data: object) -> None:
    """JSON on stdout, always UTF-8 whatever the locale (a € or é must not crash a script)."""
    sys.stdout.flush()
    sys.stdout.buffer.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
    sys.stdout.buffer.flush()


def read_text(path: str, what: str) -> str:
    """A user's text file (a regular file of at most MAX_TEXT_BYTES), or a UserError naming
    it; a FIFO or a device such as /dev/zero is refused without being read."""
    from trainer.core.bounded_files import MAX_TEXT_BYTES, FileRefused
    from trainer.core.bounded_files import read_text as read_bounded

    try:
        # bom: a byte-order mark (Notepad, PowerShell) is not a character of the text
        return read_bounded(Path(path), MAX_TEXT_BYTES, what, bom=True)
    except FileRefused as exc:
        raise UserError(f"{path}: {cli.said(exc)}") from None
