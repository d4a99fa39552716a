"""Sealed exam parts and signed packages, checked as a test centre checks them: a journal
edited by one character, a package altered by one byte, a key of another centre, a station
whose certificate ran out: each caught and named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.exam_keys import centre, enrolled, finished_part
from trainer.seal import keys
from trainer.seal.keys import SealError
from trainer.seal.packages import check_package, sign_package
from trainer.seal.parts import seal_files, seal_part, seal_path_of
from trainer.seal.verify import verify_path


@pytest.fixture
def centre_key(tmp_path: Path) -> Path:
    return centre(tmp_path / "centre")


@pytest.fixture
def station(centre_key: Path, data_dir: Path) -> Path:
    return enrolled(centre_key, data_dir)


def test_a_sealed_part_is_intact_and_names_its_station(
    station: Path, centre_key: Path, tmp_path: Path
) -> None:
    journal, result = finished_part(tmp_path / "parts")
    seal = seal_part(journal, result)
    assert seal == journal.with_name("deel-1.jsonl.seal")
    checks = verify_path(journal, station / "centre.crt")
    assert [(c.path, c.status, c.station) for c in checks] == [
        (journal, "intact", "Lokaal 2 - PC 07")
    ]
    assert [c.status for c in verify_path(seal, centre_key.with_name("centre.crt"))] == [
        "intact",
        "intact",
    ]


def test_a_journal_edited_by_one_character_is_changed(station: Path, tmp_path: Path) -> None:
    journal, result = finished_part(tmp_path / "parts")
    seal_part(journal, result)
    data = journal.read_bytes()
    journal.write_bytes(data.replace(b'"text":"G"', b'"text":"H"'))
    (check,) = verify_path(journal, station / "centre.crt")
    assert check.status == "changed"
    assert check.why is not None and check.why.code == "sealed_file_changed"
    assert check.why.params["station"] == "Lokaal 2 - PC 07"
    # the result beside it is still what was sealed
    assert [c.status for c in verify_path(result, station / "centre.crt")] == ["intact"]


def test_a_result_rewritten_and_its_seal_recomputed_by_hand_is_caught(
    station: Path, tmp_path: Path
) -> None:
    """Changing the hash in the seal too breaks the seal's own signature."""
    import hashlib
    import json

    journal, result = finished_part(tmp_path / "parts")
    seal = seal_part(journal, result)
    result.write_text('{"passed": true, "error_rate": 0.0}', encoding="utf-8")
    body = json.loads(seal.read_text(encoding="utf-8"))
    body["files"][1]["sha256"] = hashlib.sha256(result.read_bytes()).hexdigest()
    body["files"][1]["bytes"] = result.stat().st_size
    seal.write_text(json.dumps(body), encoding="utf-8")
    (check,) = verify_path(result, station / "centre.crt")
    assert (check.status, check.why and check.why.code) == ("changed", "seal_broken")


def test_a_journal_without_seal_is_unsigned(station: Path, tmp_path: Path) -> None:
    journal, _ = finished_part(tmp_path / "parts")
    (check,) = verify_path(journal, station / "centre.crt")
    assert (check.status, check.why and check.why.code) == ("unsigned", "no_seal")


def test_a_seal_of_another_centres_station_is_not_trusted(station: Path, tmp_path: Path) -> None:
    other = centre(tmp_path / "other", "Oefencentrum Brugge")
    other_station = keys.load_station(keys.enrol(other, tmp_path / "other-station", "PC 99"))
    journal, result = finished_part(tmp_path / "parts")
    seal_part(journal, result, other_station)
    (check,) = verify_path(journal, station / "centre.crt")
    assert (check.status, check.why and check.why.code) == ("unsigned", "certificate_foreign")


def test_an_expired_station_certificate_seals_nothing(centre_key: Path, tmp_path: Path) -> None:
    folder = keys.enrol(centre_key, tmp_path / "old-station", "PC 01", days=1)
    later = keys.now() + dt.timedelta(days=2)
    with pytest.raises(SealError) as caught:
        keys.load_station(folder, at=later)
    assert caught.value.message.code == "certificate_expired"
    assert caught.value.message.params["name"] == "PC 01"


def test_a_station_not_enrolled_seals_nothing(data_dir: Path, tmp_path: Path) -> None:
    journal, result = finished_part(tmp_path / "parts")
    with pytest.raises(SealError) as caught:
        seal_part(journal, result)
    assert caught.value.message.code == "station_not_enrolled"
    assert not list((tmp_path / "parts").glob("*.seal"))


