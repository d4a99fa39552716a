"""Realistic Dutch call-centre texts and attempts at them, for the benchmarks and the tests that
share their inputs. Only the standard library: a measured process (``memory_run``) imports this
without pulling pytest into the memory it reports."""

from __future__ import annotations

import random

from trainer.core.typing_metrics import BACKSPACE

SENTENCES = (
    "Goedemiddag, u spreekt met de klantenservice van Energie Direct, waarmee kan ik u helpen?",
    "De klant meldt dat de factuur van {month} een te hoog voorschotbedrag bevat.",
    "Ik heb het adres gewijzigd naar de Kerkstraat {number} bus 2, 9000 Gent.",
    "U ontvangt binnen {days} werkdagen een bevestiging per e-mail.",
    "Excuses voor het ongemak; ik heb een terugbelverzoek voor u aangemaakt.",
    "Het ticketnummer is 2024-{number} en de storing is doorgezet naar de monteur.",
    "Mevrouw De Vries belt over een café-rekening van {amount} euro die dubbel is afgeschreven.",
    "Heeft u de meterstanden van gas en elektriciteit bij de hand? Dan noteer ik ze meteen.",
)
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
LENGTH = 5000
TYPO_RATE = 0.02
FIX_RATE = 0.006


def dutch_reference(rng: random.Random, length: int = LENGTH) -> str:
    """Varied call-centre sentences, cut to exactly ``length`` characters."""
    parts: list[str] = []
    size = 0
    while size <= length:
        sentence = rng.choice(SENTENCES)
        parts.append(
            sentence.format(
                month=rng.choice(MONTHS),
                number=rng.randint(1, 999),
                days=rng.choice(("twee", "drie", "vijf", "tien")),
                amount=f"{rng.randint(10, 400)},{rng.randint(0, 99):02d}",
            )
        )
        size += len(parts[-1]) + 1
    text = " ".join(parts)[:length]
    # A trailing space would be stripped by the scorer and make the text one short.
    return text[:-1] + "." if text[-1].isspace() else text


def typed_attempt(reference: str, rng: random.Random, typo_rate: float = TYPO_RATE) -> str:
    """Keystrokes with ~2% (``typo_rate``) uncorrected typos of all kinds and a few Backspace
    corrections."""
    keys: list[str] = []
    i = 0
    while i < len(reference):
        ch = reference[i]
        roll = rng.random()
        if roll < typo_rate:
            kind = rng.choice(("substitution", "omission", "insertion", "transposition"))
            if kind == "substitution":
                keys.append(rng.choice(LETTERS))
            elif kind == "insertion":
                keys += [ch, rng.choice(LETTERS)]
            elif kind == "transposition" and i + 1 < len(reference):
                keys += [reference[i + 1], ch]
                i += 1
        elif roll < typo_rate + FIX_RATE:
            wrong = rng.choice(LETTERS) * rng.randint(1, 2)
            keys += [wrong, BACKSPACE * len(wrong), ch]
        else:
            keys.append(ch)
        i += 1
    return "".join(keys)
