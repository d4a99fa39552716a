"""``python -m trainer`` does what ``simultaan`` does.

Started without a command (the desktop app, perhaps with ``--data-dir``) it goes straight to
the app: the command line's parser and its tools (argparse, json, decimal: about 10 ms) are
not needed before the first frame. Anything else (``--help``, a command, a mistake) goes
through ``trainer.cli``, which says what is wrong.
"""

from __future__ import annotations

import sys


def app_only(argv: list[str]) -> tuple[bool, str | None]:
    """Whether ``argv`` only starts the app, and the ``--data-dir`` it gives (or None)."""
    if not argv:
        return True, None
    if len(argv) == 1 and argv[0].startswith("--data-dir=") and len(argv[0]) > 11:
        return True, argv[0].removeprefix("--data-dir=")
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return True, argv[1]
    return False, None


def main() -> int:
    """Run the app, or the command asked for."""
    only_app, data_dir = app_only(sys.argv[1:])
    if only_app:
        from trainer import qt_compiled, startup_files

        startup_files.warm_fonts()  # fontconfig's start on the other core while Qt imports
        reader = startup_files.preload()  # on a cold start, the disk reads ahead of the imports
        qt_compiled.import_qt()  # PySide6's own Python compiled by an earlier start
        from trainer.ui.app import run_app

        return run_app(data_dir, reader)
    from trainer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
