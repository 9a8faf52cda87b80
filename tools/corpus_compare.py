"""Compare Inkpost with the real Hugo on a folder of real posts.

    python tools/corpus_compare.py FOLDER [--settings defaults|source|both]
                                          [--site-config FILE.json] [--json] [--show N]

Every Hugo post under FOLDER (Zola and Jekyll posts are recognised and reported apart) is built
by the real Hugo 0.168 in a throwaway site, one site per top-level folder of FOLDER (one source
repository each), with stub templates for the site/theme shortcodes Hugo does not ship (a stub
renders its inner content, or nothing). The same throwaway site is then loaded by Inkpost
(`editor.core.site.config.load_site`) and every post rendered and measured by Inkpost. The report
says how many posts agree on WordCount, ReadingTime, Summary and the normalized HTML, overall and
for the posts that use no site shortcode, and lists the differences.

`--settings source` uses each repository's own Hugo settings: the built-in table below (the ones
the corpus README gives) or `--site-config FILE.json` ({"owner+name": {hugo config}, ...}).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.post.frontmatter import split_front_matter  # noqa: E402
from editor.core.stats import figures as stats  # noqa: E402
from tests.hugo_site import HugoPage, HugoSite  # noqa: E402

SOURCE_SETTINGS: dict[str, dict[str, Any]] = {
    "linkerd+website": {
        "markup": {
            "goldmark": {
                "renderer": {"unsafe": True},
                "parser": {
                    "attribute": {"block": True},
                    "wrapStandAloneImageWithinParagraph": False,
                },
            }
        }
    },
    "grpc+grpc.io": {"markup": {"goldmark": {"renderer": {"unsafe": True}}}},
    "adityatelange+hugo-PaperMod": {"markup": {"goldmark": {"renderer": {"unsafe": True}}}},
    "luizdepra+hugo-coder": {"markup": {"goldmark": {"renderer": {"unsafe": True}}}},
    "imfing+hextra": {
        "hasCJKLanguage": True,
        "markup": {
            "goldmark": {
                "renderer": {"unsafe": True},
                "extensions": {
                    "passthrough": {
                        "enable": True,
                        "delimiters": {
                            "block": [["\\[", "\\]"], ["$$", "$$"]],
                            "inline": [["\\(", "\\)"]],
                        },
                    }
                },
            }
        },
    },
}
HUGO_BUILTINS = frozenset(
    [
        "comment",
        "details",
        "figure",
        "highlight",
        "instagram",
        "param",
        "qr",
        "ref",
        "relref",
        "vimeo",
        "vimeo_simple",
        "x",
        "x_simple",
        "youtube",
    ]
)
_SHORTCODE_RE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)")
_ESCAPED_RE = re.compile(r"\{\{[<%]\s*/\*.*?\*/\s*[>%]\}\}", re.DOTALL)
_ZOLA_CALL_RE = re.compile(r"\{[{%]\s*[a-z_]+\([^)]*\)\s*[%}]\}")
_ERROR_PATH_RE = re.compile(r'"?([^":\s]+\.md)(?::\d+)?')


@dataclass
class PostResult:
    path: str
    site_shortcodes: tuple[str, ...]
    hugo: dict[str, Any] = field(default_factory=dict)
    mine: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    def agrees(self, key: str) -> bool:
        return not self.error and self.hugo.get(key) == self.mine.get(key)


# --- classifying posts ------------------------------------------------------------------------


def engine_of(path: Path, text: str) -> str:
    """ "hugo", "zola" or "jekyll" from the path and the text (the corpus mixes all three)."""
    parts = path.parts
    if "_posts" in parts and "content" not in parts:
        return "jekyll"
    if re.search(r"\{%-?\s*(raw|highlight|include|endraw|assign|capture)\b", text):
        return "jekyll"
    split = split_front_matter(text)
    if split.fm_format == "toml" and split.content is not None:
        front = text[split.content[0] : split.content[1]]
        if re.search(r"^\[(extra|taxonomies)\]", front, re.MULTILINE):
            return "zola"
    if _ZOLA_CALL_RE.search(_ESCAPED_RE.sub("", text)):
        return "zola"
    return "hugo"


def shortcode_usage(text: str) -> dict[str, bool]:
    """Shortcode name -> whether it is ever closed ({{< /name >}}), escaped ones left out."""
    used: dict[str, bool] = {}
    for _kind, closing, name in _SHORTCODE_RE.findall(_ESCAPED_RE.sub("", text)):
        used[name] = used.get(name, False) or bool(closing)
    return used


# --- normalizing HTML -------------------------------------------------------------------------


def _highlight_spans(html: str) -> Iterable[tuple[int, int]]:
    for match in re.finditer(r'<div class="highlight[^"]*"[^>]*>', html):
        depth, pos = 0, match.start()
        for tag in re.finditer(r"<(/?)div\b[^>]*>", html[pos:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                yield match.start(), pos + tag.end()
                break


def normalize_html(html: str) -> str:
    """Highlighted code compared by its text only; whitespace between tags ignored."""
    out: list[str] = []
    last = 0
    for start, end in _highlight_spans(html):
        if start < last:
            continue
        out.append(html[last:start])
        opening = re.match(r"<div[^>]*>", html[start:end])
        code = re.sub(r"<[^>]+>", "", html[start:end])
        out.append(f"{opening.group(0) if opening else ''}<pre class=code>{code}</pre></div>")
        last = end
    out.append(html[last:])
    text = "".join(out)
    text = re.sub(r">\s+<", "><", text.strip())
    return re.sub(r"[ \t]*\n[ \t]*", "\n", text)


# --- building ---------------------------------------------------------------------------------


def _hugo_build(
    site: HugoSite, files: dict[str, str]
) -> tuple[dict[str, HugoPage], dict[str, str]]:
    """Build, stubbing missing ref targets and params, else dropping the posts Hugo refuses
    (their error kept), until the rest builds."""
    failed: dict[str, str] = {}
    for _attempt in range(3 * len(files) + 1):
        result = site.run("--buildDrafts", "--buildFuture", "--buildExpired")
        if result.returncode == 0:
            data = json.loads((site.root / "public" / "index.json").read_text(encoding="utf-8"))
            return {p["path"]: HugoPage(**p) for p in data}, failed
        errors = [line for line in (result.stderr + result.stdout).splitlines() if "ERROR" in line]
        if _stub_missing(site, files, errors):
            continue
        culprits = [
            (rel, line)
            for line in errors
            for rel in files
            if rel not in failed and f"/{rel}" in line
        ]
        if not culprits:
            raise RuntimeError("hugo failed:\n" + "\n".join(errors or [result.stderr]))
        rel, line = culprits[0]
        failed[rel] = line[:300]
        (site.root / "content" / rel).unlink()
    raise RuntimeError("hugo kept failing")


_REF_NOT_FOUND_RE = re.compile(r'REF_NOT_FOUND: Ref "([^"#]+)[^"]*": "([^"]+?\.md)')
_PARAM_NOT_FOUND_RE = re.compile(r'Param "([\w.-]+)" not found')


def _stub_missing(site: HugoSite, files: dict[str, str], errors: list[str]) -> bool:
    """Add a stub page for a missing ref target, or a site param for a missing one (the corpus
    only copied the posts). The stubs are built but not compared. True if one was added."""
    for line in errors:
        ref = _REF_NOT_FOUND_RE.search(line)
        if ref:
            target, source = ref.group(1), Path(ref.group(2))
            content = site.root / "content"
            base = content if target.startswith("/") else source.parent
            stub = (base / target.strip("/")).with_suffix(".md")
            if not stub.exists() and content in stub.parents:
                stub.parent.mkdir(parents=True, exist_ok=True)
                stub.write_text(f"---\ntitle: {stub.stem}\n---\nStub.\n", encoding="utf-8")
                return True
        param = _PARAM_NOT_FOUND_RE.search(line)
        if param:
            node = site.config.setdefault("params", {})
            *parents, leaf = param.group(1).split(".")
            for key in parents:
                node = node.setdefault(key, {})
            if leaf not in node:
                node[leaf] = "STUB"
                return True
    return False


def compare_group(
    name: str, files: dict[str, str], config: dict[str, Any], workdir: Path
) -> list[PostResult]:
    from editor.core.markdown.renderer import Renderer
    from editor.core.post.model import Post
    from editor.core.site.config import load_site

    root = workdir / re.sub(r"[^\w.+-]", "_", name)
    site = HugoSite(root, config=config)
    usage: dict[str, bool] = {}
    per_post: dict[str, tuple[str, ...]] = {}
    for rel, text in files.items():
        site.add(rel, text)
        used = shortcode_usage(text)
        per_post[rel] = tuple(sorted(n for n in used if n not in HUGO_BUILTINS))
        for key, closed in used.items():
            usage[key] = usage.get(key, False) or closed
    for sc_name, closed in usage.items():
        if sc_name not in HUGO_BUILTINS:
            body = (
                '{{- with .Inner }}{{ . | $.Page.RenderString (dict "display" "block") }}{{ end -}}'
            )
            site.add_shortcode(sc_name, body if closed else "")
    pages, failed = _hugo_build(site, files)
    inkpost_site = load_site(root)
    renderer = Renderer(inkpost_site)
    results: list[PostResult] = []
    for rel in files:
        res = PostResult(f"{name}/{rel}", per_post[rel])
        results.append(res)
        if rel in failed:
            res.error = f"hugo: {failed[rel]}"
            continue
        page = pages.get(rel)
        if page is None:
            res.error = "hugo built no page"
            continue
        res.hugo = _figures_of(page)
        try:
            post = Post.load(root / "content" / rel)
            result = renderer.render(
                post.text, preview=False, page_path=post.path, metadata=post.metadata
            )
            figures = stats.post_stats(post, inkpost_site, result)
        except Exception as exc:  # the report must go on
            res.error = f"inkpost: {type(exc).__name__}: {exc}"
            continue
        res.mine = {
            "words": figures.word_count,
            "reading_time": figures.reading_time,
            "summary": normalize_html(figures.summary_html),
            "html": normalize_html(result.html),
        }
    return results


def _figures_of(page: HugoPage) -> dict[str, Any]:
    return {
        "words": page.words,
        "reading_time": page.reading_time,
        "summary": normalize_html(page.summary),
        "html": normalize_html(page.content),
    }


# --- reporting --------------------------------------------------------------------------------


def differences(a: str, b: str, hunks: int = 1, width: int = 160) -> str:
    """The first `hunks` places where `a` (Hugo) and `b` (Inkpost) differ, with context."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        theirs = a[max(0, i1 - 40) : i2 + 40][:width]
        ours = b[max(0, j1 - 40) : j2 + 40][:width]
        out.append(f"hugo:    ...{theirs!r}\n        inkpost: ...{ours!r}")
        if len(out) >= hunks:
            break
    return "\n        ".join(out)


