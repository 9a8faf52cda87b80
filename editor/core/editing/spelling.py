"""Offline spell checking of a post: which words to check, and a checker for the site's language.

`words_in_line(line, kind)` finds the words of one line worth checking: in the body, not in
inline code, URLs, autolinks, HTML tags, shortcodes or link targets, and no word with digits,
underscores, inner capitals (`camelCase`, `iPhone`) or Chinese, Japanese and Korean characters,
nor dotted names (`hugo.toml`); in front matter only the values of the prose keys (title,
description, ...); in fenced code nothing.
`words_in_text(text)` does it for a whole post (front matter and fences found here).

`Speller` checks against pyspellchecker's word lists (they ship with it, nothing is fetched)
for one of its languages (`speller_language("pt-BR") -> "pt"`, None for a language it has not),
kept as a memory-mapped trie in the cache folder (editor.core.editing.word_list), plus the
software terms of `technical_words.txt` beside this module (cspell's software dictionaries:
"backend", "config", "Kubernetes", "nginx"... which pyspellchecker's lists lack, and which a
technical blog writes in every paragraph), plus the site's personal dictionary
(`PersonalDictionary`: `.inkpost/dictionary.txt` under the site, one word a line, written
atomically). A possessive ("Kubernetes's", "Linkerd's") is spelled right when its word is; a
word with no letter of the dictionary's alphabet (Chinese in an English post, Latin in a
Russian one) is not checked: that dictionary cannot tell. pyspellchecker has one English, which
flags "behaviour" and "organise": for a site whose language code names a country that spells
the British way (`british_spelling("en-GB")`), the British forms of breame's 1,700 pairs
("colour" for "color") are spelled right too, and suggestions come in their British form.
Suggestions are pyspellchecker's, with the software terms one edit away. `check_lines` is the
pure function a worker runs.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import marisa_trie

from editor.core.editing.word_list import WordList
from editor.core.folders import folders
from editor.core.post.frontmatter import line_of, split_front_matter
from editor.core.post.storage import atomic_write, read_bytes

__all__ = [
    "BRITISH_REGIONS",
    "SUPPORTED_LANGUAGES",
    "LineKind",
    "Misspelling",
    "PersonalDictionary",
    "Speller",
    "Word",
    "british_spelling",
    "check_lines",
    "dictionary_path",
    "speller_language",
    "words_in_line",
    "words_in_text",
]

LineKind = Literal["body", "front_matter", "code"]
SUPPORTED_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "ru", "ar", "lv", "eu", "nl", "fa")
# the front matter keys whose values are prose
PROSE_KEYS = frozenset({"title", "description", "summary", "subtitle", "linktitle", "caption"})

_SKIPPED = re.compile(
    r"(`+)(?!`).*?(?<!`)\1(?!`)"  # inline code
    r"|<!--.*?(?:-->|$)"  # HTML comment
    r"|\{\{[<%].*?(?:[>%]\}\}|$)"  # shortcode
    r"|<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>"  # autolink
    r"|<[^\s@<>]+@[^\s<>]+>"  # e-mail autolink
    r"|</?[A-Za-z][^<>]*>"  # HTML tag
    r"|\]\([^)]*\)?"  # link target
    r"|\]\[[^\]]*\]"  # reference link's label
    r"|\b(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)\S*"  # URL
    r"|[^\s@]+@[^\s@]+\.\w+"  # e-mail address
    r"|&#?\w+;",  # entity
)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")
_RUN = re.compile(r"[\w'’]+")
_INNER_CAPITAL = re.compile(r"[a-zà-ÿ].*[A-ZÀ-Þ]|[A-ZÀ-Þ]{2,}.*[a-zß-ÿ]")
_FM_VALUE = re.compile(r"""^\s*["']?([\w.-]+)["']?\s*[:=]\s*""")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_JOINERS_BEFORE = "./\\@#$%&~"
_JOINERS_AFTER = "/\\@"


@dataclass(frozen=True, slots=True)
class Word:
    """A word to check: `line[start:end]` (Python indexes) and the word, apostrophes plain."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A misspelled word of line `key` (a block number, a 1-based line: the caller's)."""

    key: int
    start: int
    end: int
    word: str


def _masked(line: str) -> str:
    """`line` with the spans that are no prose blanked out (indexes kept)."""
    if _REFERENCE_DEFINITION.match(line):
        return ""
    return _SKIPPED.sub(lambda m: " " * len(m.group()), line)


# Chinese, Japanese and Korean characters: no dictionary here has them, and their words run
# together without spaces (a run such as "Hugo中文" is not one word to check).
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]")


