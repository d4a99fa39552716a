"""``simultaan replay`` of a call says why a competence was not shown: in words for a person
(the sentences of the results screen), as codes with their values in ``--json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.core.test_call_scoring import CALL, good_call, replace
from tests.core.test_scenario import documented_example
from tests.journals import write_journal
from trainer.core.journal import ActionEvent

# the reasons are said in the command's language: Dutch here, whatever the machine's
DUTCH = {"LANGUAGE": "nl", "LC_ALL": "nl_BE.UTF-8", "LANG": "nl_BE.UTF-8"}


def replay(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", "replay", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=os.environ | DUTCH,
    )


def test_replay_of_a_call_says_why_in_words_and_in_codes(tmp_path: Path) -> None:
    source = tmp_path / "gesprek.yaml"
    source.write_text(documented_example(), encoding="utf-8")
    # the summary never ticked, and F6 where the caller matched
    events = [
        e for e in good_call() if not (isinstance(e, ActionEvent) and e.target == "summarise")
    ]
    events = replace(
        events, ActionEvent(t=15.0, action="verified"), ActionEvent(t=15.0, action="mismatch")
    )
    journal = tmp_path / "call.jsonl"
    write_journal(journal, CALL, events)

    told = replay(source, journal)
    assert told.returncode == 0, told.stderr
    lines = told.stdout.splitlines()
    script = lines.index("  D140801 Id16700: NIET getoond")
    assert lines[script + 1] == "      stap 'Samenvatten' niet gedaan"
    identity = lines.index("  D140801 Id17425: NIET getoond")
    assert lines[identity + 1] == (
        "      verificatie: gemarkeerd als 'komt niet overeen', verwacht 'geverifieerd'"
    )

    data = json.loads(replay(source, journal, "--json").stdout)
    by_code = {c["code"]: c for c in data["competences"]}
    assert set(by_code["D140801 Id16700"]) == {"code", "name", "assessed", "shown", "reasons"}
    assert by_code["D140801 Id16700"]["reasons"] == [
        {"code": "step_not_done", "params": {"step": "summarise"}}
    ]
    assert by_code["D140801 Id17425"]["reasons"] == [
        {"code": "verification_wrong", "params": {"given": "mismatch", "expected": "verified"}}
    ]
    assert data["verification"]["breach_reasons"] == []