def summarize(results: list[PostResult], hunks: int = 1) -> dict[str, Any]:
    keys = ("words", "reading_time", "summary", "html")
    ok = [r for r in results if not r.error]
    plain = [r for r in ok if not r.site_shortcodes]
    return {
        "posts": len(results),
        "compared": len(ok),
        "errors": [{"path": r.path, "error": r.error} for r in results if r.error],
        "agree": {k: sum(r.agrees(k) for r in ok) for k in keys},
        "without_site_shortcodes": {
            "posts": len(plain),
            "agree": {k: sum(r.agrees(k) for r in plain) for k in keys},
        },
        "differences": {
            k: [
                {
                    "path": r.path,
                    "site_shortcodes": list(r.site_shortcodes),
                    "hugo": r.hugo[k] if k in ("words", "reading_time") else None,
                    "inkpost": r.mine[k] if k in ("words", "reading_time") else None,
                    "where": ""
                    if k in ("words", "reading_time")
                    else differences(r.hugo[k], r.mine[k], hunks),
                }
                for r in ok
                if not r.agrees(k)
            ]
            for k in keys
        },
    }


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else "0/0"


def print_report(
    mode: str, summary: dict[str, Any], skipped: dict[str, list[str]], show: int
) -> None:
    print(f"== settings: {mode}")
    print(f"posts: {summary['posts']} Hugo posts, {summary['compared']} compared")
    for engine, paths in skipped.items():
        print(f"skipped ({engine}, not Hugo): {len(paths)}")
    for err in summary["errors"]:
        print(f"  not compared: {err['path']}: {err['error']}")
    n = summary["compared"]
    plain = summary["without_site_shortcodes"]
    for key in ("words", "reading_time", "summary", "html"):
        print(
            f"{key:>13}: {_pct(summary['agree'][key], n)}   "
            f"without site shortcodes: {_pct(plain['agree'][key], plain['posts'])}"
        )
    for key, diffs in summary["differences"].items():
        if not diffs:
            continue
        print(f"-- {key} differs on {len(diffs)}:")
        for d in diffs[:show]:
            names = ", ".join(d["site_shortcodes"])
            tag = f" [site shortcodes: {names}]" if names else ""
            if key in ("words", "reading_time"):
                print(f"  {d['path']}{tag}: hugo {d['hugo']}, inkpost {d['inkpost']}")
            else:
                print(f"  {d['path']}{tag}\n        {d['where']}")
    print()


