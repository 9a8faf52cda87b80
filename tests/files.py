"""Files the tests write, shared by tests/core and tests/ui (so no Qt here): a tiny PNG
(`TINY_PNG`), a small Hugo site (`write_site`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

# A real PNG, about the smallest there is: one transparent pixel (1x1, 8-bit RGBA). Its
# chunks' CRCs and its zlib stream are right: an image decoder reads it (QImage does).
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a"  # the signature
    "0000000d 49484452 00000001 00000001 0806000000 1f15c489"  # IHDR: 1x1, 8-bit RGBA
    "0000000b 49444154 78da6360000200000500 01e9fadcd8"  # IDAT: filter 0, the pixel 0,0,0,0
    "00000000 49454e44 ae426082"  # IEND
)

BLOG = 'title = "Blog"\n'  # the hugo.toml of most test sites


def write_site(root: Path, posts: Mapping[str, str | bytes], config: str = BLOG) -> Path:
    """A Hugo site's folder at `root`: `config` in hugo.toml, and content/posts holding
    `posts` (file name: text, or bytes written as they are); returns `root`."""
    folder = root / "content" / "posts"
    folder.mkdir(parents=True)
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    for name, text in posts.items():
        if isinstance(text, bytes):
            (folder / name).write_bytes(text)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    return root
