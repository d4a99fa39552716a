"""The exam centre's key, the stations' keys and certificates, and where a station keeps them.

A station's enrolment folder (``enrol``) holds ``station.key`` (its private key),
``station.crt`` (its certificate, issued by the centre) and ``centre.crt`` (the centre's own,
self-signed certificate: the one thing every check trusts). On a workstation it is the data
folder's ``exam/`` folder (``station_folder``). Certificates are X.509 through the
``cryptography`` package, so a centre can read them with any tool (``openssl x509 -text``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.x509.oid import NameOID

from trainer.core.messages import Message, Said

CENTRE_KEY = "centre.key"
CENTRE_CERT = "centre.crt"
STATION_KEY = "station.key"
STATION_CERT = "station.crt"
STATION_FOLDER = "exam"  # in the data folder
CENTRE_YEARS = 10
STATION_DAYS = 400  # a school year and its resits; enrolled again after
MAX_PEM_BYTES = 64 * 1024


class SealError(Said):
    """A key, certificate, signature or seal that cannot be used; the message says which."""


@dataclass(frozen=True)
class Station:
    """A station's own key with its certificate, and the centre it was enrolled by."""

    key: Ed25519PrivateKey
    certificate: x509.Certificate
    centre: x509.Certificate

    @property
    def name(self) -> str:
        return common_name(self.certificate)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def key_id(key: Ed25519PublicKey) -> str:
    """A short fingerprint of a public key: the first 16 hex digits of its SHA-256."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def common_name(certificate: x509.Certificate) -> str:
    found = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(found[0].value) if found else ""


def public_key(certificate: x509.Certificate) -> Ed25519PublicKey:
    key = certificate.public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise SealError(Message("certificate_not_ed25519", {"name": common_name(certificate)}))
    return key


def make_centre(folder: Path, name: str) -> tuple[Path, Path]:
    """A new exam centre: ``centre.key`` (for the centre's machine only) and ``centre.crt``
    (for every station). Never overwrites a key: a lost centre key orphans every seal."""
    key = Ed25519PrivateKey.generate()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    start = now() - dt.timedelta(minutes=5)  # (a station's clock a little behind)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * CENTRE_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, None)
    )
    key_path, cert_path = folder / CENTRE_KEY, folder / CENTRE_CERT
    _refuse_existing(key_path, cert_path)
    folder.mkdir(parents=True, exist_ok=True)
    _write(key_path, _private_pem(key), private=True)
    _write(cert_path, certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def enrol(centre_key_path: Path, folder: Path, name: str, days: int = STATION_DAYS) -> Path:
    """Enrol a station: its own key pair and a certificate the centre signs, in ``folder``
    with a copy of ``centre.crt`` (found beside the centre's key). Copy the folder to the
    station's data folder as ``exam/``; the centre's key stays where it is."""
    centre_key = read_private_key(centre_key_path)
    centre = read_certificate(centre_key_path.with_name(CENTRE_CERT))
    if key_id(public_key(centre)) != key_id(centre_key.public_key()):
        raise SealError(Message("centre_key_mismatch", {"path": str(centre_key_path)}))
    key = Ed25519PrivateKey.generate()
    start = now() - dt.timedelta(minutes=5)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(centre.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(centre_key, None)
    )
    paths = folder / STATION_KEY, folder / STATION_CERT, folder / CENTRE_CERT
    _refuse_existing(paths[0], paths[1])
    folder.mkdir(parents=True, exist_ok=True)
    _write(paths[0], _private_pem(key), private=True)
    _write(paths[1], certificate.public_bytes(serialization.Encoding.PEM))
    _write(paths[2], centre.public_bytes(serialization.Encoding.PEM))
    return folder


def station_folder(data_folder: Path) -> Path:
    """Where a workstation keeps its enrolment: the data folder's ``exam/``."""
    return data_folder / STATION_FOLDER


def load_station(folder: Path, at: dt.datetime | None = None) -> Station:
    """This station's key and certificate, checked against its centre and valid ``at`` (now);
    a SealError says what is missing, expired or foreign before anything is sealed with it."""
    key_path = folder / STATION_KEY
    if not key_path.is_file():
        raise SealError(Message("station_not_enrolled", {"folder": str(folder)}))
    if (folder / CENTRE_KEY).exists():  # whoever sits here could sign packages and stations
        said = {"path": str(folder / CENTRE_KEY)}
        raise SealError(Message("centre_key_on_station", said))
    key = read_private_key(key_path)
    certificate = read_certificate(folder / STATION_CERT)
    centre = read_certificate(folder / CENTRE_CERT)
    check_issued(certificate, centre, at or now())
    if key_id(public_key(certificate)) != key_id(key.public_key()):
        raise SealError(Message("station_key_mismatch", {"folder": str(folder)}))
    return Station(key, certificate, centre)


def check_issued(certificate: x509.Certificate, centre: x509.Certificate, at: dt.datetime) -> None:
    """That ``certificate`` was issued by ``centre`` and both were valid ``at``."""
    name = common_name(certificate)
    try:
        certificate.verify_directly_issued_by(centre)
    except (ValueError, TypeError, InvalidSignature):
        said = {"name": name, "centre": common_name(centre)}
        raise SealError(Message("certificate_foreign", said)) from None
    for checked in (centre, certificate):
        if at < checked.not_valid_before_utc:
            when = {"name": common_name(checked), "date": _day(checked.not_valid_before_utc)}
            raise SealError(Message("certificate_not_yet_valid", when))
        if at > checked.not_valid_after_utc:
            when = {"name": common_name(checked), "date": _day(checked.not_valid_after_utc)}
            raise SealError(Message("certificate_expired", when))


def read_private_key(path: Path) -> Ed25519PrivateKey:
    data = _read(path, "key")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        said = {"path": str(path), "detail": str(exc)}
        raise SealError(Message("key_unreadable", said)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SealError(Message("key_unreadable", {"path": str(path), "detail": "not Ed25519"}))
    return key


def read_certificate(path: Path) -> x509.Certificate:
    return certificate_of(_read(path, "certificate"), str(path))


def certificate_of(pem: bytes, where: str) -> x509.Certificate:
    try:
        certificate = x509.load_pem_x509_certificate(pem)
    except ValueError as exc:
        said = {"path": where, "detail": str(exc)}
        raise SealError(Message("certificate_unreadable", said)) from None
    public_key(certificate)
    return certificate


def certificate_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _day(moment: dt.datetime) -> str:
    return moment.date().isoformat()


def _read(path: Path, what: str) -> bytes:
    """A key's or certificate's PEM bytes; ``what``: "key" or "certificate", for the message
    when there is no such file."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_PEM_BYTES + 1)
    except FileNotFoundError:
        if what == "key":
            raise SealError(Message("key_missing", {"path": str(path)})) from None
        raise SealError(Message("certificate_missing", {"path": str(path)})) from None
    except OSError as exc:
        said = {"path": str(path), "detail": exc.strerror or str(exc)}
        raise SealError(Message("key_unreadable", said)) from None
    if len(data) > MAX_PEM_BYTES:
        raise SealError(Message("key_unreadable", {"path": str(path), "detail": "too large"}))
    return data


def _private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),  # (a station seals unattended; the file is 0600)
    )


def _refuse_existing(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            raise SealError(Message("key_exists", {"path": str(path)}))


def _write(path: Path, data: bytes, *, private: bool = False) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    descriptor = os.open(path, flags, 0o600 if private else 0o644)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
