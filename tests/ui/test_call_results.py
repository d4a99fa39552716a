"""The call results screen tells the trainee what went wrong, sound included."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_call_scoring import good_call, scored
from trainer.core.journal import AudioEvent, EndEvent
from trainer.ui.call_results_view import CallResultsView


def test_a_call_with_dropouts_says_the_sound_stopped(qtbot, tmp_path: Path) -> None:
    events = good_call()
    clean = scored(tmp_path, events)
    stalled = scored(
        tmp_path,
        [*events[:-1], AudioEvent(t=72.0, action="status", clip="", underflows=2), events[-1]],
    )
    assert isinstance(events[-1], EndEvent) and stalled.audio_underflows == 2
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(clean)
    assert view.verdict.text() == "Geslaagd" and "haperde" not in view.summary.text()
    view.show_result(stalled)
    assert "het geluid haperde 2 keer" in view.summary.text()
    assert view.verdict.text() == "Geslaagd"  # the computer's fault, not the trainee's


def test_a_call_in_the_recent_results_counts_its_wrong_fields(qtbot, tmp_path: Path) -> None:
    from tests.core.test_call_scoring import CALL, replace
    from trainer.core.journal import FieldEvent
    from trainer.store import Store
    from trainer.ui.home_view import HomeView

    events = replace(
        good_call(),
        FieldEvent(t=26.0, field="postcode", value="3000"),
        FieldEvent(t=26.0, field="postcode", value="3010"),
    )
    result = scored(tmp_path, events)
    store = Store(tmp_path / "store.sqlite3")
    trainee = store.add_trainee("Jana")
    session = store.start_session(
        trainee.id, CALL.id, "hash", CALL.title, "practice", tmp_path / "j.jsonl"
    )
    store.finish_session(session, "finished", result.model_dump(mode="json"))
    home = HomeView()
    qtbot.addWidget(home)
    home.show_recent(store.recent_sessions(trainee.id))
    errors = home.recent_table.item(0, 3)
    assert errors.text() == "1 veld" and errors.toolTip() == "Niet getoond: co 01670"
    assert home.recent_table.item(0, 2).text() == "–"  # no typing speed for a call
    assert home.recent_table.item(0, 4).text() == "niet geslaagd"
    store.close()


@pytest.mark.parametrize(
    ("cut", "why"),
    [
        ("not answered", "de oproep werd niet beantwoord"),
        ("stopped", "het gesprek werd niet afgerond (gestopt of onderbroken)"),
    ],
)
def test_a_call_not_answered_or_stopped_shows_no_competence_as_shown(
    qtbot, tmp_path: Path, cut: str, why: str
) -> None:
    from trainer.core.journal import ScenarioEvent

    if cut == "not answered":
        events = [ScenarioEvent(t=0.0, event="bel"), EndEvent(t=20.0, reason="abandoned")]
    else:
        events = [*good_call()[:16], EndEvent(t=20.0, reason="abandoned")]
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(scored(tmp_path, events))
    table = view.competences
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    said = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert "ja" not in said and said.count("nee") == 7  # "Schakelt door: ja" no more
    assert table.item(rows["D140801 Id16426"], 3).text() == why
    # stopped: not a failed call, and the summary says why nothing was assessed
    assert view.verdict.text() == "Afgebroken"
    reason = "niet beantwoord" if cut == "not answered" else "niet afgerond"
    assert "Niet beoordeeld: " in view.summary.text() and reason in view.summary.text()


def test_the_call_results_buttons_have_the_names_of_every_results_page(qtbot) -> None:
    """One name per thing: back to the home screen is 'Terug (Esc)' after a drill and after a
    call alike, and so is 'Opnieuw (Ctrl+R)'."""
    from trainer.ui.call_results_view import CallResultsView
    from trainer.ui.results_view import ResultsView

    call, typing = CallResultsView(), ResultsView()
    qtbot.addWidget(call)
    qtbot.addWidget(typing)
    assert call.back_button.text() == typing.back_button.text() == "&Terug  (Esc)"
    assert call.again_button.text() == typing.again_button.text() == "&Opnieuw  (Ctrl+R)"
