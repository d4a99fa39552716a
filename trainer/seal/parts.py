"""Sealed files: a finished exam part's journal and result, an evaluators' sign-off.

A seal (``FILE.seal`` beside the first file) is a JSON text: the names of the files it covers
(relative to its folder) with the SHA-256 and length of their bytes, when it was sealed, the
sealing station's certificate, and the station's Ed25519 signature over all of that. The
journal stays the journal (the contract format); the seal only says whether it is still the
one written. ``check_seal`` says, per file, whether it is intact, changed, or unsigned (no
seal, or a seal no station of this centre made), and why.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature

from trainer.core.messages import Message
from trainer.paths import data_dir
from trainer.seal.keys import (
    SealError,
    Station,
    certificate_of,
    certificate_pem,
    check_issued,
    common_name,
    load_station,
    public_key,
    station_folder,
)

SEAL_FORMAT = "simultaan-seal-1"
SEAL_SUFFIX = ".seal"
MAX_SEAL_BYTES = 256 * 1024

Status = Literal["intact", "changed", "unsigned"]


@dataclass(frozen=True)
class FileCheck:
    """What a check found for one file: ``why`` is None when it is intact."""

    path: Path
    status: Status
    why: Message | None = None
    station: str = ""
    sealed_at: str = ""


def seal_path_of(path: Path) -> Path:
    """Where the seal of a part whose first file is ``path`` is written."""
    return path.with_name(path.name + SEAL_SUFFIX)


def seal_part(journal_path: Path, result_path: Path, station: Station | None = None) -> Path:
    """Seal a finished exam part's journal and result with this workstation's key (its
    enrolment in the data folder's ``exam/``); returns the seal written beside the journal."""
    journal_path, result_path = Path(journal_path), Path(result_path)
    return seal_files([journal_path, result_path], seal_path_of(journal_path), station)


def seal_files(
    paths: Sequence[Path],
    out: Path,
    station: Station | None = None,
    at: dt.datetime | None = None,
) -> Path:
    """Seal ``paths`` (all in ``out``'s folder or below it) into ``out``, as sealed ``at``
    (now: a test may seal at another time)."""
    station = station or load_station(station_folder(data_dir()))
    folder = out.parent
    files = [_file_entry(Path(p), folder) for p in paths]
    body: dict[str, Any] = {
        "format": SEAL_FORMAT,
        "sealed_at": (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "files": files,
        "certificate": certificate_pem(station.certificate),
    }
    body["signature"] = base64.b64encode(station.key.sign(_signed(body))).decode("ascii")
    _write_atomically(out, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode())
    return out


def check_seal(seal: Path, centre: Path) -> list[FileCheck]:
    """Every file ``seal`` covers, intact or not, against the centre's certificate."""
    from trainer.seal.keys import read_certificate

    centre_cert = read_certificate(centre)
    try:
        body = _read_seal(seal)
        files = [(str(f["name"]), str(f["sha256"]), int(f["bytes"])) for f in body["files"]]
        signature = base64.b64decode(body["signature"], validate=True)
        certificate = certificate_of(str(body["certificate"]).encode("ascii"), str(seal))
        sealed_at = dt.datetime.fromisoformat(str(body["sealed_at"]))
        if sealed_at.tzinfo is None:
            raise ValueError("sealed_at without a time zone")
    except (ValueError, KeyError, TypeError, binascii.Error, SealError) as exc:
        said = Message("seal_unreadable", {"seal": str(seal), "detail": str(exc)})
        return [FileCheck(seal, "changed", said)]
    paths = [_inside(seal.parent, name) for name, _, _ in files]
    station, when = common_name(certificate), _moment(sealed_at)
    try:
        public_key(certificate).verify(signature, _signed(body))
    except InvalidSignature:
        said = Message("seal_broken", {"seal": str(seal)})
        return [FileCheck(p or seal, "changed", said) for p in paths]
    try:
        check_issued(certificate, centre_cert, sealed_at)
    except SealError as exc:
        return [FileCheck(p or seal, "unsigned", exc.message, station, when) for p in paths]
    found: list[FileCheck] = []
    for path, (name, digest, size) in zip(paths, files, strict=True):
        said_file = {"file": name, "seal": seal.name, "station": station, "date": when}
        if path is None:
            found.append(FileCheck(seal, "changed", Message("seal_name_outside", said_file)))
        elif not path.is_file():
            found.append(FileCheck(path, "changed", Message("sealed_file_missing", said_file)))
        elif _digest(path) != (digest, size):
            found.append(FileCheck(path, "changed", Message("sealed_file_changed", said_file)))
        else:
            found.append(FileCheck(path, "intact", None, station, when))
    return found


def seal_names(seal: Path) -> list[str]:
    """The names a seal covers (relative to its folder), or none when it does not read."""
    try:
        return [str(f["name"]) for f in _read_seal(seal)["files"]]
    except (ValueError, KeyError, TypeError):
        return []


def _read_seal(seal: Path) -> dict[str, Any]:
    with seal.open("rb") as file:
        data = file.read(MAX_SEAL_BYTES + 1)
    if len(data) > MAX_SEAL_BYTES:
        raise ValueError("too large for a seal")
    body = json.loads(data.decode("utf-8"))
    if not isinstance(body, dict) or body.get("format") != SEAL_FORMAT:
        raise ValueError("not a Simultaan seal")
    return body


def _moment(sealed_at: dt.datetime) -> str:
    """When a seal was made, as a test centre reads it: "2026-11-30 22:10 UTC"."""
    return sealed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _signed(body: dict[str, Any]) -> bytes:
    """The bytes a seal's signature covers: everything in it but the signature, canonical."""
    unsigned = {k: v for k, v in body.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _file_entry(path: Path, folder: Path) -> dict[str, Any]:
    try:
        name = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        raise SealError(Message("seal_name_outside", _outside(path, folder))) from None
    try:
        digest, size = _digest(path)
    except OSError as exc:
        said = {"path": str(path), "detail": exc.strerror or str(exc)}
        raise SealError(Message("seal_cannot_read", said)) from None
    return {"name": name, "sha256": digest, "bytes": size}


def _outside(path: Path, folder: Path) -> dict[str, str]:
    return {"file": str(path), "seal": str(folder), "station": "", "date": ""}


def _inside(folder: Path, name: str) -> Path | None:
    """``name`` inside ``folder``, or None for a name that would leave it."""
    posix = PurePosixPath(name)
    if posix.is_absolute() or ".." in posix.parts or not posix.parts:
        return None
    return folder.joinpath(*posix.parts)


def _digest(path: Path) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as file:
        while chunk := file.read(1 << 16):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def _write_atomically(out: Path, data: bytes) -> None:
    """Write the seal whole or not at all: a half-written seal would call a part changed."""
    temporary = out.with_name(out.name + ".part")
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        said = {"path": str(out), "detail": exc.strerror or str(exc)}
        raise SealError(Message("seal_cannot_write", said)) from None