def _is_checked(run: str) -> bool:
    if any(c.isdigit() or c == "_" for c in run) or _CJK.search(run):
        return False
    if len(run) < 2 or run.isupper():  # "I", "a"; acronyms
        return False
    return _INNER_CAPITAL.search(run) is None


def _joined(line: str, start: int, end: int) -> bool:
    """The run is part of a name, a path or a tag: hugo.toml, a/b, @user, #tag, $var."""
    before = line[start - 1] if start else " "
    after = line[end : end + 2].ljust(2)
    return (
        before in _JOINERS_BEFORE
        or after[0] in _JOINERS_AFTER
        or (after[0] == "." and after[1].isalnum())
    )


def words_in_line(line: str, kind: LineKind = "body") -> list[Word]:
    """The words of `line` to check; see the module docstring."""
    if kind == "code":
        return []
    offset = 0
    if kind == "front_matter":
        value = _FM_VALUE.match(line)
        if value is None or value.group(1).lower() not in PROSE_KEYS:
            return []
        offset = value.end()
    masked = _masked(line)
    words: list[Word] = []
    for match in _RUN.finditer(masked, offset):
        start, end = match.span()
        run = match.group()
        stripped = run.strip("_'’")
        start += len(run) - len(run.lstrip("_'’"))
        end = start + len(stripped)
        if not stripped or not _is_checked(stripped):
            continue
        if _joined(masked, start, end):
            continue
        words.append(Word(start, end, stripped.replace("’", "'")))
    return words


def words_in_text(text: str, meta: bool = False) -> Iterator[tuple[int, Word]]:
    """(1-based line, word) for every word of `text` to check (`meta`: the site reads
    `Key: value` metadata lines, see `split_front_matter`)."""
    split = split_front_matter(text, meta)
    fm_last = line_of(text, split.body_start) - 1 if split.fm_format else 0
    fence = ""
    for number, line in enumerate(text.split("\n"), start=1):
        kind: LineKind = "body"
        if number <= fm_last:
            kind = "front_matter"
        elif fence:
            kind = "code"
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
                fence = ""
        elif (opened := _FENCE.match(line)) is not None:
            fence, kind = opened.group(1), "code"
        for word in words_in_line(line, kind):
            yield number, word


def speller_language(code: str) -> str | None:
    """pyspellchecker's language for a site's language code ("pt-BR" -> "pt"), or None."""
    primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return primary if primary in SUPPORTED_LANGUAGES else None


# English of these countries spells the British way ("colour", "organise"; Canada's mixes
# both): their sites take the British forms as well as pyspellchecker's (American) ones.
BRITISH_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in", "ca"})


def british_spelling(code: str) -> bool:
    """Whether a site's language code ("en-GB", "en_au") is an English spelled the British way."""
    parts = re.split(r"[-_]", code.strip().lower())
    return parts[0] == "en" and len(parts) > 1 and parts[1] in BRITISH_REGIONS


def _british_forms() -> tuple[dict[str, str], dict[str, str]]:
    """breame's pairs: British -> American spelling, American -> British (lower case)."""
    from breame.data.spelling_constants import (  # only for sites spelled the British way
        AMERICAN_ENGLISH_SPELLINGS,
        BRITISH_ENGLISH_SPELLINGS,
    )

    return BRITISH_ENGLISH_SPELLINGS, AMERICAN_ENGLISH_SPELLINGS


def dictionary_path(site_root: Path) -> Path:
    return site_root / ".inkpost" / "dictionary.txt"


