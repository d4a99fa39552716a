"""A trainee's competence portfolio as HTML or PDF, for the "ervaringsbewijs": per job profile
a table of its competences with the evidence (``trainer.core.portfolio``), and the typing
record. The same page style and PDF writer as the session report; words in the language
installed (``words.tr``). PDF needs a QGuiApplication (the fonts)."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from trainer.core.portfolio import CoachEvidence, CompetenceEvidence, Evidence, Portfolio
from trainer.core.rubric import Rubric
from trainer.ui import words
from trainer.ui.report.document import Table
from trainer.ui.report.render_html import _CSS, _table


def profile_name(key: str) -> str:
    """A job profile of the standards."""
    return {
        "contact_centre": words.tr("Contactcenteroperator"),
        "call_centre": words.tr("Callcenteroperator"),
        "helpdesk": words.tr("Helpdeskoperator"),
        "user_support": words.tr("Medewerker digitale gebruikersondersteuning"),
    }.get(key, key)


def competence_title(code: str) -> str:
    """A competence of the profiles: the ones a result can carry by ``words.competence_name``,
    the ones no exercise assesses yet named here."""
    own = {  # the standards' own titles (../shared/seeds/), shortened where they run long
        "D140801 Id234": words.tr(
            "Neemt contact op met (potentiële) klanten en stelt producten en diensten voor"
        ),
        "co 01671": words.tr("Gebruikt communicatietechnieken"),
        "co 01672": words.tr("Behandelt vragen en klachten oplossingsgericht volgens de SLA"),
        "co 01673": words.tr("Ondersteunt klanten bij vragen en problemen"),
        "co 01674": words.tr("Streeft steeds naar een kwaliteitsvolle dienstverlening"),
        "co 0166": words.tr("Beluistert en verwerkt tegelijk de informatie van de gebruiker"),
        "co 0167": words.tr("Behandelt deskundig klachten"),
        "co 02796": words.tr(
            "Behandelt vragen en klachten oplossingsgericht volgens SLA en scenario's"
        ),
        "co 02775": words.tr("Biedt eerstelijnsondersteuning en voert routinetesten uit"),
        "co 02776": words.tr("Ondersteunt de update van de kennisdatabank"),
        "co 02795": words.tr("Gebruikt communicatietechnieken"),
        "co 02777": words.tr("Werkt met oog voor privacy en cyberveiligheid"),
        "co 02778": words.tr("Organiseert de eigen werkzaamheden met oog voor kwaliteit"),
        "co 02779": words.tr("Werkt in teamverband"),
        "co 02780": words.tr("Ontwikkelt continu de eigen praktijk"),
        "I140101 Id11743": words.tr(
            "Begeleidt de gebruiker bij het oplossen van problemen of neemt over op afstand"
        ),
        "I140101 Id25374": words.tr("Installeert eenvoudige software- en hardwaretoepassingen"),
    }
    return own.get(code) or words.competence_name(code)


def _day(at: str) -> str:
    return at[:10]  # ISO day, as the assessors file it


def _evidence(e: Evidence | None) -> str:
    if e is None:
        return ""
    state = words.tr("getoond") if e.shown else words.tr("niet getoond")
    return f"{_day(e.started_at)} · {e.exercise_title} · {state}"


def _rubric(kind: str) -> Rubric | None:
    """The rubric of an exercise kind, for its scale's words; None when it cannot be read
    (the score is then said as a number only)."""
    from trainer.core.rubric import load_rubric, rubric_path
    from trainer.core.yaml_source import SourceFileError
    from trainer.paths import assets_dir

    try:
        return load_rubric(rubric_path(assets_dir(), kind))
    except (OSError, SourceFileError):
        return None


def _score(said: CoachEvidence, rubrics: dict[str, Rubric | None]) -> str:
    """The mean of the criteria scored: a whole step with its word ("2 voldoende"), else the
    mean against the top of the scale ("gemiddeld 2,5 van 3")."""
    if said.mean is None:
        return ""
    if said.kind not in rubrics:
        rubrics[said.kind] = _rubric(said.kind)
    rubric = rubrics[said.kind]
    from trainer.ui import language

    whole = round(said.mean)
    level = rubric.level(whole) if rubric is not None and abs(said.mean - whole) < 1e-9 else None
    if level is not None:
        return f"{whole} {level.word.in_language(language.current())}"
    top = str(rubric.top) if rubric is not None else "?"
    return (
        words.tr("gemiddeld %1 van %2").replace("%1", words.number(said.mean, 1)).replace("%2", top)
    )


def _coach(said: CoachEvidence | None, rubrics: dict[str, Rubric | None]) -> str:
    """The latest assessment by a coach: the day, the exercise, who, the score, the comment."""
    if said is None:
        return ""
    parts = [_day(said.started_at), said.exercise_title, said.coach]
    score = _score(said, rubrics)
    return " · ".join(p for p in (*parts, score, said.comment) if p)


def _row(c: CompetenceEvidence, rubrics: dict[str, Rubric | None]) -> tuple[list[str], bool | None]:
    coach = _coach(c.coach, rubrics)
    if not c.assessed:
        if c.coached:  # only a person judged it: no longer "no evidence"
            by = words.tr("beoordeeld door een coach (sessies: %1)").replace("%1", str(c.coached))
            return [c.code, competence_title(c.code), by, "", "", coach], None
        return [c.code, competence_title(c.code), words.tr("nog geen bewijs"), "", "", ""], None
    shown = (
        words.tr("%1 van %2 sessies (%3)")
        .replace("%1", str(c.shown))
        .replace("%2", str(c.assessed))
        .replace("%3", words.percent(c.pass_rate or 0.0, 0))
    )
    return [
        c.code,
        competence_title(c.code),
        shown,
        _evidence(c.best),
        _evidence(c.latest),
        coach,
    ], c.shown > 0


def tables(facts: Portfolio) -> list[Table]:
    """Per job profile its competences, then the typing record."""
    headers = [
        words.tr("Code"),
        words.tr("Competentie"),
        words.tr("Getoond"),
        words.tr("Beste resultaat"),
        words.tr("Laatste resultaat"),
        words.tr("Laatste beoordeling door een coach"),
    ]
    out = []
    rubrics: dict[str, Rubric | None] = {}  # by exercise kind, read once
    for key, codes in facts.profiles.items():
        rows = [_row(facts.competences[code], rubrics) for code in codes]
        out.append(Table(profile_name(key), headers, [r for r, _ in rows], [g for _, g in rows]))
    typing_rows, good = [], []
    for record in facts.typing:
        best = record.best
        typing_rows.append(
            [
                words.kind_name(record.kind),
                str(record.sessions),
                str(record.within_margin),
                words.number(best.score, 1) if best else words.tr("nog geen bewijs"),
                words.percent(record.error_rate) if record.error_rate is not None else "",
                words.percent(record.margin, 0) if record.margin is not None else "",
                _day(best.started_at) if best else "",
                best.exercise_title if best else "",
            ]
        )
        good.append(True if best else None)
    typing_headers = [
        words.tr("Soort"),
        words.tr("Sessies"),
        words.tr("Binnen de marge"),
        words.tr("Beste netto woorden/min"),
        words.tr("Foutpercentage"),
        words.tr("Marge"),
        words.tr("Datum"),
        words.tr("Oefening"),
    ]
    title = words.tr("Typen: de snelste sessie binnen de foutenmarge")
    out.append(Table(title, typing_headers, typing_rows, good))
    return out


# the share of the page's width per column of a profile's table: the names and the evidence
# wrap less, the counts take what they need
_SMALL = "td, th { font-size: 9pt; }"
_WIDTHS = (11, 22, 13, 17, 17, 20)


def _wide(table: Table) -> str:
    """The report's table over the page's width; a profile's columns in ``_WIDTHS``."""
    page = _table(table).replace("<table ", '<table width="100%" ', 1)
    if len(table.headers) == len(_WIDTHS):
        for header, width in zip(table.headers, _WIDTHS, strict=True):
            cell = f"<th>{html.escape(header)}</th>"
            page = page.replace(cell, f'<th width="{width}%">{html.escape(header)}</th>', 1)
    return page


