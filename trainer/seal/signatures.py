"""Detached signatures (``FILE.sig``): the exam centre's Ed25519 signature over a file's bytes.

A ``.sig`` is a small JSON text: the format, the signing key's fingerprint (``keys.key_id``)
and the signature in base64. The fingerprint tells "signed by another key" from "altered":
the first is a package from elsewhere, the second one changed after signing.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from trainer.seal.keys import key_id

SIGNATURE_FORMAT = "simultaan-signature-1"
MAX_SIGNATURE_BYTES = 4096

Checked = Literal["intact", "altered", "foreign", "unreadable"]


def signature_path(path: Path) -> Path:
    return path.with_name(path.name + ".sig")


def sign_bytes(data: bytes, key: Ed25519PrivateKey) -> bytes:
    """The ``.sig`` file's content for ``data``."""
    signed = {
        "format": SIGNATURE_FORMAT,
        "key": key_id(key.public_key()),
        "signature": base64.b64encode(key.sign(data)).decode("ascii"),
    }
    return (json.dumps(signed, indent=2) + "\n").encode("ascii")


def check_bytes(data: bytes, signature: bytes, key: Ed25519PublicKey) -> Checked:
    """Whether ``signature`` (a ``.sig`` file's content) signs ``data`` with ``key``."""
    try:
        found = json.loads(signature.decode("utf-8"))
        if found.get("format") != SIGNATURE_FORMAT:
            return "unreadable"
        raw = base64.b64decode(found["signature"], validate=True)
        signer = str(found["key"])
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        return "unreadable"
    if signer != key_id(key):
        return "foreign"
    try:
        key.verify(raw, data)
    except InvalidSignature:
        return "altered"
    return "intact"
