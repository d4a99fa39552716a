"""Starting the desktop app where it cannot show a window says so, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.probes import run_probe
from trainer.paths import DATA_DIR_ENV


def started_app_probe(signal: str, report: str) -> str:
    """Python code that starts the app as ``python -m trainer --data-dir ARG`` does and, when
    the main window emits ``signal``, runs ``report`` (lines of code, with ``self`` the window)
    and closes the window."""
    body = "".join(f"        {line}\n" for line in report.strip("\n").splitlines())
    return (
        "import sys, runpy\n"
        "sys.argv = ['simultaan', '--data-dir', sys.argv[1]]\n"
        "import trainer.ui.main_window as mw\n"
        "original = mw.MainWindow.__init__\n"
        "def init(self, *a, **k):\n"
        "    original(self, *a, **k)\n"
        "    def report():\n"
        f"{body}"
        "        self.close()\n"
        f"    self.{signal}.connect(report)\n"
        "mw.MainWindow.__init__ = init\n"
        "runpy.run_module('trainer', run_name='__main__')\n"
    )


def test_no_screen_gives_a_clear_message_and_exit_1() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    started = subprocess.run(
        [sys.executable, "-m", "trainer"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert started.returncode == 1
    assert "no screen found" in started.stderr and "xvfb-run" in started.stderr
    assert "Traceback" not in started.stderr


def test_an_unusable_data_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    started = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(blocker / "data")],
        cwd=REPO,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert str(blocker) in started.stderr
    assert "Traceback" not in started.stderr


def test_the_home_screen_loads_no_module_it_does_not_need(tmp_path: Path) -> None:
    # numpy (sound, scoring), scipy (loudness), Enchant (spelling) and phonenumbers (foreign
    # numbers) load on first use: each costs start-up time and memory the home screen does
    # not need (numpy alone took the window's memory from 93 to 109 MB)
    probe = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from trainer.ui.app import create_application\n"
        "from trainer.ui.main_window import MainWindow\n"
        "app = create_application()\n"
        "window = MainWindow(data_dir=Path(tempfile.mkdtemp()))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.catalog.entries\n"
        "heavy = ('numpy', 'scipy', 'pyloudnorm', 'enchant', 'phonenumbers', 'sounddevice')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    assert run_probe(probe, env={"SIMULTAAN_DATA_DIR": str(tmp_path)}) == ""


def test_the_first_frame_waits_for_nothing_but_qt_and_the_store(tmp_path: Path) -> None:
    # the window is drawn before the store is opened and the exercises are read: SQLite (8-12
    # ms with the store's module), pydantic and YAML (the catalog, the journal's models, the
    # settings) load after it, and the command line's parser not at all; the journal's models
    # alone, loaded with the store, were 70 ms of the first frame
    probe = started_app_probe(
        "firstFrameShown",
        """
late = ('pydantic', 'yaml', 'trainer.core.journal', 'trainer.settings',
        'trainer.cli', 'sqlite3', 'trainer.store')
print(' '.join(m for m in late if m in sys.modules), flush=True)
""",
    )
    assert run_probe(probe, str(tmp_path)) == ""


def test_a_start_without_a_data_folder_finds_its_own_without_platformdirs(tmp_path: Path) -> None:
    # `simultaan` as a trainee starts it: the data folder and the cache are the XDG ones, found
    # without platformdirs (its import cost the first frame 2 ms, and the list as much again)
    probe = started_app_probe(
        "listFilled",
        """
print('platformdirs' in sys.modules, self.data_dir, flush=True)
""",
    ).replace("sys.argv = ['simultaan', '--data-dir', sys.argv[1]]", "sys.argv = ['simultaan']")
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "", DATA_DIR_ENV: ""}
    loaded, folder = run_probe(probe, env=env).split(" ", 1)
    assert loaded == "False"
    assert folder == str(tmp_path / ".local" / "share" / "simultaan")
    assert (tmp_path / ".cache" / "simultaan").is_dir()  # the content cache and the file list


def test_the_list_read_from_the_content_cache_parses_no_yaml_and_builds_no_reader(
    tmp_path: Path,
) -> None:
    # the second start takes the exercises from the content cache: PyYAML (8-9 ms) is not
    # imported, and the journal's event reader, the clip manifest's and the default SLA
    # targets' validators are not built (pydantic builds one in about a millisecond, the
    # first one with its plugin loader's import): all of it was on the way to the filled list
    probe = started_app_probe(
        "contentLoaded",
        """
