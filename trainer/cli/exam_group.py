"""``simultaan exam ACTION``: one group for the exam room's actions, added by their modules.

The centre's keys and signatures (``seal_commands``: keygen, enrol, sign) and the exam run
(``start``) live in different modules; each gets the group's sub-parsers from ``actions``
and sets ``exam_handler`` on its own parser, and ``run`` calls it.
"""

from __future__ import annotations

import argparse
from typing import Any

from trainer.cli import language as cli


def actions(sub: Any) -> Any:
    """The ``exam`` group's sub-parsers, made by whichever module asks first."""
    exam = sub.choices.get("exam")
    if exam is None:
        exam = sub.add_parser("exam", help=cli.tr("exam rooms: the centre's keys, packages, runs"))
        exam.set_defaults(command_parser=exam)
        return exam.add_subparsers(dest="exam_command", metavar="ACTION", required=True)
    for action in exam._actions:  # (argparse keeps no public handle on them)
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("the exam group has no actions")


def run(args: argparse.Namespace) -> int:
    """Run the exam action asked for."""
    handler = args.exam_handler
    result: int = handler(args)
    return result


HANDLERS = {"exam": run}
