"""The alignment's rows, as the results page, the replay and the report draw them: a row ends
at a line break or at the first space once it holds its width in characters; a missing letter
is a dot and a line break an arrow, in the colour of what they were."""

from __future__ import annotations

from trainer.ui.alignment_rows import rows

STYLES = {"omission": "color:red", "transposition": "color:blue"}


def same(text: str) -> list[tuple[str, str, str]]:
    return [(c, c, "equal") for c in text]


def test_a_row_ends_at_the_first_space_once_it_holds_its_width() -> None:
    lines = rows(same("aaaa bbbb cccc"), STYLES, 6)
    assert [top for top, _typed in lines] == ["aaaa&nbsp;bbbb&nbsp;", "cccc"]
    assert [typed for _top, typed in lines] == ["aaaa&nbsp;bbbb&nbsp;", "cccc"]


def test_a_line_break_ends_a_row_and_is_shown() -> None:
    assert rows(same("ab\ncd"), STYLES, 60) == [("ab↵", "ab↵"), ("cd", "cd")]


def test_two_swapped_letters_count_as_two_characters_of_the_row() -> None:
    steps = [("ab", "ba", "transposition"), (" ", " ", "equal"), *same("cd")]
    lines = rows(steps, STYLES, 3)
    assert lines[0] == (
        '<span style="color:blue">ab</span>&nbsp;',
        '<span style="color:blue">ba</span>&nbsp;',
    )
    assert lines[1] == ("cd", "cd")


def test_a_missing_letter_is_a_dot_in_its_errors_colour() -> None:
    steps = [*same("a"), ("<", "", "omission"), *same("b")]
    assert rows(steps, STYLES, 60) == [
        ('a<span style="color:red">&lt;</span>b', 'a<span style="color:red">·</span>b')
    ]
