"""The sentences for what can be wrong with a file a person wrote or chose: an exercise, the
clip manifest, a text or journal given to the command, an audio file (``trainer.ui.messages``).

Written for the person who edits the file: the key or value as it stands in the file, in
quotes, and what would be right. ``{name}`` places are filled in after translation.
"""

from __future__ import annotations

from trainer.ui import words  # noqa: F401  (the sentences come with issue 11's second round)


def sentences() -> dict[str, str]:
    return {}