class PersonalDictionary:
    """The site's own words: `.inkpost/dictionary.txt`, one a line (read once, written whole)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            raw = read_bytes(path).decode("utf-8", errors="replace")
        except OSError:
            raw = ""
            if path.exists():  # unreadable: start empty, and never overwrite it
                self.path = Path()
        self.words: set[str] = {w.strip() for w in raw.splitlines() if w.strip()}

    def add(self, word: str) -> None:
        """Remember `word` (raises StorageError when the file cannot be written)."""
        if word in self.words:
            return
        if self.path == Path():
            raise OSError("the personal dictionary could not be read, so it is not written")
        words = sorted(self.words | {word}, key=str.casefold)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, ("\n".join(words) + "\n").encode("utf-8"))
        self.words.add(word)


_dictionaries: dict[tuple[str, Path], WordList] = {}
_dictionaries_lock = threading.Lock()
_TECHNICAL_WORDS = Path(__file__).with_name("technical_words.txt")
_technical: list[marisa_trie.BytesTrie] = []  # loaded once, shared (under _dictionaries_lock)


def technical_words() -> marisa_trie.BytesTrie:
    """The software terms of technical_words.txt: each in lower case, mapped to its spelling
    in the file ("kubernetes" -> "Kubernetes"; a trie of ~4,300 words, ~55 KB, a few ms to
    build; an unreadable file gives none)."""
    with _dictionaries_lock:
        if not _technical:
            try:
                lines = _TECHNICAL_WORDS.read_text(encoding="utf-8").splitlines()
            except OSError:
                lines = []
            words = (line.strip() for line in lines if not line.startswith("#"))
            _technical.append(
                marisa_trie.BytesTrie(
                    (word.lower(), word.encode("utf-8")) for word in words if word
                )
            )
        return _technical[0]


def _dictionary(language: str, cache: Path) -> WordList:
    """The word list of `language`, loaded once (a few ms; the first time ever 0.5-1 s, built
    into `cache`) and then shared: the personal and ignored words are each Speller's own."""
    with _dictionaries_lock:
        key = (language, cache)
        if key not in _dictionaries:
            _dictionaries[key] = WordList.load(language, cache)
        return _dictionaries[key]


class Speller:
    """pyspellchecker's words for one language, plus personal and ignored words (thread-safe).
    `cache`: the folder its word list is kept in (default: Inkpost's cache folder)."""

    def __init__(
        self,
        language: str,
        personal: Iterable[str] = (),
        cache: Path | None = None,
        *,
        british: bool = False,
    ) -> None:
        self.language = language
        self._checker = _dictionary(language, cache if cache is not None else folders().cache)
        self._technical = technical_words()
        # British -> American, American -> British: empty unless `british` (and English)
        self._british, self._to_british = (
            _british_forms() if british and language == "en" else ({}, {})
        )
        self._alphabet = frozenset(self._checker.letters)
        self._lock = threading.Lock()
        self._accepted: set[str] = {w.lower() for w in personal}

    def accept(self, word: str) -> None:
        """Take `word` as spelled right from now on (added to the dictionary, or ignored)."""
        with self._lock:
            self._accepted.add(word.lower())

    def misspelled(self, words: Iterable[str]) -> set[str]:
        """The words of `words` the dictionary does not know (as given, any case)."""
        unique = set(words)
        with self._lock:
            lowered = {
                w: low
                for w in unique
                if not self._taken(low := w.lower()) and not self._alphabet.isdisjoint(low)
            }
            unknown = self._checker.unknown(lowered.values())
            unknown = {
                low
                for low in unknown
                if not (low.endswith("'s") and self._known(low[:-2]))  # a possessive
            }
        return {w for w, low in lowered.items() if low in unknown}

    def _taken(self, low: str) -> bool:
        """Accepted by the user, a software term, or a British form the site spells (lower
        case)."""
        return low in self._accepted or low in self._technical or low in self._british

    def _known(self, low: str) -> bool:
        return bool(low) and (self._taken(low) or low in self._checker)

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        """Known words close to `word`: pyspellchecker's, the most frequent first, with the
        software terms one edit away (after the dictionary's words one edit away, before its
        words two edits away), in `word`'s case (a term keeps its own capitals: "Kubernetes")."""
        low = word.lower()
        with self._lock:
            found = self._checker.candidates(low) or set()
            ranked = sorted(found, key=lambda w: (-self._checker.frequency(w), w))
            edits = self._checker.edits(low) - {low}
            terms = sorted(
                {self._technical[e][0].decode("utf-8") for e in edits if e in self._technical}
            )
        if terms:
            near = bool(found & edits)  # the dictionary's are one edit away too
            taken = {term.lower() for term in terms}
            ranked = [w for w in ranked if w not in taken]
            ranked = ranked + terms if near else terms + ranked
        if self._to_british:  # "behavior" -> "behaviour", once
            ranked = list(dict.fromkeys(self._to_british.get(w, w) for w in ranked))
        ranked = ranked[:limit]
        if word[:1].isupper():
            ranked = [w[:1].upper() + w[1:] for w in ranked]
        return [w for w in ranked if w != word]


def check_lines(speller: Speller, lines: Sequence[tuple[int, str, LineKind]]) -> list[Misspelling]:
    """The misspelled words of `lines`, each (key, text, kind); the worker's whole job."""
    found = [(key, word) for key, text, kind in lines for word in words_in_line(text, kind)]
    wrong = speller.misspelled(word.text for _key, word in found)
    return [
        Misspelling(key, word.start, word.end, word.text)
        for key, word in found
        if word.text in wrong
    ]
