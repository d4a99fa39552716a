"""PySide6's own Python compiled once (trainer/qt_compiled.py): what is served from the cache
and what is compiled anew, as ``compile`` itself would. The import of PySide6 with the cache
is tested in a fresh process (tests/e2e/test_qt_compiled.py): this one has imported it."""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from trainer import qt_compiled
from trainer.qt_compiled import Compiled

SOURCE = b"def greet(name: str) -> str:\n    return 'dag ' + name\n"


class CountingCompile:
    """The built-in ``compile``, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return builtins.compile(*args, **kwargs)


def _run(code: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    exec(code, found)
    return found


def _compiled_without_the_future(serving: Any, source: bytes) -> Any:
    """``serving`` called from code of its own without ``from __future__ import annotations``
    (this module has it, and a caller passes its features on)."""
    caller = builtins.compile(
        "code = serving(source, 'greeting.py', 'exec')", "<caller>", "exec", dont_inherit=True
    )
    found = {"serving": serving, "source": source}
    exec(caller, found)
    return found["code"]


def test_a_source_compiled_before_is_served_without_compiling() -> None:
    first_start = Compiled()
    real = CountingCompile()
    code = first_start.serving(real)(SOURCE, "greeting.py", "exec")
    assert real.calls == 1 and first_start.compiled == 1

    next_start = Compiled(first_start.used)
    served = next_start.serving(real)(SOURCE, "greeting.py", "exec")

    assert real.calls == 1  # not compiled again
    assert (next_start.served, next_start.compiled) == (1, 0)
    assert marshal.dumps(served) == marshal.dumps(code)
    assert _run(served)["greet"]("Els") == "dag Els"


def test_a_changed_source_is_compiled_anew() -> None:
    first_start = Compiled()
    first_start.serving(builtins.compile)(SOURCE, "greeting.py", "exec")
    changed = SOURCE.replace(b"dag ", b"goeiemorgen ")

    next_start = Compiled(first_start.used)
    code = next_start.serving(builtins.compile)(changed, "greeting.py", "exec")

    assert (next_start.served, next_start.compiled) == (0, 1)
    assert _run(code)["greet"]("Els") == "goeiemorgen Els"


def test_the_callers_future_features_reach_the_code_as_with_the_builtin() -> None:
    # PySide6's importer compiles from a module with ``from __future__ import annotations``:
    # its code has annotations as strings, and the cache must not hand one caller's code to
    # another whose features differ
    start = Compiled()
    serving = start.serving(builtins.compile)
    with_future = serving(SOURCE, "greeting.py", "exec")  # (this module has the feature)
    without = _compiled_without_the_future(serving, SOURCE)

    assert _run(with_future)["greet"].__annotations__ == {"name": "str", "return": "str"}
    assert _run(without)["greet"].__annotations__ == {"name": str, "return": str}
    assert start.compiled == 2  # (the second is not the first served again)
    served = Compiled(start.used).serving(builtins.compile)
    assert _run(served(SOURCE, "greeting.py", "exec"))["greet"].__annotations__["name"] == "str"


def test_the_future_features_are_pythons() -> None:
    import __future__

    flags = 0
    for name in __future__.all_feature_names:
        if name not in ("nested_scopes", "generators"):  # (always on: no flag to pass on)
            flags |= getattr(__future__, name).compiler_flag
    assert flags == qt_compiled.FUTURE_FLAGS


def test_other_calls_are_compiled_as_always() -> None:
    start = Compiled()
    real = CountingCompile()
    tree = start.serving(real)("x = 1", "<ast>", "exec", 0x400)  # PyCF_ONLY_AST
    assert type(tree).__name__ == "Module"
    assert start.used == {} and real.calls == 1


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal at all",
        marshal.dumps(("simultaan qt compiled 1", 0x30A00F0, {})),  # another Python's
        marshal.dumps(("something else", sys.hexversion, {})),
        marshal.dumps((qt_compiled.FORMAT, sys.hexversion, {("a.py", "exec", 0, 0): 12})),
    ],
    ids=["garbage", "another Python", "another format", "a damaged entry"],
)
def test_a_cache_file_that_is_not_ours_is_not_read(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "qt-compiled.marshal"
    path.write_bytes(content)
    assert qt_compiled._read(str(path)) == {}


def test_a_cache_file_others_can_write_is_not_read(tmp_path: Path) -> None:
    start = Compiled()
    start.serving(builtins.compile)(SOURCE, "greeting.py", "exec")
    path = tmp_path / "qt-compiled.marshal"
    path.write_bytes(marshal.dumps((qt_compiled.FORMAT, sys.hexversion, start.used)))
    path.chmod(0o600)
    assert list(qt_compiled._read(str(path))) == list(start.used)  # (the user's own: read)
    path.chmod(0o620)  # writable by the group: its code could be anyone's
    assert qt_compiled._read(str(path)) == {}


def test_compile_is_the_builtin_again_after_the_import_even_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = builtins.compile
    monkeypatch.setitem(sys.modules, "PySide6.QtWidgets", None)  # (the import fails)
    with pytest.raises(ImportError):
        qt_compiled.import_qt(str(tmp_path / "qt-compiled.marshal"))
    assert builtins.compile is real


def _a_start_that_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    start = Compiled()
    start.serving(builtins.compile)(SOURCE, "greeting.py", "exec")
    monkeypatch.setattr(qt_compiled, "_start", start)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_what_a_start_compiled_is_kept_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_start_that_compiled(monkeypatch)
    path = tmp_path / "cache" / "qt-compiled.marshal"

    qt_compiled.save(str(path))

    kept = qt_compiled._read(str(path))
    assert [key[0] for key in kept] == ["greeting.py"]
    assert Compiled(kept).serving(None)(SOURCE, "greeting.py", "exec") is not None
    assert path.stat().st_mode & 0o777 == 0o600  # (the user's own, as the rest of the cache)
    assert sorted(os.listdir(path.parent)) == ["qt-compiled.marshal"]


def test_nothing_is_written_where_python_writes_no_compiled_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_start_that_compiled(monkeypatch)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE
    qt_compiled.save(str(tmp_path / "qt-compiled.marshal"))
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_cannot_be_written_costs_only_the_saving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_start_that_compiled(monkeypatch)
    (tmp_path / "qt-compiled.marshal").mkdir()  # (the file cannot take its place)

    qt_compiled.save(str(tmp_path / "qt-compiled.marshal"))  # no error

    assert os.listdir(tmp_path) == ["qt-compiled.marshal"]  # the part written is gone
