"""The knowledge base: articles a trainee searches in full text while a customer waits.

Articles come from two places: the shared knowledge base of a language
(``exercises/<lang>/knowledge/*.yaml``, files of articles, not exercises: the loader skips that
folder) and a scenario's own inline articles (``knowledge:`` of a call); a session searches both.

The index is SQLite FTS5 in memory (stdlib ``sqlite3``). FTS5 cannot call a Python tokenizer,
so every word is folded (lower case, no accents: ``fold``) and stemmed here (Snowball, through
the pure-Python ``snowballstemmer``: Dutch, French and English) before it is indexed, one stem
per word, so that the n-th token of the index is the n-th word of the article: the matches
FTS5 marks (``highlight``) are found back in the article's own words for the snippet. The
shared base of a language is built once and cached; a session's base is a copy (SQLite's
backup, no re-indexing) with the scenario's articles added.

Ranking is FTS5's bm25 with the title weighing most. The last word of a query still being
typed (no space after it) is searched as a prefix. A query's words are joined by AND; when that
finds nothing they are joined by OR, so a question typed in full still finds its article.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from trainer.core.knowledge_files import (
    FOLDER,
    KnowledgeArticle,
    KnowledgeFile,
    SharedKnowledge,
    is_knowledge_file,
    knowledge_files,
    load_knowledge,
    parse_knowledge,
)
from trainer.core.messages import Message, Said
from trainer.core.scenario import Article
from trainer.core.word_forms import fold

__all__ = [  # (the files' names too: callers import the knowledge base from one place)
    "FOLDER",
    "Hit",
    "KnowledgeArticle",
    "KnowledgeBase",
    "KnowledgeFile",
    "KnowledgeUnavailable",
    "SharedKnowledge",
    "fts5_available",
    "is_knowledge_file",
    "knowledge_files",
    "load_knowledge",
    "parse_knowledge",
    "session_base",
    "shared_base",
    "stem",
]

TITLE_WEIGHT = 8.0  # bm25 weight of a title word against a word of the text (1.0)
KEYWORD_WEIGHT = 4.0  # the words a caller uses that the article itself may not
# a scenario's own articles (the product sheet of this call) before a shared one that matches
# about as well: their bm25 score counts this many times
OWN_BOOST = 2.0
SNIPPET_WORDS = 18
_WORD = re.compile(r"[^\W_]+")  # letters and digits: the token characters of unicode61
_SPACE = re.compile(r"\s+")
_MARK_OPEN, _MARK_CLOSE = "\x01", "\x02"
_SNOWBALL: dict[str, str] = {"nl": "dutch_porter", "fr": "french", "en": "english"}


# words a typed question holds that say nothing about the subject (left out unless a query has
# nothing else); short lists written for helpdesk questions, not a linguist's stop list
def _stop(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "nl": _stop(
        "de het een en of ik je jij u uw mijn me mij we wij ze zij hij is zijn was ben bent "
        "heb hebt heeft hoe wat wie waar wanneer waarom kan kun kunt moet wil niet geen "
        "van in op aan met voor naar bij om te er dat die dit deze als dan nog al ook "
        "maar zo"
    ),
    "fr": _stop(
        "le la les l un une des du de d et ou je j tu il elle on nous vous ils elles mon ma "
        "mes ton ta votre vos son sa ses ce cet cette est suis sont ai as a avons avez ont "
        "comment que qu quoi qui ou quand pourquoi peut peux puis dois ne n pas plus en "
        "dans sur au aux pour par avec se s me m y"
    ),
    "en": _stop(
        "the a an and or i you he she it we they my your our their me is am are was were "
        "be been have has had do does did how what who where when why can could should "
        "must not no of in on at to for from with by as that this these those it's "
        "there"
    ),
}


class Hit(NamedTuple):
    """An article found: its id and title, and a few words of it around the match
    (``snippet``) with the matched words at ``marks`` (start, end offsets in the snippet)."""

    id: str
    title: str
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()


class KnowledgeUnavailable(Said):
    """This Python's SQLite has no FTS5: the knowledge base cannot be searched."""


# -- words --------------------------------------------------------------------------------------
@cache
def _stemmer(language: str) -> Any:
    import snowballstemmer  # (loaded with the first search, not with the exercise list)

    return snowballstemmer.stemmer(_SNOWBALL.get(language, "english"))


_DIMINUTIVE = re.compile(r"(?:([bcdfghklmnprstvwz])\1etje|[tp]?je)$")
_VOWELS = "aeiouy"
_VOICED = {"z": "s", "v": "f"}  # huizen/huis, brieven/brief


