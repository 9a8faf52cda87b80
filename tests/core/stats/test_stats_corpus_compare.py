"""tools/corpus_compare.py on a tiny corpus of its own: engines told apart, stubs, agreement."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from tests.hugo_site import hugo_binary

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
import corpus_compare

pytestmark = pytest.mark.hugo

HUGO_POST = """---
title: "Plain"
---
A *plain* post with a [link](https://example.org) and `code`.

<!--more-->

```go
x := 1
```
"""
SHORTCODE_POST = """---
title: "Site shortcode"
---
Intro paragraph.

{{< note >}}
Inside the **note**.
{{< /note >}}

See [the other]({{< relref "missing-page" >}}) and {{< param "version.core" >}}.
"""
ZOLA_POST = """+++
title = "Zola"
[extra]
toc = true
+++
{{ admonition(type="note", text="hi") }}
"""
JEKYLL_POST = """---
title: Jekyll
---
{% highlight ruby %}
puts 1
{% endhighlight %}
"""


def _corpus(root: Path) -> Path:
    files = {
        "owner+hugo/content/posts/plain.md": HUGO_POST,
        "owner+hugo/content/posts/shortcode.md": SHORTCODE_POST,
        "owner+zola/content/blog/z/index.md": ZOLA_POST,
        "owner+jekyll/_posts/2020-01-01-j.md": JEKYLL_POST,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_engines_and_shortcode_usage() -> None:
    assert corpus_compare.engine_of(Path("a/_posts/x.md"), "text") == "jekyll"
    assert corpus_compare.engine_of(Path("content/x.md"), ZOLA_POST) == "zola"
    assert corpus_compare.engine_of(Path("content/x.md"), HUGO_POST) == "hugo"
    usage = corpus_compare.shortcode_usage(SHORTCODE_POST + "{{</* fake */>}}")
    assert usage == {"note": True, "relref": False, "param": False}


def test_normalize_html_keeps_code_text_only() -> None:
    html = (
        '<p>a</p>\n<div class="highlight x"><pre style="c"><code><span>x</span> 1</code>'
        "</pre></div>"
    )
    assert corpus_compare.normalize_html(html) == (
        '<p>a</p><div class="highlight x"><pre class=code>x 1</pre></div>'
    )
    assert "inkpost" in corpus_compare.differences("abc", "abd")


def test_compare_a_small_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if hugo_binary() is None:
        pytest.skip("the hugo binary is not installed")
    importlib.import_module("editor.core.markdown.renderer")
    corpus = _corpus(tmp_path / "corpus")
    assert corpus_compare.main([str(corpus), "--json", "--settings", "defaults"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["skipped"] == {
        "zola": ["owner+zola/content/blog/z/index.md"],
        "jekyll": ["owner+jekyll/_posts/2020-01-01-j.md"],
    }
    figures = report["defaults"]
    assert figures["posts"] == 2 and figures["compared"] == 2, figures["errors"]
    assert figures["agree"]["words"] == 2
    assert figures["agree"]["reading_time"] == 2
    assert figures["agree"]["summary"] == 2
    assert figures["without_site_shortcodes"]["posts"] == 1
    corpus_compare.main([str(corpus), "--settings", "source", "--hunks", "2"])
    text = capsys.readouterr().out
    assert "== settings: source" in text and "words: 2/2 (100.0%)" in text
