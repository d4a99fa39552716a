"""The knowledge base searched in full text: what a trainee typing a question finds first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.probes import run_probe
from trainer.core.knowledge import (
    KnowledgeArticle,
    KnowledgeBase,
    fts5_available,
    knowledge_files,
    load_knowledge,
    parse_knowledge,
    session_base,
    shared_base,
    stem,
)
from trainer.core.scenario import Article
from trainer.core.yaml_source import SourceFileError
from trainer.paths import exercises_dir

NL = [
    Article(
        id="wachtwoord",
        title="Wachtwoord vergeten of verlopen",
        text="De gebruiker kan niet aanmelden. Stuur een resetlink naar het e-mailadres van "
        "de klant. Na vijf foute pogingen wordt de account twintig minuten geblokkeerd.",
    ),
    Article(
        id="printer",
        title="Printer drukt niet af",
        text="Kijk na of de printers van de verdieping aanstaan en papier hebben. Herstart de "
        "printer. Wachtwoorden of accounts spelen hier geen rol.",
    ),
    Article(
        id="verhuis",
        title="Verhuis doorgeven",
        text="Vraag het nieuwe adres, de verhuisdatum en de meterstanden op de dag van de "
        "verhuizing. Bezorg een overnamedocument.",
    ),
    Article(
        id="scherm",
        title="Extra scherm aanvragen",
        text="Een tweede scherm vraag je aan in het selfserviceportaal. De leidinggevende "
        "keurt de aanvraag goed. Levering binnen vijf werkdagen, met kabels.",
    ),
]
FR = [
    Article(
        id="imprimante",
        title="L'imprimante n'imprime pas",
        text="Vérifiez que les imprimantes de l'étage sont allumées et ont du papier. "
        "Redémarrez l'imprimante.",
    ),
    Article(
        id="mot-de-passe",
        title="Réinitialisation du mot de passe",
        text="Envoyez un lien de réinitialisation à l'adresse e-mail du client. Après cinq "
        "essais le compte est bloqué pendant vingt minutes.",
    ),
    Article(
        id="demenagement",
        title="Déménagement : reprise du contrat d'énergie",
        text="Demandez la nouvelle adresse, la date du déménagement et les index des compteurs.",
    ),
]
EN = [
    Article(
        id="printer",
        title="Printer does not print",
        text="Check that the floor's printers are switched on and have paper. Restart it.",
    ),
    Article(
        id="password",
        title="Resetting a forgotten password",
        text="Send a reset link to the customer's e-mail address. After five attempts the "
        "account is locked for twenty minutes.",
    ),
    Article(
        id="invoice",
        title="Questions about an invoice",
        text="Open the invoices in the billing system and compare the amounts with the contract.",
    ),
]


@pytest.fixture(scope="module")
def nl() -> KnowledgeBase:
    return KnowledgeBase("nl", NL)


@pytest.fixture(scope="module")
def fr() -> KnowledgeBase:
    return KnowledgeBase("fr", FR)


@pytest.fixture(scope="module")
def en() -> KnowledgeBase:
    return KnowledgeBase("en", EN)


def ids(hits: list) -> list[str]:
    return [hit.id for hit in hits]


def test_this_python_has_fts5() -> None:
    # the knowledge base needs it; a build without it says so (KnowledgeUnavailable)
    assert fts5_available()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("wachtwoord", "wachtwoord"),  # in the title: before the article that mentions it
        ("wachtwoorden", "wachtwoord"),  # a plural finds the singular
        ("printer", "printer"),
        ("printers", "printer"),
        ("printertje", "printer"),  # a diminutive finds the word it is made of
        ("verhuizen", "verhuis"),  # a verb finds the noun
        ("verhuiz", "verhuis"),  # still typing it
        ("verhuizing", "verhuis"),
        ("schermen", "scherm"),
        ("geblokkeerd account", "wachtwoord"),
        ("hoe vraag ik een extra scherm aan", "scherm"),  # a question typed in full
    ],
)
def test_dutch_word_forms(nl: KnowledgeBase, query: str, first: str) -> None:
    assert ids(nl.search(query + " "))[:1] == [first]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("imprimantes", "imprimante"),
        ("imprimante", "imprimante"),
        ("réinitialiser", "mot-de-passe"),  # the verb finds the noun of the title
        ("reinitialiser", "mot-de-passe"),  # typed without its accent
        ("REINITIALISATION", "mot-de-passe"),
        ("déménager", "demenagement"),
        ("demenagement", "demenagement"),
        ("compte bloque", "mot-de-passe"),
    ],
)
def test_french_word_forms_and_accents(fr: KnowledgeBase, query: str, first: str) -> None:
    assert ids(fr.search(query + " "))[:1] == [first]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("printers", "printer"),
        ("passwords", "password"),
        ("reset", "password"),
        ("invoices", "invoice"),
        ("how do I reset my password", "password"),
    ],
)
def test_english_word_forms(en: KnowledgeBase, query: str, first: str) -> None:
    assert ids(en.search(query + " "))[:1] == [first]


@pytest.mark.parametrize(
    ("one", "other"),
    [("verhuis", "verhuizen"), ("brief", "brieven"), ("toestel", "toestellen"),
     ("code", "codes"), ("wachtwoord", "wachtwoorden"), ("adres", "adressen"),
     ("factuur", "facturen"), ("printer", "printers"), ("betaling", "betalingen")],
)  # fmt: skip
def test_dutch_forms_of_one_word_share_their_stem(one: str, other: str) -> None:
    assert stem(one, "nl") == stem(other, "nl")


def test_a_word_in_the_title_ranks_first(nl: KnowledgeBase) -> None:
    # both articles hold the word; the one about it (its title) comes first
    assert ids(nl.search("wachtwoord "))[:2] == ["wachtwoord", "printer"]
    assert ids(nl.search("printer "))[:2] == ["printer"]


def test_the_word_being_typed_is_a_prefix(nl: KnowledgeBase) -> None:
    assert ids(nl.search("wachtw")) == ["wachtwoord", "printer"]
    assert ids(nl.search("verhuisd")) == ["verhuis"]  # verhuisdatum, while typing
    assert ids(nl.search("verhuisd ")) == []  # a whole word: not the start of another


def test_a_snippet_shows_the_match_in_the_articles_own_words(fr: KnowledgeBase) -> None:
    (hit, *_) = fr.search("imprimantes ")
    assert hit.title == "L'imprimante n'imprime pas"
    marked = [hit.snippet[a:b] for a, b in hit.marks]
    assert marked == ["imprimantes", "imprimante"]  # as written, with the accents kept
    assert "Vérifiez" in hit.snippet and "\n" not in hit.snippet


def test_a_long_article_is_cut_around_its_match() -> None:
    words = " ".join(f"woord{n}" for n in range(200))
    kb = KnowledgeBase("nl", [Article(id="lang", title="Lang", text=f"{words} modem {words}")])
    (hit,) = kb.search("modem ")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["modem"]
    assert len(hit.snippet.split()) < 25


@pytest.mark.parametrize(
    "query",
    ['"', "'", '"wachtwoord', "wachtwoord*", "(", ")", "NEAR(a b)", "a AND", "OR", "NOT",
     "title:printer", "^printer", "-", "+", "*", "{title}: x", "'; DROP TABLE kb; --", "",
     "   ", "…", "é", "\x00", "🙂", "a" * 300],
)  # fmt: skip
def test_odd_queries_never_raise(nl: KnowledgeBase, query: str) -> None:
    hits = nl.search(query)
    assert isinstance(hits, list)
    if query in ('"wachtwoord', "wachtwoord*", "title:printer", "^printer"):
        assert hits, query  # the marks around a word are not syntax: the word is searched


def test_an_empty_query_finds_nothing_and_titles_list_everything(nl: KnowledgeBase) -> None:
    assert nl.search("") == [] and nl.search("?!") == []
    assert [hit.title for hit in nl.titles()][:2] == [
        "Extra scherm aanvragen",
        "Printer drukt niet af",
    ]


def test_a_limit_is_kept(nl: KnowledgeBase) -> None:
    assert len(nl.search("de ", 2)) <= 2
    assert nl.search("wachtwoord", 0) == []


def test_a_scenarios_article_replaces_a_shared_one_with_its_id(nl: KnowledgeBase) -> None:
    base = nl.copy()
    base.add([Article(id="printer", title="Printer van de balie", text="Alleen de balie.")])
    assert len(base) == len(NL)
    assert [hit.title for hit in base.search("printer ")][:1] == ["Printer van de balie"]
    assert "Herstart" not in " ".join(hit.snippet for hit in base.search("printer "))


def test_keywords_find_an_article_that_does_not_use_the_word() -> None:
    article = KnowledgeArticle(
        id="mfa", title="Tweestapsverificatie", text="De code uit de app.", keywords=["MFA"]
    )
    kb = KnowledgeBase("nl", [article, *NL])
    assert ids(kb.search("mfa")) == ["mfa"]


# the shared files ---------------------------------------------------------------------------
GOOD = """\
format: 1
language: nl
articles:
  - id: modem
    title: Modem herstarten
    text: Trek de stekker uit.
