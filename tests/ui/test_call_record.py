"""What changes on the desk during a call: the record (opened by a look-up, behind
verification), the queue board."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.core.test_shipped_calls import CALLS, LIBRARY
from tests.keys import type_text
from trainer.core.scenario import CallExercise
from trainer.store import Store
from trainer.ui.app import create_application
from trainer.ui.call_controller import CallController
from trainer.ui.call_view import CallView


def test_record_changes_and_the_queue_board_during_a_call(qtbot, data_dir: Path) -> None:
    create_application()
    base = next(c for c in CALLS if c.id.startswith("nl-gesprek-01")).model_dump()
    history = base["customer"]["history"]
    base["expect"]["verify_after"] = None  # its clip is not in this short timeline
    base["timeline"] = [
        {"id": "bel", "at": 0, "do": "ring"},
        {"id": "gsm", "at": 0.1, "do": "crm_update", "text": "Nieuw gsm-nummer via de app.",
         "field": "phone", "value": "0470 11 22 33"},
        {"id": "contact", "at": 0.2, "do": "crm_update", "text": "Dossier: mail van de klant.",
         "field": "history", "value": "vandaag: mail over het wachtwoord"},
        {"id": "wachtrij-1", "at": 0.25, "do": "queue", "text": "Helpdesk: 4 wachtenden"},
        {"id": "wachtrij-2", "at": 0.3, "do": "queue", "text": "Helpdesk: 7 wachtenden, 3:10"},
        {"id": "mail", "after": "verified", "delay": 0.2, "do": "crm_update",
         "text": "Nieuw e-mailadres.", "field": "email", "value": "jonas.v@vanhoutte-bouw.be"},
    ]  # fmt: skip
    call = CallExercise.model_validate(base)
    store = Store(data_dir / "store.sqlite3")
    view = CallView()
    qtbot.addWidget(view)
    view.show()
    desk = CallController(
        view, call, store.add_trainee("Lotte"), store, data_dir, LIBRARY, device="geen-apparaat"
    )
    assert not view.queue_board.isVisible()
    qtbot.waitUntil(lambda: view.messages.count() == 4)
    # the queue board shows the latest state; the updates are listed as messages too
    assert view.queue_board.isVisible()
    assert view.queue_board.text() == "Helpdesk: 7 wachtenden, 3:10"
    listed = [view.messages.item(row).text() for row in range(view.messages.count())]
    assert listed[0].startswith("Wachtrij: Helpdesk: 7")
    assert listed[2] == "Dossier: mail van de klant."  # not "Dossier: Dossier: ..."
    # nobody looked up yet: nothing of the file on screen, not even its number or name
    assert view.crm_values == {} and "Nog geen klant geopend" in view.crm_status.text()
    assert "Gewijzigd: Dossier: mail van de klant." in view.crm_note.text()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, view.lookup, "verstraete jonas\n")
    assert view.crm_values["name"].text() == "Jonas Verstraete"
    phone, contacts = view.crm_values["phone"], view.crm_values["history"]
    # changed, and marked so, but still hidden: the caller is not verified yet
    assert "verborgen" in phone.text() and phone.property("changed") is True
    assert "0470" not in phone.text() and "mail over" not in contacts.text()
    qtbot.keyClick(view, Qt.Key.Key_F5)
    assert view.crm_values["phone"].text() == "0470 11 22 33"
    assert view.crm_values["history"].text().split("\n") == [
        *history,
        "vandaag: mail over het wachtwoord",
    ]
    assert view.crm_values["history"].property("changed") is True
    assert not view.crm_values["email"].property("changed")
    # a change while the file is open shows at once, marked
    qtbot.waitUntil(lambda: view.crm_values["email"].text() == "jonas.v@vanhoutte-bouw.be")
    assert view.crm_values["email"].property("changed") is True
    desk.finish("abandoned")
    store.close()
