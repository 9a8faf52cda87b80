"""A language's known words and their frequencies, small and shared: pyspellchecker's word
list in a marisa trie on disk, mapped into memory.

pyspellchecker keeps its word-frequency list as a Python dict (English: 160,000 words, ~26 MiB
of heap in the GUI process for as long as it runs, and ~14 MiB more left behind by the JSON it
parses). `WordList.load(language, cache)` reads the same words from
`<cache>/spelling/<language>-<its source file's stamp>-v<FORMAT>.marisa` (about 0.6 MiB for
English, memory-mapped: clean pages the kernel shares and drops at will). A missing or
damaged file is built first by a child process (`python -m editor.core.editing.word_list
LANGUAGE FILE`, 0.5-1 s), so the parse's garbage never reaches the GUI's heap; when that
fails (no cache folder, no child), the list is built in this process instead.

`candidates` and `frequency` are pyspellchecker's (edit distance 1, else 2, over the letters
of the word list; the same filter of what is checked), so suggestions rank as they did.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import itertools
import json
import os
import pkgutil
import string
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import marisa_trie

__all__ = ["FORMAT", "WordList", "build_file", "cache_file"]

FORMAT = 1  # the file's layout; a new one is built when it changes
BUILD_TIMEOUT_S = 120
_META = " meta"  # the key of the list's letters and longest word (no word has a space)
_FREQUENCY = struct.Struct("<Q")


def _source_stamp(language: str) -> str:
    """pyspellchecker's file of `language`, as its size and time (found without importing
    pyspellchecker, nor importlib.metadata: 5 MiB and 100 modules in the GUI)."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or spec.origin is None:
        return "none"
    try:
        found = (Path(spec.origin).parent / "resources" / f"{language}.json.gz").stat()
    except OSError:
        return "none"
    return f"{found.st_size:x}{found.st_mtime_ns:x}"


def cache_file(language: str, cache: Path) -> Path:
    """Where `language`'s word list is kept under the cache folder `cache` (named after
    pyspellchecker's file, so an upgrade that changes it builds a new one)."""
    return cache / "spelling" / f"{language}-{_source_stamp(language)}-v{FORMAT}.marisa"


def _pairs(language: str) -> tuple[dict[str, int], str, int]:
    """pyspellchecker's words of `language` with their counts, read as its SpellChecker reads
    them (lower case; the counts of words that differ only in case summed), its letters and
    its longest word's length; without its SpellChecker, which keeps two more copies."""
    raw = pkgutil.get_data("spellchecker", f"resources/{language}.json.gz")
    if raw is None:
        raise ValueError(f"pyspellchecker has no dictionary for {language!r}")
    words: dict[str, int] = json.loads(gzip.decompress(raw))
    del raw
    for word in [w for w in words if w != w.lower()]:  # in place: no second copy
        count = words.pop(word)
        words[word.lower()] = words.get(word.lower(), 0) + count
    letters = "".join(sorted(set().union(*words)))
    return words, letters, max(map(len, words), default=0)


def _trie(language: str) -> marisa_trie.BytesTrie:
    words, letters, longest = _pairs(language)
    meta = json.dumps({"letters": letters, "longest": longest}).encode("utf-8")
    pack = _FREQUENCY.pack
    items = itertools.chain(((word, pack(count)) for word, count in words.items()), [(_META, meta)])
    return marisa_trie.BytesTrie(items)


def build_file(language: str, path: Path) -> None:
    """Write `language`'s word list to `path` (atomically: a reader sees all of it or none)."""
    trie = _trie(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        trie.save(temporary)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _build_in_child(language: str, path: Path) -> bool:
    """Build the file in a child process; False when that did not work."""
    command = [sys.executable, "-m", "editor.core.editing.word_list", language, str(path)]
    try:
        subprocess.run(
            command,
            check=True,
            capture_output=True,
            timeout=BUILD_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return path.is_file()


class WordList:
    """The known words of one language, with pyspellchecker's frequencies and candidates."""

    def __init__(self, trie: marisa_trie.BytesTrie) -> None:
        self._trie = trie
        meta: dict[str, Any] = json.loads(trie[_META][0])
        self.letters: str = meta["letters"]
        self.longest: int = meta["longest"]

    @classmethod
    def load(cls, language: str, cache: Path | None) -> WordList:
        """`language`'s list from the cache folder (built there first when missing), or built
        in this process when the cache cannot be used."""
        if cache is not None:
            path = cache_file(language, cache)
            for _attempt in range(2):  # a damaged file is built again, once
                if not (path.is_file() or _build_in_child(language, path)):
                    break
                try:
                    return cls(marisa_trie.BytesTrie().mmap(str(path)))
                except (OSError, RuntimeError, KeyError, ValueError):  # marisa: RuntimeError
                    with contextlib.suppress(OSError):
                        path.unlink()
        return cls(_trie(language))

    def __contains__(self, word: str) -> bool:
        return word in self._trie and word != _META

    def frequency(self, word: str) -> int:
        """How often `word` (lower case) occurs in the corpus; 0 for an unknown word."""
        found = self._trie.get(word) if word != _META else None
        return _FREQUENCY.unpack(found[0])[0] if found else 0

    def should_check(self, word: str) -> bool:
        """pyspellchecker's filter: no lone punctuation, no number, nothing too long."""
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self.longest + 3:
            return False
        if word.lower() in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
        except ValueError:
            return True
        return False

    def known(self, words: Iterable[str]) -> set[str]:
        """The words of `words` (lowered) in the list."""
        lowered = (w.lower() for w in words)
        return {w for w in lowered if w in self and self.should_check(w)}

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The words of `words` (lowered) worth checking and not in the list."""
        return {w.lower() for w in words if self.should_check(w) and w.lower() not in self}

    def edits(self, word: str) -> set[str]:
        """The strings one edit (delete, transpose, replace, insert) away from `word`."""
        word = word.lower()
        if not self.should_check(word):
            return {word}
        letters = self.letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [a + b[1:] for a, b in splits if b]
        transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
        inserts = [a + c + b for a, b in splits for c in letters]
        return set(deletes + transposes + replaces + inserts)

    def candidates(self, word: str) -> set[str] | None:
        """Known words one edit from `word`, else two; `{word}` for a known word (as
        pyspellchecker's SpellChecker.candidates)."""
        if self.known([word]) or not self.should_check(word):
            return {word}
        first = self.edits(word)
        found = self.known(first)
        if found:
            return found
        lowered = [w.lower() for w in first if self.should_check(w)]
        second = {e2 for e1 in lowered for e2 in self.known(self.edits(e1))}
        return second or None


def main(argv: list[str] | None = None) -> int:
    """`python -m editor.core.editing.word_list LANGUAGE FILE`: build the file."""
    language, path = argv if argv is not None else sys.argv[1:]
    build_file(language, Path(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