@lru_cache(maxsize=1 << 16)  # an article's words repeat; a language has a few thousand
def stem(word: str, language: str) -> str:
    """The form a word is indexed and searched by: Snowball's stem of the lower-case word,
    then without accents (French suffixes need their accents to be recognised). Dutch gets
    corrections Snowball's Dutch stemmer lacks: a doubled final consonant is undoubled
    ('toestellen' -> 'toestel', like 'toestel'), a plural -s after -e is taken off ('codes' ->
    'code'), and a stem ending in z or v ends in s or f as the word without its ending does
    ('verhuizen' -> 'verhuis', 'brieven' -> 'brief')."""
    lower = word.casefold()
    plural_s = len(lower) > 4 and lower.endswith("es") and lower[-3] not in _VOWELS
    if language == "nl" and plural_s and lower[-4] in _VOWELS:
        lower = lower[:-1]  # codes, modules (adres: two consonants before -es, stays)
    stemmed = _stemmer(language).stemWord(lower) or lower
    doubled = len(stemmed) > 3 and stemmed[-1] == stemmed[-2] and stemmed[-1] not in _VOWELS
    if language == "nl" and doubled:
        stemmed = stemmed[:-1]
    if language == "nl" and len(stemmed) > 2 and stemmed[-1] in _VOICED:
        stemmed = stemmed[:-1] + _VOICED[stemmed[-1]]
    return fold(stemmed)


def _query_forms(word: str, language: str) -> set[str]:
    """The stems a typed word may stand for: its own, unaccented too, and for a Dutch
    diminutive the word it is made of ('printertje' -> 'printer', 'balletje' -> 'bal')."""
    forms = {stem(word, language), stem(fold(word), language)}
    if language == "nl" and len(word) > 5 and (match := _DIMINUTIVE.search(word.casefold())):
        base = word.casefold()[: match.start()]
        forms |= {stem(base + (match.group(1) or ""), language), stem(base, language)}
        forms |= {stem(word.casefold()[:-2], language)}  # kaartje: kaart + je
    return {form for form in forms if form}


class _Words(NamedTuple):
    stems: str  # one stem per word, space-separated: the indexed column
    spans: tuple[tuple[int, int], ...]  # each word's place in the original text


def _words(text: str, language: str) -> _Words:
    spans = tuple(m.span() for m in _WORD.finditer(text))
    stems = " ".join(stem(text[a:b], language) for a, b in spans)
    return _Words(stems, spans)