"""


def write(folder: Path, language: str, name: str, text: str) -> Path:
    path = folder / language / "knowledge" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_in_another_languages_folder_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "fr", "x.yaml", GOOD)
    with pytest.raises(SourceFileError) as caught:
        parse_knowledge(path.read_text(encoding="utf-8"), path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.message.code) == (2, "knowledge_language")


def test_an_article_id_twice_is_a_problem_at_the_second(tmp_path: Path) -> None:
    first = write(tmp_path, "nl", "a.yaml", GOOD)
    second = write(tmp_path, "nl", "b.yaml", GOOD.replace("Modem", "Router"))
    shared = load_knowledge([first, second])
    assert [a.title for a in shared.articles["nl"]] == ["Modem herstarten"]
    (problem,) = shared.problems
    assert (problem.file, problem.line, problem.message.code) == (second, 4, "duplicate_article_id")
    assert problem.message.params["line"] == "4" and problem.message.params["file"] == str(first)


def test_an_unknown_key_is_a_problem_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "nl", "a.yaml", GOOD + "    steps: [een]\n")
    shared = load_knowledge([path])
    assert shared.articles == {}
    assert [(p.line, p.message.code) for p in shared.problems] == [(7, "unknown_nested_key")]


def test_simultaan_validate_says_each_knowledge_problem_at_its_file_and_line(
    tmp_path: Path,
) -> None:
    """The command checks knowledge files too, which the exercise loader skips (no 'kind')."""
    good = write(tmp_path, "nl", "a.yaml", GOOD)
    twice = write(tmp_path, "nl", "b.yaml", GOOD.replace("Modem", "Router"))
    french = write(tmp_path, "fr", "c.yaml", GOOD.replace("modem", "box"))
    command = [sys.executable, "-m", "trainer", "validate", str(tmp_path)]
    env = {**os.environ, "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{french}:2", f"{twice}:4"]
    assert f"{good}:4" in lines[1] and "Traceback" not in result.stderr
    good.unlink(), twice.unlink(), french.unlink()
    write(tmp_path, "nl", "a.yaml", GOOD)
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


# the shipped knowledge bases -------------------------------------------------------------------
SECTIONS = {
    "nl": ("Symptomen:", "Stappen:", "Escaleren:"),
    "fr": ("Symptômes :", "Étapes :", "Escalade :"),
    "en": ("Symptoms:", "Steps:", "Escalate:"),
}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_each_language_ships_thirty_articles_with_symptoms_steps_and_escalation(
    language: str,
) -> None:
    shared = load_knowledge(knowledge_files(exercises_dir(), language))
    assert shared.problems == []
    articles = shared.articles[language]
    assert len(articles) >= 30
    for article in articles:
        places = [article.text.find(section) for section in SECTIONS[language]]
        assert -1 not in places and places == sorted(places), (article.id, places)
        assert "\n1. " in article.text, article.id  # the steps in order


SHIPPED_QUERIES = {
    "nl": [
        ("wachtwoorden vergeten", "wachtwoord-vergeten"),
        ("hoe verander ik mijn wachtwoord", "wachtwoord-vergeten"),
        ("printers", "printer-drukt-niet-af"),
        ("verhuizen", "verhuis-energie"),
        ("mfa nieuwe gsm", "mfa-nieuwe-gsm"),
        ("vpn", "vpn-geen-verbinding"),
        ("wifi", "wifi-kantoor"),
        ("facturen", "factuur-vraag"),
        ("pakket niet geleverd", "pakket-niet-geleverd"),
        ("storing teams", "grote-storing-mail-teams"),
        ("laptop bestellen", "hardware-bestellen"),
    ],
    "fr": [
        ("réinitialiser mot de passe", "mot-de-passe-oublie"),
        ("imprimantes", "imprimante-n-imprime-pas"),
        ("demenager", "demenagement-energie"),
        ("vpn", "vpn-pas-de-connexion"),
        ("factures", "question-facture"),
        ("colis endommagé", "colis-endommage-retour"),
        ("panne teams", "panne-majeure-mail-teams"),
    ],
    "en": [
        ("forgot password", "password-forgotten"),
        ("printers", "printer-not-printing"),
        ("moving house", "moving-home-energy"),
        ("vpn", "vpn-will-not-connect"),
        ("invoices", "invoice-question"),
        ("parcel damaged", "parcel-damaged-return"),
        ("teams outage", "major-incident-mail-teams"),
    ],
}


@pytest.mark.parametrize(
    ("language", "query", "first"),
    [(language, q, f) for language, pairs in SHIPPED_QUERIES.items() for q, f in pairs],
)
def test_the_obvious_shipped_article_comes_first(language: str, query: str, first: str) -> None:
    base = shared_base(exercises_dir(), language)
    assert ids(base.search(query + " "))[:1] == [first]
    assert ids(base.search(query))[:1] == [first]  # still typing the last word


def test_a_session_searches_the_shared_base_and_the_scenarios_own() -> None:
    own = Article(id="promo", title="Zomeractie glasvezel", text="Drie maanden half geld.")
    base = session_base(exercises_dir(), "nl", [own])
    assert ids(base.search("zomeractie"))[:1] == ["promo"]
    assert base.search("wachtwoord"), "the shared Dutch articles"
    assert base.article("promo") == own
    # the session's copy leaves the shared base as it was
    assert shared_base(exercises_dir(), "nl").article("promo") is None


def test_a_scenarios_own_article_comes_before_a_shared_one_about_the_same() -> None:
    """A call's own article (what this caller needs) before a shared one that matches about
    as well, in a search and in the list of an empty box."""
    own = Article(
        id="zomeractie",
        title="Zomeractie glasvezel",
        text="Wie glasvezel neemt voor 31 augustus krijgt drie maanden half geld op internet en "
        "tv. Ook bij een verhuis naar een adres met glasvezel geldt de actie. De klant houdt "
        "zijn nummer en zijn e-mailadres. Installatie door een technieker is gratis.",
    )
    base = session_base(exercises_dir(), "nl", [own])
    assert ids(base.search("verhuis"))[:2] == ["zomeractie", "verhuis-energie"]
    assert base.titles()[0].id == "zomeractie"
    shared = shared_base(exercises_dir(), "nl").copy()
    shared.add([own])  # not a scenario's own: the shared one, about moving, comes first
    assert ids(shared.search("verhuis"))[:2] == ["verhuis-energie", "zomeractie"]


def test_the_example_in_exercises_readme_is_a_valid_knowledge_file() -> None:
    readme = (exercises_dir() / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The shared knowledge base", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    parsed = parse_knowledge(example, Path("exercises/nl/knowledge/example.yaml"))
    assert [a.id for a in parsed.articles] == ["printer-drukt-niet-af"]


def test_a_session_reads_the_files_validate_checks(tmp_path: Path) -> None:
    write(tmp_path, "nl", "a.yaml", GOOD)
    write(tmp_path, "nl", "b.yml", GOOD.replace("modem", "router").replace("Modem", "Router"))
    base = session_base(tmp_path, "nl")
    assert sorted(hit.id for hit in base.titles()) == ["modem", "router"]
    assert session_base(tmp_path, "fr").titles() == []  # a language without a base


@pytest.mark.parametrize("searched_first", [False, True])
def test_a_copy_finds_what_a_base_made_whole_finds(searched_first: bool) -> None:
    """The index is made at the first search, a copy's from the index of its origin (made
    there once); a scenario's own article replaces a shared one before that or after."""
    shared = KnowledgeBase("nl", NL)
    if searched_first:
        shared.search("printer")
    own = Article(
        id="printer", title="Printer van de balie", text="Alleen de balie, nooit herstarten."
    )
    session = shared.copy()
    session.add([own], own=True)
    assert session.titles()[0].title == "Printer van de balie"  # (no index yet)
    whole = KnowledgeBase("nl", [a for a in NL if a.id != "printer"])
    whole.add([own], own=True)
    for query in ("printer ", "herstart", "wachtwoord vergeten", "balie", "scherm"):
        assert session.search(query) == whole.search(query), query
    # a second copy of the same origin: its own index, the same answers
    again = shared.copy()
    assert again.search("printer ") == KnowledgeBase("nl", NL).search("printer ")


