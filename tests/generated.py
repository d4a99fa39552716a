"""Data folders made by ``scripts/generate_store.py`` for tests and benchmarks."""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO
from trainer import __version__

SCRIPTS = REPO / "scripts"


def generator() -> ModuleType:
    """The generator script as a module (it is a script, not part of the package)."""
    if "generate_store" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "generate_store", SCRIPTS / "generate_store.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["generate_store"] = module
        spec.loader.exec_module(module)
    return sys.modules["generate_store"]


def generate(
    folder: Path, sessions: int, trainees: int, seed: int = 1, jobs: int | None = None
) -> Path:
    """A data folder of ``sessions`` generated sessions (journals and store), simulated in
    ``jobs`` processes (default: one per core)."""
    generator().generate(folder, sessions, trainees, seed=seed, jobs=jobs, progress=False)
    return folder


def cached(sessions: int, trainees: int, seed: int = 1) -> Path:
    """A generated data folder kept under /tmp between runs, named by what makes it: the
    generator's version, a fingerprint of its two scripts and the app's version (a changed
    generator or scoring makes a new one). Made in a folder beside it and renamed, so a run
    killed half-way never leaves half a store to the next."""
    made_by = hashlib.sha256(
        b"".join((SCRIPTS / n).read_bytes() for n in ("generate_store.py", "simulated_trainee.py"))
        + __version__.encode()
    ).hexdigest()[:12]
    version = generator().VERSION
    folder = Path("/tmp") / f"simultaan-store-v{version}-{made_by}-{sessions}-{trainees}-{seed}"
    if folder.is_dir():
        return folder
    # one maker at a time: the test run's other workers wait for it and take its folder
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not folder.is_dir():
            partial = folder.with_name(folder.name + ".partial")
            shutil.rmtree(partial, ignore_errors=True)
            generate(partial, sessions, trainees, seed)
            partial.rename(folder)
    return folder