def render_portfolio_html(facts: Portfolio, today: date | None = None) -> str:
    """The whole portfolio as one HTML page."""
    title = words.tr("Competentieportfolio")
    about = [
        (words.tr("Cursist"), facts.trainee),
        (
            words.tr("Periode"),
            f"{_day(facts.first)} – {_day(facts.last)}" if facts.first and facts.last else "–",
        ),
        (words.tr("Sessies"), str(facts.sessions)),
        (words.tr("Opgemaakt op"), (today or date.today()).isoformat()),
    ]
    said = words.tr(
        "Bewijs uit de sessies in Simultaan, per competentie van de standaarden: hoe vaak ze "
        "getoetst en getoond werd, het beste en het laatste resultaat, en de laatste "
        "beoordeling door een coach met de rubriek (gemiddelde score van de criteria, "
        "opmerking)."
    )
    e = html.escape
    out = [
        '<!DOCTYPE html><html><head><meta charset="utf-8"/>',
        f"<title>{e(title)} – {e(facts.trainee)}</title><style>{_CSS}{_SMALL}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        '<table border="0" cellspacing="0" cellpadding="2">',
        *(
            f'<tr><td style="border:none"><b>{e(k)}</b></td>'
            f'<td style="border:none">{e(v)}</td></tr>'
            for k, v in about
        ),
        "</table>",
        f"<p>{e(said)}</p>",
        *(_wide(t) for t in tables(facts)),
        "</body></html>",
    ]
    return "\n".join(out)


def write_portfolio(path: Path, fmt: str, facts: Portfolio) -> None:
    """Write the portfolio to ``path`` as ``html`` or ``pdf``. OSError when it cannot."""
    page = render_portfolio_html(facts)
    if fmt == "html":
        path.write_text(page, encoding="utf-8")
        return
    from trainer.ui.report.render_pdf import write_pdf

    # QPdfWriter says nothing when it cannot write: the file opened first says why
    path.open("wb").close()
    title = words.tr("Competentieportfolio") + " – " + facts.trainee
    write_pdf(page, title, path, landscape=True)  # the evidence's six columns side by side
