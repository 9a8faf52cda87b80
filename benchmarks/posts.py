"""Synthetic but realistic blog posts for the benchmarks (deterministic)."""

from __future__ import annotations

import random

_WORDS = tuple(
    " ".join(
        [
            "the of and to in is for that with on as it by this be are from at or an was which",
            "not can have will all more one has but their when there so if about into out up",
            "what some time function value cache server request latency memory thread process",
            "render block query index table column message queue worker build deploy config",
            "network packet parser token stream buffer error retry timeout client backend",
            "frontend release",
        ]
    ).split(" ")
)

_CODE = {
    "go": [
        "func handle(w http.ResponseWriter, r *http.Request) {",
        "    ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)",
        "    defer cancel()",
        '    rows, err := db.QueryContext(ctx, "SELECT id, name FROM users WHERE id = $1", id)',
        "    if err != nil {",
        "        http.Error(w, err.Error(), http.StatusInternalServerError)",
        "        return",
        "    }",
        "}",
    ],
    "python": [
        "def render(text: str, *, preview: bool = False) -> str:",
        "    blocks = [b for b in split(text) if b.strip()]",
        "    for i, block in enumerate(blocks):",
        "        cache[i] = md.render(block)  # cached by content",
        '    return "".join(cache.values())',
    ],
    "bash": [
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        'for f in content/posts/*.md; do hugo --quiet && echo "built $f"; done',
    ],
}


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words[rng.randrange(n)] = "*" + rng.choice(_WORDS) + "*"
    if rng.random() < 0.2:
        words[rng.randrange(n)] = "`" + rng.choice(_WORDS) + "()`"
    if rng.random() < 0.1:
        words[rng.randrange(n)] = f"[{rng.choice(_WORDS)}](https://example.org/{rng.randrange(99)})"
    return " ".join(words).capitalize() + "."


def make_post(
    words: int, code_blocks: int = 0, seed: int = 1, title: str = "A benchmark post"
) -> str:
    """A post of about `words` words (prose), with `code_blocks` fenced blocks spread through."""
    rng = random.Random(seed)
    out = [
        "---",
        f'title: "{title}"',
        "date: 2026-03-09T10:00:00Z",
        "tags: [go, performance]",
        "author: Ada",
        "---",
        "",
    ]
    count = 0
    paragraphs = 0
    every = max(1, (words // 60) // max(1, code_blocks)) if code_blocks else 0
    placed = 0
    while count < words:
        paragraphs += 1
        if paragraphs % 12 == 1:
            out += [f"## Section {paragraphs // 12 + 1}", ""]
            count += 2
        if paragraphs % 9 == 0:
            for _ in range(4):
                n = rng.randint(6, 12)
                out.append("- " + _sentence(rng, n))
                count += n
            out.append("")
            continue
        sentences = [_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 5))]
        count += sum(len(s.split()) for s in sentences)
        out += [" ".join(sentences), ""]
        if every and placed < code_blocks and paragraphs % every == 0:
            lang = rng.choice(sorted(_CODE))
            out += ["```" + lang, *_CODE[lang], "```", ""]
            count += sum(len(line.split()) for line in _CODE[lang])
            placed += 1
    while placed < code_blocks:
        lang = rng.choice(sorted(_CODE))
        out += ["```" + lang, *_CODE[lang], "```", ""]
        placed += 1
    return "\n".join(out)
