"""``simultaan verify`` and the centre's ``exam keygen / enrol / sign`` as an exam room runs
them: real processes, the centre's key made and kept apart, a workstation enrolled into its
data folder, a recorded journal and its replayed result sealed as the exam run seals a part.
A journal edited by one character, a package altered by one byte and a package signed by
another centre's key are each named, with exit 1; French and Dutch through ``--lang``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.test_cli import run
from trainer.seal.parts import seal_part

RECORDED = REPO / "tests" / "core" / "recorded" / "dictation-nl-dictee-01.jsonl"
EXERCISE = "nl-dictee-01-begroeting-en-printer"


@pytest.fixture
def room(tmp_path: Path, data_dir: Path) -> Path:
    """The centre's folder (outside the workstation's data folder), the workstation enrolled."""
    done = run("exam", "keygen", "--out", tmp_path / "centre", "--name", "Examencentrum Gent")
    assert done.returncode == 0, done.stderr
    assert "keep it off every workstation" in done.stdout
    key = tmp_path / "centre" / "centre.key"
    done = run("exam", "enrol", "--key", key, "--name", "PC 07", "--out", data_dir / "exam")
    assert done.returncode == 0, done.stderr
    assert not (data_dir / "exam" / "centre.key").exists()  # the centre's key stays home
    return tmp_path / "centre"


def sealed_part(folder: Path) -> tuple[Path, Path]:
    """A recorded dictation's journal and its result (replayed by the command), sealed."""
    folder.mkdir()
    journal = folder / "K-0412-deel-2.jsonl"
    shutil.copyfile(RECORDED, journal)
    done = run("replay", EXERCISE, journal, "--json")
    assert done.returncode == 0, done.stderr
    result = folder / "K-0412-deel-2.result.json"
    result.write_text(done.stdout, encoding="utf-8")
    seal_part(journal, result)
    return journal, result


def verify(*args: str | Path) -> tuple[int, list[str], str]:
    done = run("verify", *args)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout.splitlines(), done.stderr


def test_a_sealed_part_is_intact(room: Path, tmp_path: Path) -> None:
    journal, result = sealed_part(tmp_path / "parts")
    code, lines, _ = verify(journal, result)
    assert code == 0
    assert run("replay", EXERCISE, journal).stderr == ""  # nothing to say of an intact one
    assert lines[0].startswith(f"{journal}: intact (sealed by 'PC 07' on ")
    assert lines[1].startswith(f"{result}: intact")


def test_a_journal_edited_by_one_character_is_changed(room: Path, tmp_path: Path) -> None:
    journal, result = sealed_part(tmp_path / "parts")
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text.replace('"text":"G"', '"text":"g"', 1), encoding="utf-8")
    replayed = run("replay", EXERCISE, journal)  # it still replays, but says so...
    assert replayed.returncode == 0
    assert replayed.stderr.startswith(f"warning: {journal}: changed: changed since 'PC 07' ")
    code, lines, _ = verify(journal, result)  # ...but verify says so
    assert code == 1
    assert lines[0].startswith(f"{journal}: changed: changed since 'PC 07' sealed it on ")
    assert lines[1].startswith(f"{result}: intact")
    code, lines, _ = verify("--lang", "nl", journal)
    assert lines[0].startswith(f"{journal}: gewijzigd: gewijzigd sinds 'PC 07' het verzegelde op ")
    code, lines, _ = verify("--lang", "fr", journal)
    assert lines[0].startswith(f"{journal} : modifié : modifié depuis que « PC 07 » l'a scellé le ")


def test_a_journal_never_sealed_is_unsigned(room: Path, tmp_path: Path) -> None:
    journal = tmp_path / "los.jsonl"
    shutil.copyfile(RECORDED, journal)
    code, lines, _ = verify(journal, "--json")
    assert code == 1
    (found,) = json.loads("\n".join(lines))
    assert (found["status"], found["reason"]) == ("unsigned", "no_seal")


def _package(folder: Path, exercise: str = EXERCISE) -> Path:
    """A small package as a centre writes one: a dictation of ten minutes."""
    from trainer.core.exam_package import supervisor_code_hash

    package = folder / "nl-onthaal.exam.yaml"
    package.write_text(
        "format: 1\nid: nl-onthaal\ntitle: Onthaal, proefexamen\nlanguage: nl\n"
        f'seed: 7\nsupervisor_code: "{supervisor_code_hash("nl-onthaal", "482913")}"\n'
        f"parts:\n  - exercise: {exercise}\n    time_limit: 600\n",
        encoding="utf-8",
    )
    return package


def test_a_package_altered_by_one_byte_is_changed(room: Path, tmp_path: Path) -> None:
    package = _package(tmp_path)
    done = run("exam", "sign", package, "--key", room / "centre.key")
    assert done.returncode == 0 and "signed" in done.stdout
    assert verify(package)[0] == 0
    data = bytearray(package.read_bytes())
    data[-3] ^= 0x01  # time_limit: 600 -> 610
    package.write_bytes(bytes(data))
    assert package.read_text(encoding="utf-8").endswith("time_limit: 610\n")
    code, lines, _ = verify(package)
    assert code == 1
    assert lines == [
        f"{package}: changed: exam package {package}: changed after signing (the signature "
        f"{package}.sig no longer matches)"
    ]


def test_a_package_signed_with_another_key_is_refused(room: Path, tmp_path: Path) -> None:
    assert run("exam", "keygen", "--out", tmp_path / "other", "--name", "Elders").returncode == 0
    package = _package(tmp_path)
    run("exam", "sign", package, "--key", tmp_path / "other" / "centre.key")
    code, lines, _ = verify(package)
    assert code == 1
    assert lines == [
        f"{package}: unsigned: exam package {package}: signed with another key than the "
        "exam centre's"
    ]
    # the other centre's certificate trusts it
    assert verify(package, "--centre-cert", tmp_path / "other" / "centre.crt")[0] == 0


def test_without_the_centres_certificate_nothing_is_trusted(tmp_path: Path) -> None:
    journal = tmp_path / "los.jsonl"
    shutil.copyfile(RECORDED, journal)
    code, lines, err = verify(journal)
    assert code == 1 and lines == []
    assert "the exam centre's certificate is missing" in err and "--centre-cert" in err


def test_a_key_is_never_overwritten_and_usage_mistakes_exit_2(room: Path) -> None:
    done = run("exam", "keygen", "--out", room, "--name", "Opnieuw")
    assert done.returncode == 1 and "already exists" in done.stderr
    assert "Traceback" not in done.stderr
    assert run("verify").returncode == 2
    assert run("exam").returncode == 2
    assert run("exam", "enrol", "--key", room / "centre.key", "--name", "X").returncode == 2


def test_a_package_the_room_could_not_run_is_not_signed(room: Path, tmp_path: Path) -> None:
    package = _package(tmp_path, "nl-bestaat-niet")
    done = run("exam", "sign", package, "--key", room / "centre.key")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{package}:8: there is no exercise" in done.stderr and "nl-bestaat-niet" in done.stderr
    assert not package.with_name(package.name + ".sig").exists()
