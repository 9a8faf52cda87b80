"""The front matter form model: fields per generator, the site's keys, lossless field edits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.post.form import edit_extra, edit_field, format_date_like, front_part, read_form
from editor.core.post.frontmatter import read_front_matter
from editor.core.post.model import PostError
from editor.core.post.schema import (
    case_variants,
    infer_type,
    observe_keys,
    scan_keys,
    site_schema,
    standard_fields,
)

HUGO = site_schema("hugo", {"series": "list", "toc": "bool", "weight": "number"})
YAML_POST = (
    "---\n"
    "# a comment\n"
    "title: 'Hello' # kept\n"
    "date: 2026-03-09\n"
    "tags: [Rust, go]\n"
    "series: [one]\n"
    "draft: false\n"
    "---\n"
    "The body.\n"
)


def changed_lines(old: str, new: str) -> list[int]:
    a, b = old.split("\n"), new.split("\n")
    assert len(a) == len(b)
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


def test_standard_fields_use_each_generators_keys() -> None:
    zola = {spec.name: spec.path for spec in standard_fields("zola")}
    assert zola["tags"] == ("taxonomies", "tags")
    assert zola["lastmod"] == ("updated",)
    jekyll = {spec.name: spec for spec in standard_fields("jekyll")}
    assert jekyll["draft"].path == ("published",) and jekyll["draft"].type == "bool"
    pelican = {spec.name: spec for spec in standard_fields("pelican")}
    assert pelican["tags"].path == ("Tags",) and pelican["tags"].shape == "csv"
    assert pelican["date"].path == ("Date",)
    hugo = {spec.name for spec in standard_fields("hugo")}
    assert {"summary", "description", "slug", "authors", "image"} <= hugo


def test_read_form_values_and_extra_keys() -> None:
    state = read_form(YAML_POST, HUGO)
    assert state.problem is None and state.fm_format == "yaml"
    assert state.values["title"] == "Hello"
    assert state.values["date"] == datetime(2026, 3, 9, tzinfo=UTC)
    assert state.values["tags"] == ["Rust", "go"]
    assert state.values["draft"] is False
    assert state.extra == {"series": ["one"]}
    assert state.date_text == {"date": "2026-03-09"}


def test_read_form_reads_only_the_head() -> None:
    body = "word " * 60_000 + "\n---\ntitle: [broken\n---\n"
    state = read_form(YAML_POST + body, HUGO)
    assert state.problem is None
    assert front_part(YAML_POST + body) == YAML_POST[: YAML_POST.index("The body")]


def test_broken_front_matter_gives_the_located_problem() -> None:
    state = read_form("---\ntitle: ok\ntags: [a\n---\nbody\n", HUGO)
    assert not state.editable
    assert state.problem is not None and state.problem.line in (3, 4)
    assert "YAML front matter" in state.problem.message
    assert state.values == {}
    unclosed = read_form("---\ntitle: ok\n", HUGO)
    assert unclosed.problem is not None and "never closed" in unclosed.problem.message


@pytest.mark.parametrize(
    ("name", "value", "line", "expected"),
    [
        ("title", "New title", 2, "title: 'New title' # kept"),
        ("tags", ["Rust", "go", "py"], 4, "tags: [Rust, go, py]"),
        ("draft", True, 6, "draft: true"),
    ],
)
def test_edit_changes_only_that_fields_line(
    name: str, value: object, line: int, expected: str
) -> None:
    head = front_part(YAML_POST)
    spec = HUGO.spec(name)
    assert spec is not None
    new = edit_field(head, spec, value, HUGO)
    assert changed_lines(head, new) == [line]
    assert new.split("\n")[line] == expected


def test_new_field_is_appended_and_empty_absent_field_is_no_edit() -> None:
    head = front_part(YAML_POST)
    spec = HUGO.spec("description")
    assert spec is not None
    assert edit_field(head, spec, "", HUGO) == head
    new = edit_field(head, spec, "About it", HUGO)
    assert new.startswith(head[: -len("---\n")])
    assert read_form(new, HUGO).values["description"] == "About it"


def test_date_keeps_the_posts_style() -> None:
    head = front_part(YAML_POST)
    date_spec, lastmod = HUGO.spec("date"), HUGO.spec("lastmod")
    assert date_spec is not None and lastmod is not None
    moment = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
    new = edit_field(head, date_spec, moment, HUGO)
    assert changed_lines(head, new) == [3] and new.split("\n")[3] == "date: 2026-04-01"
    added = edit_field(head, lastmod, moment, HUGO)  # takes the style of `date`
    assert "lastmod: 2026-04-01\n" in added
    offset = "---\ndate: 2026-03-09T10:00:00+01:00 # c\n---\n"
    out = edit_field(offset, date_spec, moment, HUGO)
    assert out == "---\ndate: 2026-04-02T00:30:00+01:00 # c\n---\n"
    quoted = '---\ndate: "2026-03-09 10:00:00"\n---\n'
    assert '"2026-04-01 23:30:00"' in edit_field(quoted, date_spec, moment, HUGO)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("2026-03-09", "2026-04-01"),
        ("2026-03-09T10:00:00Z", "2026-04-01T08:30:00Z"),
        ("2026-03-09T10:00:00-0500", "2026-04-01T03:30:00-0500"),
        ("2026-03-09 10:00:00", "2026-04-01 08:30:00"),
        ("2026-03-09 10:00", "2026-04-01 08:30"),  # Pelican's docs write no seconds
        ("2026-03-09T10:00+01:00", "2026-04-01T09:30+01:00"),
        ("2026-03-09T10:00:00.123+02:00", "2026-04-01T10:30:00.000+02:00"),
        ("Mon, 09 Mar 2026 10:00:00 GMT", "2026-04-01T10:30:00+02:00"),
        (None, "2026-04-01T10:30:00+02:00"),
    ],
)
def test_format_date_like(sample: str | None, expected: str) -> None:
    moment = datetime(2026, 4, 1, 10, 30, tzinfo=timezone(timedelta(hours=2)))
    assert format_date_like(moment, sample) == expected


def test_zola_taxonomies_are_read_and_edited_in_their_table() -> None:
    zola = site_schema("zola")
    text = '+++\ntitle = "x" # c\ndate = 2026-03-09\n\n[taxonomies]\ntags = ["a"]\n+++\nbody\n'
    state = read_form(text, zola)
    assert state.values["tags"] == ["a"] and state.fm_format == "toml"
    assert "taxonomies" not in state.extra
    head = front_part(text)
    tags, cats = zola.spec("tags"), zola.spec("categories")
    assert tags is not None and cats is not None
    new = edit_field(head, tags, ["a", "b"], zola)
    assert changed_lines(head, new) == [5]
    added = edit_field(head, cats, ["c"], zola)
    assert read_form(added, zola).values["categories"] == ["c"]
    assert added.startswith(head[: head.index("+++\n", 3)])


def test_jekyll_and_pelican_shapes() -> None:
    jekyll = site_schema("jekyll")
    draft = jekyll.spec("draft")
    assert draft is not None
    text = "---\ntitle: x\npublished: false\n---\n"
    assert read_form(text, jekyll).values["draft"] is True
    assert "published: true" in edit_field(text, draft, False, jekyll)
    pelican = site_schema("pelican")
    ptext = "---\nTitle: x\nTags: a, b\nStatus: draft\n---\n"
    state = read_form(ptext, pelican)
    assert state.values["tags"] == ["a", "b"] and state.values["draft"] is True
    tags = pelican.spec("tags")
    assert tags is not None
    assert "Tags: a, b, c" in edit_field(ptext, tags, ["a", "b", "c"], pelican)


def test_pelican_metadata_lines_in_the_form() -> None:
    pelican = site_schema("pelican", {"Series": "string"}, meta=True)
    text = (
        "Title: Old\nDate: 2024-01-02 10:20\nTags: a, b; c\nStatus: draft\n"
        "Series: one\n\nBody: not a key.\n"
    )
    head = front_part(text, pelican.meta)
    assert head == text[: text.index("Body")]
    state = read_form(text, pelican)
    assert state.fm_format == "meta" and state.editable
    assert state.values["title"] == "Old" and state.values["draft"] is True
    assert state.values["tags"] == ["a, b", "c"]  # Pelican: `;` when there is one
    assert state.values["date"] == datetime(2024, 1, 2, 10, 20, tzinfo=UTC)
    assert state.extra == {"Series": "one"}
    specs = {name: pelican.spec(name) for name in ("title", "tags", "draft", "date")}
    assert all(specs.values())
    edited = edit_field(head, specs["title"], "New: a title", pelican)  # type: ignore[arg-type]
    assert edited == head.replace("Title: Old", "Title: New: a title")
    edited = edit_field(head, specs["tags"], ["x, y", "z"], pelican)  # type: ignore[arg-type]
    assert changed_lines(head, edited) == [2] and "Tags: x, y; z\n" in edited
    assert read_form(edited, pelican).values["tags"] == ["x, y", "z"]
    edited = edit_field(head, specs["draft"], False, pelican)  # type: ignore[arg-type]
    assert "Status: published\n" in edited and changed_lines(head, edited) == [3]
    moment = datetime(2026, 3, 9, 8, 5, tzinfo=UTC)
    edited = edit_field(head, specs["date"], moment, pelican)  # type: ignore[arg-type]
    assert "Date: 2026-03-09 08:05\n" in edited and changed_lines(head, edited) == [1]
    assert edit_extra(head, "Series", "two", meta=True) == head.replace("one", "two")


def test_cover_image_in_a_mapping_and_extra_keys() -> None:
    text = "---\ntitle: x\ncover:\n  image: old.png\n  alt: A\n---\n"
    state = read_form(text, HUGO)
    assert state.values["image"] == "old.png"
    image = HUGO.spec("image")
    assert image is not None
    new = edit_field(text, image, "new.png", HUGO)
    assert "  image: new.png\n  alt: A\n" in new
    assert "toc: true" in edit_extra(text, "toc", True)


def test_json_front_matter_edit() -> None:
    text = '{\n  "title": "x",\n  "tags": ["a"]\n}\nbody\n'
    head = front_part(text)
    tags = HUGO.spec("tags")
    assert tags is not None
    new = edit_field(head, tags, ["a", "b"], HUGO)
    assert changed_lines(head, new) == [2]


def test_edit_of_broken_front_matter_raises() -> None:
    title = HUGO.spec("title")
    assert title is not None
    with pytest.raises(PostError):
        edit_field("---\ntitle: [x\n---\n", title, "y", HUGO)


def test_observe_keys_and_infer_type(tmp_path: Path) -> None:
    assert infer_type(True) == "bool" and infer_type(3) == "number"
    assert infer_type("2026-03-09") == "date" and infer_type("hello") == "string"
    assert infer_type(["a"]) == "list" and infer_type({"a": 1}) == "mapping"
    keys = observe_keys([{"Series": ["a"], "toc": True}, {"series": "b"}, {"series": ["c"]}])
    assert keys == {"Series": "list", "toc": "bool"}
    (tmp_path / "a.md").write_text("---\nweight: 3\nseries: [x]\n---\n")
    (tmp_path / "b.md").write_text("+++\nweight = 4\n+++\n")
    (tmp_path / "c.md").write_text("---\nbroken: [\n---\n")
    found = scan_keys([*sorted(tmp_path.glob("*.md")), tmp_path / "missing.md"])
    assert found == {"weight": "number", "series": "list"}
    schema = site_schema("hugo", {**found, "Title": "string"})
    assert dict(schema.extra) == {"weight": "number", "series": "list"}


def test_case_variants() -> None:
    assert case_variants(["rust"], ["Rust", "go"]) == [
        "'rust' differs only in case from 'Rust' used in the site"
    ]
    assert case_variants(["Rust"], ["Rust", "rust"]) == []
    assert case_variants(["Go", "go"], []) == [
        "'go' and 'Go' differ only in case: Hugo merges them"
    ]


NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(NAMES, st.lists(NAMES, max_size=4))
def test_any_title_and_tags_round_trip_and_keep_other_lines(title: str, tags: list[str]) -> None:
    head = front_part(YAML_POST)
    spec_title, spec_tags = HUGO.spec("title"), HUGO.spec("tags")
    assert spec_title is not None and spec_tags is not None
    try:
        new = edit_field(head, spec_title, title, HUGO)
        new = edit_field(new, spec_tags, tags, HUGO)
    except PostError:
        return  # a value the format cannot hold is refused, never written wrongly
    state = read_form(new, HUGO)
    assert state.values["title"] == title
    assert state.values["tags"] == [t for t in tags if t != ""]
    assert read_front_matter(new).metadata["series"] == ["one"]
    assert new.startswith("---\n# a comment\n") and "date: 2026-03-09\n" in new


LAYOUTS = [
    None,
    "2026-03-09",
    "2026-03-09T10:00:00Z",
    "2026-03-09T10:00:00+05:30",
    "2026-03-09 10:00:00 -0800",
    "2026-03-09T10:00:00",
    "2026-03-09T10:00:00.5-03:00",
    "09 Mar 2026",
]
MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 2), max_value=datetime(9998, 12, 30), timezones=st.just(UTC)
).map(lambda m: m.replace(microsecond=0))


@settings(max_examples=200, deadline=None)
@given(MOMENTS, st.sampled_from(LAYOUTS), st.integers(-14 * 4, 14 * 4))
def test_a_date_written_in_any_layout_reads_back_as_that_moment(
    moment: datetime, sample: str | None, quarters: int
) -> None:
    from editor.core.post.dates import parse_date

    moment = moment.astimezone(timezone(timedelta(minutes=15 * quarters)))
    text = format_date_like(moment, sample)
    back = parse_date(text)
    assert back is not None, text
    if sample is not None and len(sample) == 10:  # a bare date: the day, in the moment's zone
        assert back.date() == moment.date() and len(text) == 10
    else:
        assert back == moment


HEADS = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda fence, body, tail: f"{fence}\n{body}\n{fence}\n{tail}",
        st.sampled_from(["---", "+++"]),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120),
        st.text(max_size=20),
    ),
)


@settings(max_examples=300, deadline=None)
@given(HEADS, st.sampled_from(["hugo", "zola", "jekyll", "pelican"]))
def test_read_form_never_raises(text: str, kind: str) -> None:
    state = read_form(text, site_schema(kind))
    if state.problem is not None:
        assert state.values == {} and state.problem.line is not None
    else:
        assert set(state.values) == {spec.name for spec in standard_fields(kind)}