from trainer.core import clips, journal, sla
built = [name for name, ready in (
    ('yaml', 'yaml' in sys.modules),
    ('events', journal._event_adapter.cache_info().currsize > 0),
    ('clip', clips.Clip.__pydantic_complete__),
    ('targets', sla.default_targets.cache_info().currsize > 0),
    ('plugins', 'importlib.metadata' in sys.modules),  # (trainer.pydantic_plugins)
) if ready]
print(' '.join(built), flush=True)
""",
    )
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    run_probe(probe, str(tmp_path / "data"), env=cache)  # (reads the files, fills the cache)
    assert run_probe(probe, str(tmp_path / "data"), env=cache) == ""


def test_a_second_start_lists_the_exercises_before_reading_them(tmp_path: Path) -> None:
    # the list's rows kept beside the content cache fill the list while the exercise models
    # and pydantic load (about 150 ms): the list is there before the content is
    probe = started_app_probe(
        "listFilled",
        """
tree = self.home.exercise_tree
print(self._content_shown, tree.topLevelItem(0).text(0), tree.currentItem().text(0), flush=True)
""",
    )
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = run_probe(probe, str(tmp_path / "data"), env=cache)  # (fills the cache)
    second = run_probe(probe, str(tmp_path / "data"), env=cache)
    assert first.startswith("True Nederlands ")  # read, then listed
    assert second == first.replace("True", "False", 1)  # listed before read, the same list


def test_only_a_data_folder_goes_straight_to_the_app_anything_else_to_the_commands() -> None:
    from trainer.__main__ import app_only

    assert app_only([]) == (True, None)
    assert app_only(["--data-dir", "/srv/examen"]) == (True, "/srv/examen")
    assert app_only(["--data-dir=/srv/examen"]) == (True, "/srv/examen")
    for other in (["--help"], ["list"], ["--data-dir"], ["--data-dir", "--help"], ["-h"],
                  ["--data-dir", "x", "list"], ["--data-dir="], ["--version"]):  # fmt: skip
        assert app_only(other) == (False, None), other


def test_python_m_trainer_still_answers_the_command_line() -> None:
    helped = subprocess.run(
        [sys.executable, "-m", "trainer", "--help"], cwd=REPO, capture_output=True, text=True
    )
    assert helped.returncode == 0 and "usage: simultaan" in helped.stdout
    wrong = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir"], cwd=REPO, capture_output=True, text=True
    )
    assert wrong.returncode == 2 and "--data-dir" in wrong.stderr


def test_a_module_imported_after_qt_does_not_have_its_source_kept_in_memory() -> None:
    # PySide6 reads the source of every module imported after it (for its __feature__
    # switches), and linecache keeps them all: 18 MB after a drill
    probe = (
        "import linecache\n"
        "from trainer.ui.app import create_application\n"
        "create_application()\n"
        "import trainer.core.typing_metrics, trainer.ui.results_view, json.tool\n"
        "print(len([f for f in linecache.cache if f.endswith('.py')]))\n"
    )
    # (before: every module imported, about 160 files; then the five it read before the
    # scan was stopped, typing and enum among them: 0.5 MB)
    assert int(run_probe(probe)) == 0


def test_the_started_app_keeps_a_log_and_watches_for_errors(tmp_path: Path) -> None:
    """The log and the error handler start once the list is filled (not before: they cost the
    first frame 25-35 ms, and the list's reading thread as much), so this is the app as
    started, not the handler called by a test."""
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['simultaan', '--data-dir', sys.argv[1]]\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import trainer.ui.main_window as mw\n"
        "def report():\n"
        "    hooked = sys.excepthook is not sys.__excepthook__\n"
        "    print('hooked' if hooked else 'not hooked', flush=True)\n"
        "    QApplication.exit(0)\n"
        "original = mw.MainWindow.__init__\n"
        "def init(self, *a, **k):\n"
        "    original(self, *a, **k)\n"
        "    self.contentLoaded.connect(lambda: QTimer.singleShot(2000, report))\n"
        "mw.MainWindow.__init__ = init\n"
        "runpy.run_module('trainer', run_name='__main__')\n"
    )
    assert run_probe(probe, str(tmp_path)) == "hooked"
    assert "started" in (tmp_path / "simultaan.log").read_text(encoding="utf-8")


def test_a_started_app_keeps_the_files_its_first_window_needed_then_its_list(
    tmp_path: Path,
) -> None:
    """For the next cold start (trainer/startup_files.py): Qt's libraries and Simultaan's own
    modules, then what only came after the first frame (the exercise list's pydantic), which
    the reader gets to while the first window is drawn."""
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['simultaan', '--data-dir', sys.argv[1]]\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import trainer.ui.main_window as mw\n"
        "original = mw.MainWindow.__init__\n"
        "def init(self, *a, **k):\n"
        "    original(self, *a, **k)\n"
        "    self.contentLoaded.connect(lambda: QTimer.singleShot(500, QApplication.quit))\n"
        "mw.MainWindow.__init__ = init\n"
        "runpy.run_module('trainer', run_name='__main__')\n"
    )
    run_probe(probe, str(tmp_path / "data"))
    listed = Path(os.environ["XDG_CACHE_HOME"]) / "simultaan" / "startup-files.txt"
    names = [Path(line).name for line in listed.read_text(encoding="utf-8").splitlines()[1:]]
    window = names.index("libQt6Widgets.so.6")
    assert names.index(next(n for n in names if n.startswith("main_window."))) < window
    pydantic = next(i for i, name in enumerate(names) if name.startswith("_pydantic_core"))
    models = next(i for i, name in enumerate(names) if name.startswith("exercise."))
    assert window < pydantic and window < models  # (the first window's files come first)


def _imports_qt_namespace_at_top(source: str) -> bool:
    """Whether a module's own top level runs ``from PySide6.QtCore import Qt`` (under ``if
    TYPE_CHECKING:`` it does not run, and inside a function it runs when called)."""
    import ast

    def top(body: list[ast.stmt]) -> bool:
        for node in body:
            if isinstance(node, ast.ImportFrom) and node.module == "PySide6.QtCore":
                if any(alias.name == "Qt" for alias in node.names):
                    return True
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                if top(node.body) or top(node.orelse):
                    return True
            elif isinstance(node, ast.Try) and top(node.body):
                return True
        return False

    return top(ast.parse(source).body)


def test_no_module_before_the_first_frame_makes_the_qt_namespace(tmp_path: Path) -> None:
    """``from PySide6.QtCore import Qt`` makes every enum of Qt's namespace, about 10 ms of
    the first frame (issue 10: the home screen's import of it took the first window from 132
    to 148 ms). A module loaded before the first frame uses the enums of the classes it has
    (QFrame.Shape, QSizePolicy.Policy) or imports Qt where it is used after the frame."""
    probe = started_app_probe(
        "firstFrameShown",
        """
mods = [m for m in list(sys.modules.values())
        if m.__name__.startswith('trainer') and getattr(m, '__file__', None)]
print('\\n'.join(sorted(m.__file__ for m in mods)), flush=True)
""",
    )
    loaded = run_probe(probe, str(tmp_path)).splitlines()
    assert any(name.endswith("home_view.py") for name in loaded)  # the probe saw the frame
    # (the probe's own import of main_window is the app's too: it is loaded before the frame)
    offenders = [
        name
        for name in loaded
        if _imports_qt_namespace_at_top(Path(name).read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_opening_the_store_does_not_wait_for_the_exercise_models() -> None:
    """The app opens the store right after its first frame, before the exercises are read:
    the store's modules must not bring pydantic and the rubric's models with them (they did,
    through the coach's assessments: 75 ms more before the list could fill)."""
    probe = "import sys\nimport trainer.store\nprint('pydantic' in sys.modules)\n"
    assert run_probe(probe) == "False"