def collect(folder: Path) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """Hugo posts grouped by top-level folder (content-relative path -> text); others apart."""
    groups: dict[str, dict[str, str]] = {}
    skipped: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.md")):
        if path.name.upper() in ("README.MD", "LICENSE.MD"):
            continue
        rel = path.relative_to(folder)
        text = path.read_text(encoding="utf-8", errors="replace")
        engine = engine_of(rel, text)
        if engine != "hugo":
            skipped.setdefault(engine, []).append(str(rel))
            continue
        group = rel.parts[0] if len(rel.parts) > 1 else "."
        inner = Path(*rel.parts[1:]) if len(rel.parts) > 1 else rel
        parts = inner.parts
        content_rel = Path(*parts[parts.index("content") + 1 :]) if "content" in parts else inner
        groups.setdefault(group, {})[content_rel.as_posix()] = text
    return groups, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--settings", choices=("defaults", "source", "both"), default="both")
    parser.add_argument("--site-config", type=Path, default=None, help="JSON: folder -> config")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=20, help="differences listed per figure")
    parser.add_argument("--hunks", type=int, default=1, help="differing places shown per post")
    args = parser.parse_args(argv)
    source = dict(SOURCE_SETTINGS)
    if args.site_config:
        source.update(json.loads(args.site_config.read_text(encoding="utf-8")))
    groups, skipped = collect(args.folder)
    modes = ("defaults", "source") if args.settings == "both" else (args.settings,)
    report: dict[str, Any] = {}
    workdir = Path(tempfile.mkdtemp(prefix="inkpost-corpus-"))
    try:
        for mode in modes:
            results: list[PostResult] = []
            for name, files in sorted(groups.items()):
                config = source.get(name, {}) if mode == "source" else {}
                results.extend(compare_group(name, files, config, workdir / mode))
            summary = summarize(results, args.hunks)
            report[mode] = summary
            if not args.json:
                print_report(mode, summary, skipped, args.show)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        json.dump({"skipped": skipped, **report}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
