"""The export's cells as a script reads them: plain numbers that read back as the same value,
never in exponent form or with a decimal comma, whatever the language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trainer.store.export import csv_value


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (0.00001, "0.00001"),  # str() would give 1e-05
        (0.022727272727272728, "0.022727272727272728"),
        (1e16, "10000000000000000"),
        (0.0, "0.0"),
        (31.5, "31.5"),
        (Decimal("0.03"), "0.03"),
        (True, "true"),
        (False, "false"),
        (None, ""),
        (12, "12"),
        (["step_not_done", "field_wrong"], "step_not_done;field_wrong"),
        ("D'Hondt, Aïcha", "D'Hondt, Aïcha"),
    ],
)
def test_a_cell_is_plain_and_reads_back_the_same(value: object, cell: str) -> None:
    assert csv_value(value) == cell
    if isinstance(value, float):
        assert float(cell) == value
