"""What ``simultaan verify`` checks: sealed parts, signed packages and export bundles.

Each file given gets its checks (``FileCheck``: intact, changed or unsigned, and why):
- a seal (``*.seal``): every file it covers;
- a signed package (a ``.sig`` beside it, or the ``.sig`` itself): the centre's signature;
- a bundle (a folder or a ``.zip``): every seal in it, its own seal over the whole (so a
  file taken out is missed), and any file no seal covers is unsigned;
- any other file (a journal, a result): the seal beside it that covers it.
Trust is the exam centre's certificate: the one given, or this station's (``centre.crt`` in
the data folder's ``exam/``).
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from trainer.core.messages import Message
from trainer.paths import data_dir
from trainer.seal.keys import CENTRE_CERT, SealError, station_folder
from trainer.seal.parts import SEAL_SUFFIX, FileCheck, check_seal, seal_names, seal_path_of
from trainer.seal.signatures import signature_path

BUNDLE_SEAL = "bundle.seal"
MAX_BUNDLE_BYTES = 2 * 1024**3  # unpacked: journals and PDFs of a room, not a disk's worth
MAX_BUNDLE_FILES = 20_000


def trusted_centre(given: Path | None = None, data_folder: str | None = None) -> Path:
    """The centre's certificate to check against: ``given``, else this station's (in the
    data folder named, else the usual one)."""
    path = given if given is not None else station_folder(data_dir(data_folder)) / CENTRE_CERT
    if not path.is_file():
        raise SealError(Message("centre_unknown", {"path": str(path)}))
    return path


def verify_paths(paths: Sequence[Path], centre: Path) -> list[FileCheck]:
    """The checks of every file given, in order."""
    found: list[FileCheck] = []
    for path in paths:
        found += verify_path(Path(path), centre)
    return found


def verify_path(path: Path, centre: Path) -> list[FileCheck]:
    """The checks of one file given to ``verify``."""
    if path.is_dir():
        return verify_bundle(path, centre)
    if not path.is_file():
        return [FileCheck(path, "unsigned", Message("verify_no_file", {"file": str(path)}))]
    if path.suffix.lower() == ".zip":
        return _verify_zip(path, centre)
    if path.name.endswith(SEAL_SUFFIX):
        return check_seal(path, centre)
    if path.suffix == ".sig":
        return [_check_package(path.with_suffix(""), centre)]
    if signature_path(path).is_file():
        return [_check_package(path, centre)]
    seal = _seal_covering(path)
    if seal is None:
        return [FileCheck(path, "unsigned", Message("no_seal", {"file": str(path)}))]
    mine = [c for c in check_seal(seal, centre) if c.path in (path, seal)]
    return mine or [FileCheck(path, "unsigned", Message("no_seal", {"file": str(path)}))]


def verify_bundle(folder: Path, centre: Path, shown: Path | None = None) -> list[FileCheck]:
    """A bundle folder whole: its own seal, every part's seal, nothing unsealed."""
    found: dict[Path, FileCheck] = {}
    whole = folder / BUNDLE_SEAL
    if whole.is_file():
        for check in check_seal(whole, centre):
            found[check.path] = check
    else:
        said = Message("bundle_unsealed", {"bundle": str(shown or folder)})
        found[whole] = FileCheck(shown or folder, "unsigned", said)
    for seal in sorted(folder.rglob("*" + SEAL_SUFFIX)):
        if seal == whole:
            continue
        for check in check_seal(seal, centre):
            if found.get(check.path) is None or check.status != "intact":
                found[check.path] = check
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path not in found and not path.name.endswith(SEAL_SUFFIX):
            found[path] = FileCheck(path, "unsigned", Message("no_seal", {"file": str(path)}))
    checks = list(found.values())
    if shown is None:
        return checks
    return [_renamed(c, folder, shown) for c in checks]


def _verify_zip(path: Path, centre: Path) -> list[FileCheck]:
    with tempfile.TemporaryDirectory(prefix="simultaan-verify-") as temporary:
        try:
            _unpack(path, Path(temporary))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            said = Message("bundle_unreadable", {"bundle": str(path), "detail": str(exc)})
            return [FileCheck(path, "changed", said)]
        return verify_bundle(Path(temporary), centre, shown=path)


def _unpack(path: Path, folder: Path) -> None:
    """A bundle's files into ``folder``, refusing names that leave it and sizes beyond reason."""
    with zipfile.ZipFile(path) as bundle:
        members = bundle.infolist()
        if len(members) > MAX_BUNDLE_FILES:
            raise ValueError(f"more than {MAX_BUNDLE_FILES} files")
        if sum(m.file_size for m in members) > MAX_BUNDLE_BYTES:
            raise ValueError("too large unpacked")
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts:
                raise ValueError(f"a name outside the bundle: {member.filename}")
        bundle.extractall(folder)


def _renamed(check: FileCheck, folder: Path, shown: Path) -> FileCheck:
    try:
        inner = check.path.relative_to(folder).as_posix()
    except ValueError:
        return check
    shown_path = Path(f"{shown}:{inner}")
    return FileCheck(shown_path, check.status, check.why, check.station, check.sealed_at)


def _seal_covering(path: Path) -> Path | None:
    """The seal beside ``path`` that names it: its own, else any in the folder."""
    own = seal_path_of(path)
    if own.is_file():
        return own
    for seal in _seals_in(path.parent):
        if path.name in seal_names(seal):
            return seal
    return None


def _seals_in(folder: Path) -> Iterable[Path]:
    return sorted(folder.glob("*" + SEAL_SUFFIX))


def _check_package(package: Path, centre: Path) -> FileCheck:
    from trainer.seal.packages import check_package

    try:
        check_package(package, centre)
    except SealError as exc:
        if exc.message.code == "package_altered":
            return FileCheck(package, "changed", exc.message)
        return FileCheck(package, "unsigned", exc.message)
    return FileCheck(package, "intact")
