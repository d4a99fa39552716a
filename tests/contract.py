"""Outside contracts that several tests check (design.md)."""

# the keys `simultaan score --json` must carry, at least
SCORE_JSON_KEYS = frozenset(
    {
        "correct",
        "incorrect_not_fixed",
        "incorrect_fixed",
        "fixes",
        "msd",
        "msd_error_rate",
        "total_error_rate",
        "corrected_error_rate",
        "uncorrected_error_rate",
        "kspc",
        "keystrokes",
        "reference_words",
        "word_errors",
        "word_error_rate",
        "seconds",
        "wpm",
        "chars_per_minute",
        "keystrokes_per_minute",
        "unit",
        "margin",
        "error_rate",
        "min_wpm",
        "ignored",
        "passed",
        "errors",
    }
)
