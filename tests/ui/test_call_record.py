"""A record change during a call changes the record the trainee sees, behind verification."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_shipped_calls import CALLS, LIBRARY
from trainer.core.scenario import CallExercise
from trainer.store import Store
from trainer.ui.app import create_application
from trainer.ui.call_controller import CallController
from trainer.ui.call_view import CallView


def test_a_crm_update_changes_a_field_and_adds_a_contact(qtbot, data_dir: Path) -> None:
    create_application()
    base = next(c for c in CALLS if c.id.startswith("nl-gesprek-01")).model_dump()
    history = base["customer"]["history"]
    base["expect"]["verify_after"] = None  # its clip is not in this short timeline
    base["timeline"] = [
        {"id": "bel", "at": 0, "do": "ring"},
        {"id": "gsm", "at": 0.1, "do": "crm_update", "text": "Nieuw gsm-nummer via de app.",
         "field": "phone", "value": "0470 11 22 33"},
        {"id": "contact", "at": 0.2, "do": "crm_update", "text": "Mail van de klant ontvangen.",
         "field": "history", "value": "vandaag: mail over het wachtwoord"},
    ]  # fmt: skip
    call = CallExercise.model_validate(base)
    store = Store(data_dir / "store.sqlite3")
    view = CallView()
    qtbot.addWidget(view)
    view.show()
    desk = CallController(
        view, call, store.add_trainee("Lotte"), store, data_dir, LIBRARY, device="geen-apparaat"
    )
    qtbot.waitUntil(lambda: view.messages.count() == 2)
    phone, contacts = view.crm_values["phone"], view.crm_values["history"]
    # changed, and marked so, but still hidden: the caller is not verified yet
    assert "verborgen" in phone.text() and phone.property("changed") is True
    assert "0470" not in phone.text() and "mail over" not in contacts.text()
    assert "Gewijzigd: Mail van de klant ontvangen." in view.crm_note.text()
    desk.on_desk_action("answer")
    desk.on_desk_action("verified")
    assert view.crm_values["phone"].text() == "0470 11 22 33"
    assert view.crm_values["history"].text().split("\n") == [
        *history,
        "vandaag: mail over het wachtwoord",
    ]
    assert view.crm_values["history"].property("changed") is True
    assert not view.crm_values["email"].property("changed")
    desk.finish("abandoned")
    store.close()
