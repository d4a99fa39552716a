"""Signed exam packages: the centre signs, a workstation checks before it runs one.

``sign_package`` (on the centre's machine) writes ``PACKAGE.sig`` beside the package;
``check_package`` (on a workstation, before the exam) reads both and returns the package's
bytes only when the centre's key signed exactly these bytes. The centre is the one this
workstation was enrolled by (``centre.crt`` in the data folder's ``exam/``), or the one given.
"""

from __future__ import annotations

from pathlib import Path

from trainer.core.messages import Message
from trainer.paths import data_dir
from trainer.seal.keys import (
    CENTRE_CERT,
    SealError,
    public_key,
    read_certificate,
    read_private_key,
    station_folder,
)
from trainer.seal.signatures import MAX_SIGNATURE_BYTES, check_bytes, sign_bytes, signature_path

MAX_PACKAGE_BYTES = 1024 * 1024  # a package names exercises; it holds no audio


def sign_package(path: Path, centre_key: Path) -> Path:
    """Sign ``path`` with the centre's key; returns the ``.sig`` written beside it."""
    key = read_private_key(centre_key)
    data = _read(path, MAX_PACKAGE_BYTES, "package")
    out = signature_path(path)
    try:
        out.write_bytes(sign_bytes(data, key))
    except OSError as exc:
        said = {"path": str(out), "detail": exc.strerror or str(exc)}
        raise SealError(Message("signature_cannot_write", said)) from None
    return out


def check_package(path: Path, centre: Path | None = None) -> bytes:
    """The package's bytes, when the exam centre signed them; else a SealError naming the
    package and what failed (no signature, altered, signed by another key). ``centre``: the
    centre's certificate (else this workstation's, ``DATA/exam/centre.crt``)."""
    path = Path(path)
    centre_cert = centre or station_folder(data_dir()) / CENTRE_CERT
    data = _read(path, MAX_PACKAGE_BYTES, "package")
    sig = signature_path(path)
    if not sig.exists():
        raise SealError(Message("package_unsigned", {"package": str(path), "sig": sig.name}))
    signature = _read(sig, MAX_SIGNATURE_BYTES, "signature")
    if not centre_cert.is_file():
        raise SealError(Message("centre_unknown", {"path": str(centre_cert)}))
    key = public_key(read_certificate(centre_cert))
    checked = check_bytes(data, signature, key)
    said = {"package": str(path), "path": str(sig)}
    if checked == "altered":
        raise SealError(Message("package_altered", said))
    if checked == "foreign":
        raise SealError(Message("package_foreign_key", said))
    if checked == "unreadable":
        raise SealError(Message("package_signature_unreadable", {**said, "detail": ""}))
    return data


def _read(path: Path, limit: int, what: str) -> bytes:
    """A file's bytes (at most ``limit``); ``what``: "package" or "signature", for the
    message when it cannot be read."""
    detail = ""
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        detail = exc.strerror or str(exc)
    else:
        if len(data) <= limit:
            return data
        detail = f"> {limit} bytes"
    said = {"package": str(path), "path": str(path), "detail": detail}
    if what == "signature":
        raise SealError(Message("package_signature_unreadable", said))
    raise SealError(Message("package_unreadable", said))
