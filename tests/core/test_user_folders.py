"""Simultaan's per-user folders are where platformdirs has them, found without importing it."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from trainer.user_folders import Kind, user_folder, xdg_folder

ASKED = {"data": platformdirs.user_data_dir, "cache": platformdirs.user_cache_dir}

# (XDG_DATA_HOME, XDG_CACHE_HOME, HOME), None for unset: what a trainee's session may hold
SESSIONS = [
    (None, None, "/home/sofie"),
    (None, None, "/home/sofie/"),
    (None, None, "/"),
    ("/srv/opleiding/data", "/var/tmp/cache", "/home/sofie"),
    ("/srv/opleiding/data/", "/var/tmp/cache/", "/home/sofie"),
    ("", "", "/home/sofie"),  # empty: as unset
    ("relatief/data", "cache", "/home/sofie"),  # relative: not used
    ("/srv/data", None, None),
    (None, None, "relatief"),  # a relative HOME: platformdirs answers
    (None, None, None),
]


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is Linux's")
@pytest.mark.parametrize(("data_home", "cache_home", "home"), SESSIONS)
@pytest.mark.parametrize("kind", ["data", "cache"])
def test_the_folder_is_the_one_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch,
    kind: Kind,
    data_home: str | None,
    cache_home: str | None,
    home: str | None,
) -> None:
    for name, value in (("XDG_DATA_HOME", data_home), ("XDG_CACHE_HOME", cache_home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    assert user_folder(kind) == ASKED[kind]("simultaan", appauthor=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is Linux's")
def test_a_usual_session_is_answered_without_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/sofie")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/tmp/cache")
    assert xdg_folder("data") == "/home/sofie/.local/share/simultaan"
    assert xdg_folder("cache") == "/var/tmp/cache/simultaan"
    monkeypatch.setenv("HOME", "relatief")
    assert xdg_folder("data") is None  # platformdirs decides that one
    monkeypatch.setenv("HOME", "/home/sofie")
    monkeypatch.setenv("ANDROID_DATA", "/data")
    monkeypatch.setenv("ANDROID_ROOT", "/system")
    assert xdg_folder("data") is None
