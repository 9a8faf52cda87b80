"""Round-trip every Markdown file under a folder through editor.core.post.model.Post.

    python tools/corpus_roundtrip.py FOLDER

For each .md file (read from a private copy, so FOLDER is never written):
  1. load it and save it unchanged: the bytes on disk must be identical;
  2. set a new title with with_field("title", ...), save, reload: the title must be the new
     one, every other key must be unchanged and the body bytes must be identical;
  3. append to the body and undo it: the bytes must be identical again.
Prints a summary and lists failures; exits 1 if any file failed.
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor.core.post.model import Post, PostError
from editor.core.post.storage import StorageError

TITLE_KEY = re.compile(r"""\s*["']?title["']?\s*[:=]""", re.I)
NEW_TITLE = 'Round trip: "quotes", colons & ünïcödé # not a comment'


def _body_bytes(post: Post) -> bytes:
    """The bytes of the body as stored in post.raw (its line endings as written)."""
    pieces = re.split(rb"(\r\n|\r|\n)", post.raw)
    return b"".join(pieces[2 * post.front_matter.count("\n") :])


def _check_title(post: Post, copy: Path) -> str | None:
    """None if setting the title works as promised, else what went wrong."""
    edited = post.with_field("title", NEW_TITLE).save(copy)
    again = Post.load(copy)
    if again.title != NEW_TITLE:
        return f"title reads back as {again.title!r}"
    before = {k: v for k, v in post.metadata.items() if k.lower() != "title"}
    after = {k: v for k, v in again.metadata.items() if k.lower() != "title"}
    if before != after or list(before) != list(after):
        return "other keys changed after setting the title"
    if post.body != again.body or _body_bytes(edited) != _body_bytes(post):
        return "the body bytes changed after setting the title"
    old, new = post.front_matter.split("\n"), edited.front_matter.split("\n")
    if post.fm_format is not None:
        title = _title_lines(old)
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        removed = [
            old[i]
            for tag, i1, i2, _, _ in matcher.get_opcodes()
            if tag in ("replace", "delete")
            for i in range(i1, i2)
            if i not in title and old[i] + "," not in new  # JSON: a member gains a comma
        ]
        if removed:
            return f"lines other than the title's were rewritten: {removed!r}"
    return None


def _title_lines(lines: list[str]) -> set[int]:
    """Indexes of the title key's line and its indented continuation lines."""
    for start, line in enumerate(lines):
        if TITLE_KEY.match(line):
            end = start + 1
            while end < len(lines) and lines[end][:1] in (" ", "\t") and lines[end].strip():
                end += 1
            return set(range(start, end))
    return set()


def check_file(source: Path, scratch: Path) -> tuple[bool, list[str], Post | None]:
    """(byte-exact unchanged save, failures, the loaded post)."""
    copy = scratch / source.name
    shutil.copyfile(source, copy)
    original = source.read_bytes()
    failures: list[str] = []
    try:
        post = Post.load(copy)
        post.save(force=not post.lossless)
    except (PostError, StorageError) as exc:
        return False, [f"load/save: {exc.message if isinstance(exc, PostError) else exc}"], None
    exact = copy.read_bytes() == original
    if not exact:
        failures.append("unchanged save changed the bytes")
    try:
        problem = _check_title(post, copy)
    except (PostError, StorageError) as exc:
        problem = f"with_field('title'): {exc.message if isinstance(exc, PostError) else exc}"
    if problem:
        failures.append(problem)
    undone = post.with_body(post.body + "\nextra line\n").with_body(post.body)
    if undone.to_bytes() != original:
        failures.append("editing the body and undoing the edit changed the bytes")
    return exact, failures, post


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    files = sorted(Path(argv[1]).rglob("*.md"))
    exact_count = title_ok = 0
    formats: dict[str, int] = {}
    problems: list[tuple[Path, list[str]]] = []
    diagnostics: list[str] = []
    with tempfile.TemporaryDirectory(prefix="inkpost-corpus-") as tmp:
        for index, source in enumerate(files):
            scratch = Path(tmp) / str(index)
            scratch.mkdir()
            exact, failures, post = check_file(source, scratch)
            exact_count += exact
            title_ok += post is not None and not any("title" in f for f in failures)
            if post is not None:
                name = post.fm_format or "none"
                formats[name] = formats.get(name, 0) + 1
                diagnostics += [
                    f"  {source}:{d.line or ''}: {d.severity.value}: {d.message}"
                    for d in post.diagnostics
                ]
            if failures:
                problems.append((source, failures))
    print(f"{len(files)} files, {exact_count} byte-exact after an unchanged save")
    print(
        f"{title_ok} kept every other key, every other front matter line and the body bytes "
        "when the title was changed"
    )
    print("front matter: " + ", ".join(f"{k} {v}" for k, v in sorted(formats.items())))
    print(f"{len(diagnostics)} diagnostics" + (":" if diagnostics else ""))
    print("\n".join(diagnostics)) if diagnostics else None
    print(f"{len(problems)} files with failures" + (":" if problems else ""))
    for source, failures in problems:
        for failure in failures:
            print(f"  {source}: {failure}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
