"""``simultaan portfolio``: a trainee's competence portfolio (PDF or HTML) for the Flemish
"ervaringsbewijs": every competence of the four job profiles with its evidence.

``simultaan portfolio --trainee NAME -o FILE.pdf|.html [--data-dir DIR]``, in the language of
``--lang``. An unknown trainee or a file that cannot be written exits with 1 and says why.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from trainer.cli import UsageError, UserError
from trainer.cli import language as cli

_KEEP: list[Any] = []  # the QGuiApplication, kept as long as the command runs


def add_parsers(sub: Any) -> None:
    """The ``portfolio`` sub-command."""
    parser = sub.add_parser(
        "portfolio", help=cli.tr("a trainee's competence portfolio (PDF, HTML)")
    )
    parser.set_defaults(command_parser=parser)
    parser.add_argument(
        "--trainee", required=True, metavar="NAME", help=cli.tr("the trainee (case does not count)")
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=cli.tr("where to write it (.pdf, .html)"),
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # (else it would hide the one given before `portfolio`)
        help=cli.tr("where the store and journals live (also SIMULTAAN_DATA_DIR); for exam rooms"),
    )


def portfolio(args: argparse.Namespace) -> int:
    """``simultaan portfolio``: write one trainee's portfolio."""
    from trainer.cli.export_commands import _trainees, open_data_store

    out = Path(args.output)
    fmt = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(cli.tr("{file}: the name must end in .pdf or .html").format(file=out))
    from trainer.core.loader import load_catalog
    from trainer.paths import exercises_dir
    from trainer.store.portfolio import trainee_portfolio

    store = open_data_store(args.data_dir)
    try:
        (trainee_id,) = _trainees(store, [args.trainee])
        trainee = store.trainee(trainee_id)
        assert trainee is not None
        facts = trainee_portfolio(store, trainee, load_catalog([exercises_dir()]))
    finally:
        store.close()
    if fmt == "pdf":  # the fonts need a QGuiApplication (no window is shown)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is None:
            _KEEP.append(QGuiApplication(["simultaan"]))
    cli.ui_words()
    from trainer.ui.report.portfolio import write_portfolio

    try:
        write_portfolio(out, fmt, facts)
    except OSError as exc:
        raise UserError(
            cli.tr("{file}: cannot write the portfolio: {why}").format(
                file=out, why=exc.strerror or str(exc)
            )
        ) from None
    print(cli.tr("portfolio written to {file}").format(file=out))
    return 0


HANDLERS = {"portfolio": portfolio}
