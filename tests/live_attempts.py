"""Long Dutch drill texts and the keystrokes of a trainee typing them with a few errors.

Shared by the live-typing tests (tests/core) and the live keystroke benchmark (tests/bench).
"""

from __future__ import annotations

import random

BACKSPACE = "\b"

_SENTENCES = (
    "Goeiemiddag, u spreekt met Lien van de klantendienst van Fluvia Energie.",
    "Mag ik even uw klantnummer, dat begint met 3 en staat rechtsboven op uw factuur?",
    "Ik zie dat uw voorschot sinds {month} verhoogd is naar {amount} euro per maand.",
    "De technieker komt donderdag tussen acht en twaalf uur langs in de Veldstraat {number}.",
    "Uw nieuwe modem wordt binnen {days} werkdagen geleverd op uw adres in Mechelen.",
    "Ik noteer het ticketnummer voor u: INC-{number}, dan kunt u daar later naar verwijzen.",
    "Is het goed als we u morgen terugbellen op het nummer dat eindigt op {number}?",
    "Voor een domiciliëring hebben we uw rekeningnummer nodig, beginnend met BE.",
    "Excuseer voor het wachten; ik heb even nagekeken bij de collega's van de facturatie.",
    "De storing in Sint-Niklaas is gemeld en de herstelling is voorzien voor {day}.",
)
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "september", "oktober")
_DAYS = ("maandag", "dinsdag", "woensdag", "vrijdag")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def dutch_text(rng: random.Random, length: int) -> str:
    """Contact-centre sentences, cut to exactly ``length`` characters (ending on no space)."""
    parts: list[str] = []
    size = 0
    while size <= length:
        sentence = rng.choice(_SENTENCES).format(
            month=rng.choice(_MONTHS),
            amount=f"{rng.randint(40, 260)},{rng.randint(0, 99):02d}",
            number=rng.randint(2, 980),
            days=rng.choice(("twee", "drie", "vijf")),
            day=rng.choice(_DAYS),
        )
        parts.append(sentence)
        size += len(sentence) + 1
    text = " ".join(parts)[:length]
    return text[:-1] + "." if text[-1].isspace() else text


def keystrokes(
    reference: str, rng: random.Random, error_rate: float = 0.03, fix_rate: float = 0.006
) -> str:
    """What a trainee types: about ``error_rate`` of the characters go wrong (a wrong, an
    extra, a skipped letter or two swapped), and now and then a slip is put right with
    Backspace (U+0008)."""
    keys: list[str] = []
    i = 0
    while i < len(reference):
        ch = reference[i]
        roll = rng.random()
        if roll < error_rate:
            kind = rng.choice(("wrong", "extra", "skipped", "swapped"))
            if kind == "wrong":
                keys.append(rng.choice(_LETTERS))
            elif kind == "extra":
                keys += [ch, rng.choice(_LETTERS)]
            elif kind == "swapped" and i + 1 < len(reference):
                keys += [reference[i + 1], ch]
                i += 1
        elif roll < error_rate + fix_rate:
            slip = rng.choice(_LETTERS) * rng.randint(1, 2)
            keys += [*slip, *BACKSPACE * len(slip), ch]
        else:
            keys.append(ch)
        i += 1
    return "".join(keys)