def test_a_call_that_never_searches_makes_no_index() -> None:
    """A call's panel lists the titles; the index (FTS5 in memory, the stems, 2.7 MB of a
    call) is made when the trainee first searches, for the language's base once."""
    shared_base.cache_clear()  # (as in a new process: another test may have searched it)
    base = session_base(exercises_dir(), "nl")
    shared = shared_base(exercises_dir(), "nl")
    assert base.titles() and base._db is None and shared._db is None
    assert base.search("wachtwoord")
    assert base._db is not None and shared._db is not None


SHARED_TITLES_PROBE = """
import sys
from pathlib import Path
from trainer.core.knowledge import session_base
titles = [hit.id for hit in session_base(Path(sys.argv[1]), "nl").titles()]
print(",".join(sorted(titles)), "yaml" in sys.modules)
"""


def test_a_base_whose_files_did_not_change_is_read_without_the_yaml_parser(
    tmp_path: Path,
) -> None:
    """A call's shared base comes from the content cache while its files are as they were
    (PyYAML and its parse: 1.1 MB of a call's memory); a changed file is read again."""
    write(tmp_path, "nl", "a.yaml", GOOD)
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run_probe(SHARED_TITLES_PROBE, str(tmp_path), env=cache) == "modem True"
    assert run_probe(SHARED_TITLES_PROBE, str(tmp_path), env=cache) == "modem False"
    write(tmp_path, "nl", "b.yaml", GOOD.replace("modem", "router").replace("Modem", "Router"))
    assert run_probe(SHARED_TITLES_PROBE, str(tmp_path), env=cache) == "modem,router True"


def test_a_copy_of_a_base_changed_since_keeps_what_it_had() -> None:
    shared = KnowledgeBase("nl", NL[:2])
    session = shared.copy()
    shared.add(NL[2:])  # (the origin changed before the copy's first search)
    assert {hit.id for hit in session.titles()} == {a.id for a in NL[:2]}
    assert session.search("wachtwoord") == KnowledgeBase("nl", NL[:2]).search("wachtwoord")
