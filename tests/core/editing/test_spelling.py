"""Spell checking (editor.core.editing.spelling): the words checked, the speller, the dictionary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.editing import spelling
from editor.core.editing.spelling import (
    PersonalDictionary,
    Speller,
    british_spelling,
    check_lines,
    dictionary_path,
    speller_language,
    words_in_line,
    words_in_text,
)
from editor.core.editing.word_list import cache_file


def _words(line: str, kind: str = "body") -> list[str]:
    return [w.text for w in words_in_line(line, kind)]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def speller(tmp_path_factory: pytest.TempPathFactory) -> Speller:
    return Speller("en", cache=tmp_path_factory.mktemp("cache"))


def test_prose_words_are_checked_with_their_places() -> None:
    words = words_in_line("A *quick* brown fox, don’t it?")
    assert [(w.start, w.end, w.text) for w in words] == [
        (3, 8, "quick"),
        (10, 15, "brown"),
        (16, 19, "fox"),
        (21, 26, "don't"),
        (27, 29, "it"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "`wrng code` here",
        "see https://exampel.com/pathh and www.sitte.org",
        "an <https://autolnk.io> and <mailme@exampel.com>",
        '<span class="clss">',
        "{{< figur src=x >}}",
        "{{% notte %}}",
        "[here](/postz/fooo) [there][reff]",
        "[reff]: https://exampel.com Titel",
        "snake_cse camelCse iPhne HTMLPrser v2beta hugo.tml a/pth @usr #tagg",
        "<!-- commnt -->",
        "&nbsp;",
    ],
)
def test_what_is_no_prose_is_skipped(line: str) -> None:
    assert set(_words(line)) <= {"code", "here", "see", "and", "an", "there"}


def test_front_matter_keys_are_skipped_and_only_prose_values_checked() -> None:
    assert _words('title: "Helo world"', "front_matter") == ["Helo", "world"]
    assert _words('description = "Shrt"', "front_matter") == ["Shrt"]
    assert _words("slug: my-postt", "front_matter") == []
    assert _words("tags: [golang]", "front_matter") == []
    assert _words("anything here", "code") == []


def test_a_post_skips_front_matter_keys_and_fenced_code() -> None:
    text = "---\ntitle: Helo\ndraft: true\n---\n\nSome txt.\n\n```go\nfunc mian() {}\n```\nEnd.\n"
    assert [(n, w.text) for n, w in words_in_text(text)] == [
        (2, "Helo"),
        (6, "Some"),
        (6, "txt"),
        (11, "End"),
    ]


def test_a_pelican_post_s_metadata_lines_are_front_matter() -> None:
    text = "Title: Helo\nSlug: my-postt\nTags: golang\n\nNote: txt.\n"
    assert [(n, w.text) for n, w in words_in_text(text, meta=True)] == [
        (1, "Helo"),
        (5, "Note"),
        (5, "txt"),
    ]
    assert (1, "Title") in [(n, w.text) for n, w in words_in_text(text)]  # Hugo: body


@given(st.text(max_size=80))
def test_words_are_always_slices_of_the_line(line: str) -> None:
    for word in words_in_line(line):
        assert line[word.start : word.end].replace("’", "'") == word.text
        assert word.text.strip()


def test_languages_map_to_pyspellchecker_or_to_none() -> None:
    assert speller_language("en-us") == "en"
    assert speller_language("pt-BR") == "pt"
    assert speller_language("fa") == "fa"
    assert speller_language("ja") is None
    assert speller_language("") is None


def test_the_speller_finds_misspellings_and_suggests_in_case(speller: Speller) -> None:
    found = check_lines(speller, [(4, "Teh speling is fine", "body"), (5, "# Wrold", "body")])
    assert [(m.key, m.start, m.end, m.word) for m in found] == [
        (4, 0, 3, "Teh"),
        (4, 4, 11, "speling"),
        (5, 2, 7, "Wrold"),
    ]
    assert "spelling" in speller.suggestions("speling")
    assert speller.suggestions("Wrold")[0] == "World"


def test_accepted_words_are_no_longer_misspelled(speller: Speller) -> None:
    assert speller.misspelled(["Inkpostt"]) == {"Inkpostt"}
    speller.accept("inkpostt")
    assert speller.misspelled(["Inkpostt"]) == set()


def test_software_terms_are_spelled_right_and_typos_of_them_are_not(speller: Speller) -> None:
    text = (
        "The backend reads its config from Kubernetes, nginx proxies the microservices and "
        "the hostname goes in the frontend's metadata. Recieve the kubernets confg."
    )
    found = check_lines(speller, [(1, text, "body")])
    assert [m.word for m in found] == ["Recieve", "kubernets", "confg"]
    assert speller.suggestions("recieve")[0] == "receive"  # pyspellchecker's, unchanged


def test_software_terms_one_edit_away_are_suggested_in_their_own_case(speller: Speller) -> None:
    assert speller.suggestions("kubernets")[0] == "Kubernetes"  # before two-edit words
    assert speller.suggestions("Bakend") == ["Baked", "Backend"]  # after one-edit words
    assert "Kubernetes" not in speller.suggestions("kubernetes")  # the word itself: none


def test_a_possessive_is_spelled_right_when_its_word_is(speller: Speller) -> None:
    words = ["Linkerd's", "Kubernetes's", "user's", "Linkerdd's", "Teh's"]
    assert _words(" ".join(words)) == words
    assert speller.misspelled(words) == {"Linkerdd's", "Teh's"}


def test_a_word_in_a_script_the_dictionary_lacks_is_not_checked(tmp_path: Path) -> None:
    english = Speller("en", cache=tmp_path)
    assert english.misspelled(["使用", "Ελληνικά", "Wrold", "Gödel"]) == {"Wrold"}
    assert _words("Hugo中文 and 日本語の記事 Wrold") == ["and", "Wrold"]
    russian = Speller("ru", cache=tmp_path)
    assert russian.misspelled(["backend", "привет", "првиет"]) == {"првиет"}


def test_the_software_terms_are_words_a_post_can_hold() -> None:
    """technical_words.txt (beside the module, so in the wheel): one word a line, each one a
    word the checker reads as a whole (no digits, dots, hyphens), no hexspeak."""
    path = Path(spelling.__file__).with_name("technical_words.txt")
    entries = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    assert len(entries) > 4000
    assert len({e.lower() for e in entries}) == len(entries)
    for entry in entries:
        assert _words(entry) in ([entry], []), entry  # [] : skipped (camelCase, acronyms)
        assert not re.fullmatch(r"[a-fA-F]{4,}", entry), entry
    assert {"kubernetes", "backend", "config"} <= set(spelling.technical_words().keys())
    assert path.with_name("technical_words.LICENSE").read_text().startswith("The MIT License")


def test_a_site_spelled_the_british_way_takes_the_british_forms(tmp_path: Path) -> None:
    assert british_spelling("en-GB") and british_spelling("en_au") and british_spelling("EN-nz")
    assert not any(british_spelling(code) for code in ("en-US", "en", "fr-CA", "", "de-gb"))
    words = ["colour", "behaviour", "organisation", "recieve", "Behaviour's", "color"]
    assert Speller("en", cache=tmp_path).misspelled(words) == set(words) - {"color"}
    british = Speller("en", cache=tmp_path, british=True)
    assert british.misspelled(words) == {"recieve"}
    assert british.suggestions("behavour") == ["behaviour"]  # pyspellchecker's "behavior"
    assert british.suggestions("Organisaton") == ["Organisation"]
    assert Speller("fr", cache=tmp_path, british=True).misspelled(["colour"]) == {"colour"}


def test_other_languages_load_their_own_dictionary(tmp_path: Path) -> None:
    french = Speller("fr", personal=["Kroumir"], cache=tmp_path)
    assert french.misspelled(["bonjour", "Kroumir", "bonjoor"]) == {"bonjoor"}
    assert [p.name for p in (tmp_path / "spelling").iterdir()] == [cache_file("fr", tmp_path).name]


def test_the_personal_dictionary_is_one_word_a_line_under_the_site(tmp_path: Path) -> None:
    path = dictionary_path(tmp_path)
    assert path == tmp_path / ".inkpost" / "dictionary.txt"
    dictionary = PersonalDictionary(path)
    assert dictionary.words == set()
    dictionary.add("Zola")
    dictionary.add("hugo")
    dictionary.add("Zola")
    assert path.read_text(encoding="utf-8") == "hugo\nZola\n"
    assert PersonalDictionary(path).words == {"hugo", "Zola"}