# -- the index ---------------------------------------------------------------------------------
@cache
def fts5_available() -> bool:
    """Whether this Python's SQLite was built with FTS5 (asked once per process)."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()
    return True


# prefix indexes: the first letters typed are prefix queries too ('w', 'wa', 'wac'), which
# without them scan every token (a first letter took 13-22 ms over 1,000 articles, 1.5-6 with)
_SCHEMA = (
    "CREATE VIRTUAL TABLE kb USING fts5(title, body, keywords, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)


class KnowledgeBase:
    """The articles of one language, searchable; ``search`` is what the panel calls.

    The index (SQLite FTS5 in memory, the words' stems and places) is made at the first
    search: a call whose trainee never searches lists the titles and keeps none (2 MB of a
    call). A copy's index is the copied index of the base it was copied from, made there once.
    """

    def __init__(self, language: str, articles: Iterable[Article] = ()) -> None:
        if not fts5_available():
            raise KnowledgeUnavailable(Message("fts5_missing", {"sqlite": sqlite3.sqlite_version}))
        self.language = language
        self._db: sqlite3.Connection | None = None  # the index, once a search needed it
        self._origin: KnowledgeBase | None = None  # a copy's: its index is copied from there
        self._origin_rows: dict[int, str] = {}  # the origin's rows when it was copied
        self._unindexed: list[int] = []  # rows for the index when it is made
        self._dropped: list[int] = []  # rows of the origin's index this copy replaced
        self._articles: dict[str, Article] = {}
        self._rows: dict[int, str] = {}  # rowid -> article id
        self._own: set[int] = set()  # the rowids of a scenario's own articles
        self._spans: dict[str, tuple[tuple[int, int], ...]] = {}
        self.add(articles)

    def copy(self) -> KnowledgeBase:
        """A base of its own with the same articles (the index copied, not rebuilt)."""
        twin = KnowledgeBase(self.language)
        if self._db is not None:
            twin._db = sqlite3.connect(":memory:", check_same_thread=False)
            self._db.backup(twin._db)
        else:
            twin._origin, twin._origin_rows = self, dict(self._rows)
        twin._articles = dict(self._articles)
        twin._rows = dict(self._rows)
        twin._own = set(self._own)
        twin._spans = dict(self._spans)
        return twin

    def add(self, articles: Iterable[Article], own: bool = False) -> None:
        """Add articles; one with the id of an article already there replaces it (a
        scenario's own article before the shared one). ``own``: a scenario's own articles,
        ranked before shared ones that match about as well (``OWN_BOOST``)."""
        added = []
        for article in articles:
            if article.id in self._articles:
                self._remove(article.id)
            rowid = max(self._rows, default=0) + 1
            self._articles[article.id] = article
            self._rows[rowid] = article.id
            if own:
                self._own.add(rowid)
            added.append(rowid)
        if self._db is None:
            self._unindexed += added
        else:
            self._insert(added)

    def _insert(self, rowids: list[int]) -> None:
        """Index these rows (their words' stems, and places for the snippets)."""
        assert self._db is not None
        rows = []
        for rowid in rowids:
            article = self._articles[self._rows[rowid]]
            body = _words(article.text, self.language)
            keywords = " ".join(getattr(article, "keywords", []))
            rows.append(
                (
                    rowid,
                    _words(article.title, self.language).stems,
                    body.stems,
                    _words(keywords, self.language).stems,
                )
            )
            self._spans[article.id] = body.spans
        with self._db:
            self._db.executemany(
                "INSERT INTO kb(rowid, title, body, keywords) VALUES(?,?,?,?)", rows
            )

    def _index(self) -> sqlite3.Connection:
        """The index, made now if it was not yet."""
        if self._db is not None:
            return self._db
        db = sqlite3.connect(":memory:", check_same_thread=False)
        origin = self._origin
        if origin is not None and origin._rows != self._origin_rows:
            # (the origin changed since the copy: this base's own articles, indexed afresh)
            origin, self._unindexed, self._dropped = None, list(self._rows), []
        if origin is not None:
            origin._index().backup(db)
            with db:
                db.executemany("DELETE FROM kb WHERE rowid = ?", [(r,) for r in self._dropped])
            kept = set(self._articles)
            self._spans = {a: s for a, s in origin._spans.items() if a in kept} | self._spans
        else:
            db.execute(_SCHEMA)
            db.execute(
                "INSERT INTO kb(kb, rank) VALUES('rank', ?)",
                (f"bm25({TITLE_WEIGHT}, 1.0, {KEYWORD_WEIGHT})",),
            )
        self._db, self._origin, self._origin_rows = db, None, {}
        unindexed, self._unindexed, self._dropped = self._unindexed, [], []
        self._insert(unindexed)
        return db

    def _remove(self, article_id: str) -> None:
        rowid = next(r for r, a in self._rows.items() if a == article_id)
        if self._db is not None:
            with self._db:
                self._db.execute("DELETE FROM kb WHERE rowid = ?", (rowid,))
        elif rowid in self._unindexed:
            self._unindexed.remove(rowid)
        else:  # (in the index of the base this one was copied from)
            self._dropped.append(rowid)
        del self._rows[rowid], self._articles[article_id]
        self._spans.pop(article_id, None)
        self._own.discard(rowid)

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles.values())

    def article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        return self._articles.get(article_id)

    def titles(self) -> list[Hit]:
        """Every article by title, for an empty search box: a scenario's own ones first."""
        own = {self._rows[rowid] for rowid in self._own}
        ordered = sorted(self._articles.values(), key=lambda a: (a.id not in own, fold(a.title)))
        return [Hit(a.id, a.title, "") for a in ordered]

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The articles best matching what was typed, best first, at most ``limit``. Any
        text is a query: quotes, brackets or FTS5's own operators are words or nothing here,
        never syntax; a query without a word finds nothing."""
        groups = self._query(query)
        if not groups or limit <= 0:
            return []
        found = self._ranked(" AND ".join(groups), limit)
        if not found and len(groups) > 1:
            found = self._ranked(" OR ".join(groups), limit)
        return [self._hit(rowid, marked) for rowid, marked in found]

    def _query(self, query: str) -> list[str]:
        """The FTS5 expression of each typed word: its forms as quoted strings (so nothing the
        trainee types is read as syntax), the last one as a prefix while it is being typed."""
        words = [m.group() for m in _WORD.finditer(query)]
        stop = _STOPWORDS.get(self.language, frozenset())
        typing = bool(words) and not query[-1:].isspace() and _WORD.search(query[-1:]) is not None
        kept = [(i, w) for i, w in enumerate(words) if fold(w) not in stop] or list(
            enumerate(words)
        )
        groups = []
        for index, word in kept:
            forms = sorted(_query_forms(word, self.language))
            if typing and index == len(words) - 1:
                alternatives = [f'"{f}"*' for f in forms] + [f'"{fold(word)}"*']
            else:
                alternatives = [f'"{f}"' for f in forms]
            alternatives = [a for a in alternatives if not a.startswith('""')]
            if alternatives:  # (a word of accents only folds to nothing)
                groups.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
        return groups

    def _ranked(self, expression: str, limit: int) -> list[tuple[int, str]]:
        """The best ``limit`` rows (bm25, lower is better; a scenario's own boosted) with
        their text column highlighted: FTS5 computes ``highlight`` for these rows only."""
        db = self._index()
        rows = db.execute(
            "SELECT rowid, rank FROM kb WHERE kb MATCH ? ORDER BY rank LIMIT ?",
            (expression, limit + len(self._own)),
        ).fetchall()
        rows.sort(key=lambda row: row[1] * (OWN_BOOST if row[0] in self._own else 1.0))
        marked = []
        for rowid, _rank in rows[:limit]:
            (body,) = db.execute(
                "SELECT highlight(kb, 1, ?, ?) FROM kb WHERE kb MATCH ? AND rowid = ?",
                (_MARK_OPEN, _MARK_CLOSE, expression, rowid),
            ).fetchone()
            marked.append((rowid, body))
        return marked

    def _hit(self, rowid: int, marked: str) -> Hit:
        article = self._articles[self._rows[rowid]]
        snippet, marks = _snippet(article.text, self._spans[article.id], _marked_words(marked))
        return Hit(article.id, article.title, snippet, marks)


def _marked_words(marked: str) -> list[int]:
    """The indexes of the words FTS5 marked in a highlighted stems column."""
    found, inside = [], False
    for index, token in enumerate(marked.split(" ")):
        starts, ends = _MARK_OPEN in token, _MARK_CLOSE in token
        if starts or inside:
            found.append(index)
        inside = (inside or starts) and not ends
    return found


def _snippet(
    text: str, spans: Sequence[tuple[int, int]], hits: Sequence[int]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``SNIPPET_WORDS`` words of ``text`` around the most matches, on one line, with
    '…' where it is cut, and where the matched words stand in it."""
    if not spans:
        return "", ()
    start = 0
    if hits:
        best = max(hits, key=lambda h: sum(h <= o < h + SNIPPET_WORDS - 3 for o in hits))
        start = max(0, min(best - 3, len(spans) - SNIPPET_WORDS))
    end = min(len(spans), start + SNIPPET_WORDS)
    wanted = set(hits)
    parts: list[str] = ["…"] if start > 0 else []
    length = len(parts[0]) if parts else 0
    marks = []
    for index in range(start, end):
        if index > start:
            gap = _SPACE.sub(" ", text[spans[index - 1][1] : spans[index][0]])
            parts.append(gap)
            length += len(gap)
        a, b = spans[index]
        if index in wanted:
            marks.append((length, length + b - a))
        parts.append(text[a:b])
        length += b - a
    if end < len(spans):
        parts.append(" …")
    else:  # the text's last word: its full stop too
        parts.append(_SPACE.sub(" ", text[spans[-1][1] :]))
    return "".join(parts).rstrip(), tuple(marks)


# -- the bases of a session ----------------------------------------------------------------------
@lru_cache(maxsize=8)
def shared_base(exercises: Path, language: str) -> KnowledgeBase:
    """The shared knowledge base of a language, built once; broken files are left out (the
    command ``simultaan validate`` says why). The articles come from the content cache when
    no file changed since they were read (no YAML parser in a call's memory: 1.1 MB)."""
    from trainer.core.content_cache import cached

    def read() -> list[KnowledgeArticle]:
        return load_knowledge(knowledge_files(exercises, language)).articles.get(language, [])

    return KnowledgeBase(language, cached([exercises / language / FOLDER], read))


def session_base(
    exercises: Path | None, language: str, inline: Iterable[Article] = ()
) -> KnowledgeBase:
    """What a session searches: the language's shared base (none without ``exercises``) and
    the scenario's own articles, which win over a shared one of the same id."""
    base = shared_base(exercises, language).copy() if exercises is not None else None
    if base is None:
        base = KnowledgeBase(language)
    base.add(inline, own=True)
    return base
