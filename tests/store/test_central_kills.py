"""The uploader killed (``kill -9``) in the middle of sending, again and again, while the exam
goes on: when it is started again, every result still arrives in the central store, and once.

The uploader runs in a process of its own (as the app would, killed with it), sending two
results per transaction; it is killed when the outbox has gone down to a point drawn at random,
so each kill lands while it is sending, wherever in a batch that happens to be: before the
server's commit, between the commit and the outbox's delete, or after.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO
from tests.store.central_room import central_rows, local_uids, take_part, wait_for, workstation

UPLOADER = """
import sys, time
from pathlib import Path
from trainer.store.upload import Uploader
Uploader(Path(sys.argv[1]), sys.argv[2], first_wait=0.01, longest_wait=0.05, idle=0.01,
         batch=2).start()
time.sleep(120)
"""


def start_uploader(store_path: Path, url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", UPLOADER, str(store_path), url], cwd=REPO)


def test_an_uploader_killed_while_sending_loses_nothing_and_each_result_is_kept_once(
    tmp_path: Path, central_url: str
) -> None:
    chance = random.Random(13)
    store = workstation(tmp_path / "ws21", "21")
    parts = 0
    kills_while_sending = 0
    for _round in range(10):
        for _ in range(12):  # the exam goes on: parts saved while nothing is sent
            parts += 1
            take_part(store, "ws21", parts)
        waiting = store.waiting_uploads()
        kill_at = chance.randint(1, waiting - 1)  # somewhere in the middle of sending them
        uploader = start_uploader(store.path, central_url)
        try:
            # looked at without a pause, so the kill follows the moment closely
            deadline = time.monotonic() + 60
            while store.waiting_uploads() > kill_at and uploader.poll() is None:
                assert time.monotonic() < deadline, "the uploader sends nothing"
        finally:
            uploader.send_signal(signal.SIGKILL)
            uploader.wait()
        assert uploader.returncode == -signal.SIGKILL  # killed, not ended by itself
        if 0 < store.waiting_uploads() < waiting:
            kills_while_sending += 1
    assert kills_while_sending >= 5  # the kills landed in the middle of the sending
    uploader = start_uploader(store.path, central_url)  # started again, and left alone
    try:
        wait_for(lambda: store.waiting_uploads() == 0, 60)
    finally:
        uploader.send_signal(signal.SIGKILL)
        uploader.wait()
    uids = [r[0] for r in central_rows(central_url)]
    assert len(uids) == parts == 120
    assert set(uids) == local_uids(store)
