"""The word list (editor.core.editing.word_list): pyspellchecker's words, answers and ranking,
kept in a trie file in the cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import marisa_trie
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spellchecker import SpellChecker

from editor.core.editing import word_list
from editor.core.editing.word_list import WordList, cache_file


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def words(cache: Path) -> WordList:
    return WordList.load("en", cache)


@pytest.fixture(scope="module")
def reference() -> SpellChecker:
    return SpellChecker(language="en")


def _ranked(found: set[str] | None, frequency: object) -> list[str]:
    return sorted(found or (), key=lambda w: (-frequency(w), w))  # type: ignore[operator]


# one edit, two edits, known, lone punctuation, numbers, nothing near, accents, apostrophes
MISSPELLED = [
    "speling",
    "wrold",
    "teh",
    "recieve",
    "definately",
    "accomodate",
    "asynchronus",
    "concurency",
    "rustacean",
    "zqxj",
    "spelling",
    "hugo",
    "-",
    "3.14",
    "nan",
    "cafe",
    "naïve",
    "dont",
    "it's",
]


@pytest.mark.parametrize("word", MISSPELLED)
def test_candidates_and_their_ranking_are_pyspellcheckers(
    words: WordList, reference: SpellChecker, word: str
) -> None:
    assert _ranked(words.candidates(word), words.frequency) == _ranked(
        reference.candidates(word), reference.__getitem__
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdeéfghiz'’-.0123 ", min_size=1, max_size=9), max_size=20))
def test_known_and_unknown_words_are_pyspellcheckers(
    words: WordList, reference: SpellChecker, batch: list[str]
) -> None:
    assert words.unknown(batch) == reference.unknown(batch)
    assert words.known(batch) == reference.known(batch)
    assert [words.frequency(w.lower()) for w in batch] == [reference[w] for w in batch]


def test_the_list_is_built_once_into_the_cache_folder(tmp_path: Path) -> None:
    loaded = WordList.load("en", tmp_path)
    path = cache_file("en", tmp_path)
    assert path.is_file() and path.stat().st_size < 2 * 1024 * 1024
    assert list(path.parent.iterdir()) == [path]  # no temporary file left
    os.utime(path, (1, 1))
    again = WordList.load("en", tmp_path)
    assert path.stat().st_mtime == 1  # read, not built again
    assert "spelling" in again and "speling" not in loaded


def test_a_damaged_file_is_built_again(tmp_path: Path) -> None:
    path = cache_file("en", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a trie")
    assert "world" in WordList.load("en", tmp_path)
    assert path.stat().st_size > 1000


def test_without_a_usable_cache_the_list_is_built_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    assert "world" in WordList.load("en", blocked)
    monkeypatch.setattr(word_list, "_build_in_child", lambda _language, _path: False)
    fresh = WordList.load("en", tmp_path / "cache")
    assert "world" in fresh and "wrold" not in fresh
    assert not (tmp_path / "cache" / "spelling").exists()


def test_the_child_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "fr.marisa"
    assert word_list._build_in_child("fr", path)
    french = WordList.load("fr", None)
    mapped = WordList(marisa_trie.BytesTrie().mmap(str(path)))
    assert mapped.letters == french.letters and mapped.longest == french.longest
    assert "bonjour" in mapped and mapped.frequency("bonjour") == french.frequency("bonjour") > 0


def test_a_process_reading_the_file_loads_neither_pyspellchecker_nor_metadata(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from editor.core.editing.spelling import Speller\n"
        "speller = Speller('en', cache=Path(sys.argv[1]))\n"
        "assert speller.misspelled(['Wrold', 'world']) == {'Wrold'}\n"
        "assert speller.suggestions('Wrold')[0] == 'World'\n"
        "print(sorted(m for m in ('spellchecker', 'importlib.metadata') if m in sys.modules))\n"
    )
    for _ in range(2):  # the first builds the file (in a child), the second only reads it
        done = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=Path(__file__).parents[3],
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]"
    assert cache_file("en", tmp_path).is_file()


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_words_read_are_those_pyspellchecker_loads(language: str) -> None:
    words, letters, longest = word_list._pairs(language)
    loaded = SpellChecker(language=language).word_frequency
    assert words == dict(loaded.dictionary)
    assert set(letters) == loaded.letters and longest == loaded.longest_word_length
