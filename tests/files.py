"""Files the tests write, shared by tests/core and tests/ui (so no Qt here).

(bundle / "cover.png").write_bytes(TINY_PNG)
"""

from __future__ import annotations

# A real PNG, about the smallest there is: one transparent pixel (1x1, 8-bit RGBA). Its
# chunks' CRCs and its zlib stream are right: an image decoder reads it (QImage does).
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a"  # the signature
    "0000000d 49484452 00000001 00000001 0806000000 1f15c489"  # IHDR: 1x1, 8-bit RGBA
    "0000000b 49444154 78da6360000200000500 01e9fadcd8"  # IDAT: filter 0, the pixel 0,0,0,0
    "00000000 49454e44 ae426082"  # IEND
)
