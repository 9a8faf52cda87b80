"""Check that the library reads every post under some folders as the editor does.

    python tools/corpus_agree.py FOLDER [FOLDER ...]     # e.g. ../shared/corpus/*/

For each .md file: `Post.load` (the editor) against the library's reads of it, the head
only (first pass) and the whole file (second pass): same metadata (values, types, key
order), same body start, same title, date and draft, and the word estimate of the same
body. Nothing is written. Prints how many posts were compared and every disagreement;
exits 1 if any.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor.core.library.scan import FoundFile, estimate_words, read_front, read_post
from editor.core.library.types import LibrarySite
from editor.core.post.model import Post


def disagreements(path: Path) -> list[str]:
    """What the library reads differently from `Post.load(path)`."""
    post = Post.load(path)
    site = LibrarySite(root=path.parent, content_dirs={"en": path.parent})
    info = path.stat()
    found = FoundFile(path, path.name, path.name, "en", info.st_mtime_ns, info.st_size, False)
    problems: list[str] = []
    for whole in (False, True):
        where = "whole file" if whole else "head"
        text, front, _ = read_front(path, whole=whole)
        if repr(front.metadata) != repr(post.metadata):
            problems.append(f"{where}: metadata differs")
        body = text[front.split.body_start :]
        if not (post.body == body if whole else post.body.startswith(body)):
            problems.append(f"{where}: the body starts elsewhere")
        read = read_post(site, found, body=whole)
        if read is None:
            problems.append(f"{where}: vanished")
            continue
        entry = read[0]
        if (entry.title, entry.date, entry.draft) != (post.title, post.date, post.draft):
            problems.append(f"{where}: title/date/draft {entry.title!r} != {post.title!r}")
        if whole and entry.words != estimate_words(post.body)[0]:
            problems.append(f"{where}: word estimate differs")
    return problems


def main(folders: list[str]) -> int:
    paths = sorted(p for folder in folders for p in Path(folder).rglob("*.md") if p.is_file())
    failed = 0
    for path in paths:
        problems = disagreements(path)
        if problems:
            failed += 1
            print(f"{path}: {'; '.join(problems)}")
    print(f"{len(paths)} posts compared, {failed} disagree")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