def test_keys_are_never_overwritten(centre_key: Path) -> None:
    with pytest.raises(SealError) as caught:
        keys.make_centre(centre_key.parent, "Nog een centrum")
    assert caught.value.message.code == "key_exists"


def _package(folder: Path) -> Path:
    package = folder / "nl-kantoor.exam.yaml"
    package.write_text("id: nl-kantoor\nparts:\n  - exercise: nl-copy-exam-1\n", encoding="utf-8")
    return package


def test_a_signed_package_is_read(station: Path, centre_key: Path, tmp_path: Path) -> None:
    package = _package(tmp_path)
    sign_package(package, centre_key)
    assert check_package(package) == package.read_bytes()


def test_a_package_altered_by_one_byte_is_refused(
    station: Path, centre_key: Path, tmp_path: Path
) -> None:
    package = _package(tmp_path)
    sign_package(package, centre_key)
    data = bytearray(package.read_bytes())
    data[-2] ^= 0x01  # "1" -> "0": another exercise
    package.write_bytes(bytes(data))
    with pytest.raises(SealError) as caught:
        check_package(package)
    assert caught.value.message.code == "package_altered"
    assert caught.value.message.params["package"] == str(package)


def test_a_package_signed_by_another_key_is_refused(station: Path, tmp_path: Path) -> None:
    package = _package(tmp_path)
    sign_package(package, centre(tmp_path / "other", "Oefencentrum Brugge"))
    with pytest.raises(SealError) as caught:
        check_package(package)
    assert caught.value.message.code == "package_foreign_key"


def test_an_unsigned_package_is_refused(station: Path, tmp_path: Path) -> None:
    package = _package(tmp_path)
    with pytest.raises(SealError) as caught:
        check_package(package)
    assert caught.value.message.code == "package_unsigned"
    assert caught.value.message.params["sig"] == "nl-kantoor.exam.yaml.sig"


def test_a_workstation_without_the_centre_knows_no_package(
    centre_key: Path, tmp_path: Path
) -> None:
    package = _package(tmp_path)
    sign_package(package, centre_key)
    with pytest.raises(SealError) as caught:
        check_package(package)
    assert caught.value.message.code == "centre_unknown"


def test_a_seal_made_after_its_certificate_ran_out_is_not_trusted(
    centre_key: Path, station: Path, tmp_path: Path
) -> None:
    """A station whose clock (or whose person) seals after the certificate's end date."""
    import datetime as dt

    folder = keys.enrol(centre_key, tmp_path / "old-station", "PC 01", days=1)
    late = keys.load_station(folder)  # (loaded while valid)
    journal, result = finished_part(tmp_path / "parts")
    later = keys.now() + dt.timedelta(days=3)
    seal_files([journal, result], seal_path_of(journal), late, at=later)
    (check,) = verify_path(journal, station / "centre.crt")
    assert (check.status, check.why and check.why.code) == ("unsigned", "certificate_expired")


def test_a_seal_that_does_not_read_is_said(station: Path, tmp_path: Path) -> None:
    journal, result = finished_part(tmp_path / "parts")
    seal = seal_part(journal, result)
    seal.write_text(seal.read_text(encoding="utf-8")[:-40], encoding="utf-8")  # cut short
    (check,) = verify_path(journal, station / "centre.crt")
    assert (check.status, check.why and check.why.code) == ("changed", "seal_unreadable")


def test_a_bundle_with_a_name_outside_it_is_refused_unopened(station: Path, tmp_path: Path) -> None:
    import zipfile

    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as out:
        out.writestr("../../evil.txt", "x")
    (check,) = verify_path(bundle, station / "centre.crt")
    assert (check.status, check.why and check.why.code) == ("changed", "bundle_unreadable")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_station_holding_the_centres_key_seals_nothing(
    centre_key: Path, station: Path, tmp_path: Path
) -> None:
    import shutil

    shutil.copyfile(centre_key, station / "centre.key")  # the whole centre folder copied over
    journal, result = finished_part(tmp_path / "parts")
    with pytest.raises(SealError) as caught:
        seal_part(journal, result)
    assert caught.value.message.code == "centre_key_on_station"
    assert not seal_path_of(journal).exists()
