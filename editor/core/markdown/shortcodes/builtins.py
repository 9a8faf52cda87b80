"""Hugo 0.168's built-in shortcodes, offline, with the markup Hugo's embedded templates emit.

Used by shortcodes.expand; `render` returns None for a name that is not a built-in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from editor.core.markdown.shortcodes import refs

if TYPE_CHECKING:
    from editor.core.markdown.shortcodes.context import Call, ShortcodeContext

Warn = Callable[[str, int], None]

NO_INNER = frozenset(
    ["param", "ref", "relref", "youtube", "vimeo", "vimeo_simple", "x", "x_simple", "tweet",
     "twitter", "twitter_simple", "instagram", "gist", "figure"]
)  # fmt: skip
NEEDS_INNER = frozenset(["highlight", "details", "comment", "qr"])  # closed or self-closed
_EMBEDS = {
    "x": "X (Twitter) post",
    "x_simple": "X (Twitter) post",
    "tweet": "Tweet",
    "twitter": "Tweet",
    "twitter_simple": "Tweet",
    "instagram": "Instagram post",
    "gist": "GitHub gist",
    "qr": "QR code",
}
# Hugo 0.168's embedded shortcodes, and those it has removed (a build that uses one fails).
HUGO_SHORTCODES = frozenset(
    ["comment", "details", "figure", "highlight", "instagram", "param", "qr", "ref", "relref",
     "vimeo", "vimeo_simple", "x", "x_simple", "youtube"]
)  # fmt: skip
REMOVED_SHORTCODES = frozenset(["gist", "tweet", "twitter", "twitter_simple"])
_YT_ALLOW = (
    "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; "
    "picture-in-picture; web-share"
)
_DIV_STYLE = "position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;"
_IFRAME_STYLE = "position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;"
_TRUE = ("true", "1")
_FALSE = ("false", "0")
_GO_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&#34;",
        "'": "&#39;",
        "+": "&#43;",
        "\0": "\ufffd",
    }
)
_GO_NORM_ESCAPES = str.maketrans(
    {"<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "+": "&#43;", "\0": "\ufffd"}
)
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"
_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Output:
    html: str
    markdown_ok: bool = True  # False: even {{% %}} keeps it out of the Markdown (boxes, cards)


def go_escape(text: str) -> str:
    """html/template's escaping of a string in text or a quoted attribute."""
    return text.translate(_GO_ESCAPES)


def url_attr(url: str) -> str:
    if re.match(r"\s*(javascript|vbscript|data):", url, re.IGNORECASE):
        return "#ZgotmplZ"
    return go_escape(quote(url, safe=_URL_SAFE))


def trim_p(html: str) -> str:
    s = html.strip()
    if s.startswith("<p>") and s.endswith("</p>") and s.count("<p>") == 1:
        return s[3:-4]
    return s


def _inline(markdown: str, ctx: ShortcodeContext) -> str:
    return trim_p(ctx.render_markdown(markdown)) if markdown else ""


def _plainify(html: str) -> str:
    return _TAG_RE.sub("", html)


def _flag(value: str) -> bool | None:
    v = value.strip().lower()
    return True if v in _TRUE else False if v in _FALSE else None


def render(
    call: Call, ctx: ShortcodeContext, warn: Warn, inner_html: Callable[[], str]
) -> Output | None:
    name = call.name
    if name == "figure":
        return Output(_figure(call, ctx))
    if name == "details":
        return Output(_details(call, ctx, inner_html()))
    if name == "highlight":
        return Output(_highlight(call, ctx))
    if name == "param":
        return Output(_param(call, ctx, warn))
    if name in ("ref", "relref"):
        return Output(_ref(call, ctx, warn))
    if name == "comment":
        return Output("")
    if name in ("youtube", "vimeo", "vimeo_simple") or name in _EMBEDS:
        if name in REMOVED_SHORTCODES:
            warn(
                f"the {name!r} shortcode was removed from Hugo (v0.156): the build fails", call.line
            )
        elif name in _EMBEDS:
            warn(f"the {name!r} shortcode needs the network: shown offline", call.line)
        if ctx.preview:
            return Output(card(name, call), markdown_ok=False)
        if name == "youtube":
            return Output(_youtube(call))
        if name in ("vimeo", "vimeo_simple"):
            return Output(_vimeo(call))
        if name != "qr":
            return Output("")  # what Hugo gives offline (it warns that GetRemote failed)
        text = go_escape(call.get("text") or (call.inner or "").strip())
        return Output(f'<img class="qr" alt="{text}">')  # Hugo: an image, no words
    return None


def card(name: str, call: Call) -> str:
    """The offline stand-in for an embed, clearly labelled (a <span> when used inline)."""
    label = {"youtube": "YouTube video", "vimeo": "Vimeo video", "vimeo_simple": "Vimeo video"}
    title = label.get(name) or _EMBEDS.get(name, name)
    ref = call.first("id", 0) or call.get("text") or call.inner or ""
    extra = " ".join(call.positional[1:]) if name == "gist" else ""
    target = " ".join(p for p in (ref.strip(), extra) if p)
    tag = "span" if call.inline else "div"
    return (
        f'<{tag} class="inkpost-embed inkpost-embed-{go_escape(name)}" data-shortcode="'
        f'{go_escape(name)}"><span class="inkpost-embed-label">{go_escape(title)} '
        f'(offline preview)</span> <code class="inkpost-embed-ref">{go_escape(target)}</code>'
        f"</{tag}>"
    )


def box(name: str, call: Call, ctx: ShortcodeContext, inner: str, *, unknown: bool = False) -> str:
    """A site/theme (or unknown) shortcode: in the preview, a labelled box around its rendered
    inner content (a <span> when used inline); otherwise just that content (what a template
    printing it would give)."""
    if not ctx.preview:
        return inner
    kind = "unknown shortcode" if unknown else "site shortcode"
    css = "inkpost-shortcode inkpost-shortcode-unknown" if unknown else "inkpost-shortcode"
    tag = "div"
    if call.inline:
        tag, css, inner = "span", css + " inkpost-shortcode-inline", trim_p(inner)
    args = " ".join(
        [go_escape(p) for p in call.positional]
        + [f"{go_escape(k)}={go_escape(v)}" for k, v in call.named.items()]
    )
    label = (
        f'<{tag} class="inkpost-shortcode-label">{go_escape(name)} <small>({kind})</small>'
        f"{' <code>' + args + '</code>' if args else ''}</{tag}>"
    )
    return f'<{tag} class="{css}" data-shortcode="{go_escape(name)}">{label}{inner}</{tag}>'


def _figure(call: Call, ctx: ShortcodeContext) -> str:
    g = call.get
    cls = f' class="{go_escape(g("class"))}"' if g("class") else ""
    out = [f"<figure{cls}>"]
    if g("link"):
        out.append(f'<a href="{url_attr(g("link"))}"')
        if g("target"):
            out.append(f' target="{go_escape(g("target"))}"')
        if g("rel"):
            out.append(f' rel="{go_escape(g("rel"))}"')
        out.append(">")
    out.append(f'<img src="{url_attr(g("src"))}"')
    caption_html = _inline(g("caption"), ctx)
    if g("alt") or g("caption"):
        # plainify returns template.HTML: html/template leaves its entities alone.
        alt = (
            go_escape(g("alt")) if g("alt") else _plainify(caption_html).translate(_GO_NORM_ESCAPES)
        )
        out.append(f'\n\t\t\talt="{alt}"')
    for attr in ("width", "height", "loading"):
        if g(attr):
            out.append(f' {attr}="{go_escape(g(attr))}"')
    out.append(">")
    if g("link"):
        out.append("</a>")
    if g("title") or g("caption") or g("attr"):
        out.append("<figcaption>\n\t\t\t")
        if g("title"):
            out.append(f"<h4>{go_escape(g('title'))}</h4>")
        if g("caption") or g("attr"):
            out.append("<p>" + caption_html)
            if g("attrlink"):
                out.append(f'\n\t\t\t\t\t\t<a href="{url_attr(g("attrlink"))}">')
            out.append(_inline(g("attr"), ctx))
            if g("attrlink"):
                out.append("</a>")
            out.append("</p>")
        out.append("\n\t\t</figcaption>")
    out.append("\n</figure>\n")
    return "".join(out)


def _details(call: Call, ctx: ShortcodeContext, inner: str) -> str:
    g = call.get
    attrs = ""
    if g("class"):
        attrs += f' class="{go_escape(g("class"))}"'
    if g("name"):
        attrs += f' name="{go_escape(g("name"))}"'
    if _flag(g("open")):
        attrs += " open"
    if g("title"):
        attrs += f' title="{go_escape(g("title"))}"'
    summary = _inline(g("summary") or "Details", ctx)
    return f"\n<details{attrs}>\n\t<summary>{summary}</summary>\n\t{inner}</details>\n"


def _deindent(text: str) -> str:
    lines = text.split("\n")
    indents = [len(x) - len(x.lstrip(" \t")) for x in lines if x.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(x[cut:] for x in lines)


def _highlight(call: Call, ctx: ShortcodeContext) -> str:
    code = _deindent(call.inner or "").strip("\n\r")
    lang = call.get(0)
    options = call.get(1)
    if ctx.highlight is not None:
        return _no_final_newline(ctx.highlight(code, lang, options))
    return highlight_with_renderer(code, lang, options, ctx.site)


def _no_final_newline(html: str) -> str:
    """The shortcode's code is trimmed: Chroma ends its last line without a newline."""
    last = html.rfind("\n</span></span></code></pre>")
    return html[:last] + html[last + 1 :] if last != -1 else html


def highlight_with_renderer(code: str, lang: str, options: str, site: Any) -> str:
    """Hugo's `highlight` through the renderer's fence highlighting (markdown.highlight)."""
    from editor.core.markdown import highlight as hl
    from editor.core.markdown.goldmark.options import MarkupOptions

    # the site's markup.highlight, read as for fences (codeFences is about fences only)
    code_options = replace(MarkupOptions.from_site(site).code, code_fences=True)
    info = hl.parse_fence_info(f"{lang} {{{options}}}", code_options)
    html, _known = hl.render_fence(code, info, code_options)
    return _no_final_newline(html)


def _lookup(data: Mapping[str, Any], key: str) -> Any:
    current: Any = data
    for part in key.split("."):
        if not isinstance(current, Mapping):
            return None
        lowered = part.lower()
        current = next((v for k, v in current.items() if str(k).lower() == lowered), None)
        if current is None:
            return None
    return current


def go_format(value: Any) -> str:
    """How Go's template prints a value with {{ . }}."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z").replace("+0000", "+0000 UTC")
    if isinstance(value, date):
        return f"{value.isoformat()} 00:00:00 +0000 UTC"
    if isinstance(value, list | tuple):
        return "[" + " ".join(go_format(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "map[" + " ".join(f"{k}:{go_format(v)}" for k, v in value.items()) + "]"
    return str(value)


def _param(call: Call, ctx: ShortcodeContext, warn: Warn) -> str:
    key = call.get(0)
    if not key:
        warn("param shortcode without a key", call.line)
        return ""
    value = _lookup(ctx.metadata, key)
    if value is None and ctx.site is not None:
        value = _lookup(getattr(ctx.site, "params", {}) or {}, key)
    if value is None or value == "":
        warn(f"param {key!r} is not set in the page or the site: Hugo stops the build", call.line)
        return ""
    return go_escape(go_format(value))


def _ref(call: Call, ctx: ShortcodeContext, warn: Warn) -> str:
    target = call.first("path", 0)
    if not target:
        warn(f"{call.name} shortcode without a target", call.line)
        return ""
    path, _, anchor = target.partition("#")
    if not path:
        link: str | None = ""
    elif ctx.site_pages is not None:
        link = ctx.site_pages(path, ctx.page_path)
    else:
        link = resolve_page(ctx, path)
    if link is None:
        warn(f"{call.name} target {target!r} not found in the site's content", call.line)
        return go_escape(target)
    if anchor:
        link += "#" + anchor
    if call.name == "ref":
        base = str(getattr(ctx.site, "base_url", "") or "").rstrip("/")
        link = base + link if link.startswith("/") else link
    return go_escape(link)


def resolve_page(ctx: ShortcodeContext, target: str) -> str | None:
    """Hugo's ref lookup against the site's content files, as a relative permalink."""
    site = ctx.site
    if site is None:
        return None
    content = Path(getattr(site, "content_dir", "content"))
    if not content.is_absolute():
        content = Path(getattr(site, "root", ".")) / content
    file = refs.find_target(content, target, ctx.page_path)
    return None if file is None else refs.permalink(site, content, file)


def _youtube(call: Call) -> str:
    vid = call.first("id", 0)
    allow_full = _flag(call.get("allowFullScreen")) is not False
    autoplay = 1 if _flag(call.get("autoplay")) else 0
    controls = 0 if _flag(call.get("controls")) is False else 1
    loop = 1 if _flag(call.get("loop")) else 0
    mute = 1 if (_flag(call.get("mute")) or autoplay) else 0
    params = {
        "autoplay": str(autoplay),
        "controls": str(controls),
        "end": call.get("end") or "0",
        "loop": str(loop),
        "mute": str(mute),
        "start": call.get("start") or "0",
    }
    if loop:
        params["playlist"] = vid
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in sorted(params.items()))
    src = f"https://www.youtube.com/embed/{quote(vid, safe='')}?{query}"
    cls = call.get("class")
    allow = _YT_ALLOW + ("; fullscreen" if allow_full else "")
    div = f'<div class="{go_escape(cls)}">' if cls else f'<div style="{_DIV_STYLE}">'
    style = "" if cls else f' style="{_IFRAME_STYLE}"'
    loading = go_escape(call.get("loading") or "eager")
    return (
        f'{div}\n\t\t\t<iframe allow="{allow}" loading="{loading}"'
        f' referrerpolicy="strict-origin-when-cross-origin" src="{go_escape(src)}"{style}'
        f' title="{go_escape(call.get("title") or "YouTube video")}"></iframe>\n\t\t</div>\n'
    )


def _vimeo(call: Call) -> str:
    vid = call.first("id", 0)
    cls, title, loading = call.get("class"), call.get("title"), call.get("loading")
    allow = "" if _flag(call.get("allowFullScreen")) is False else ' allow="fullscreen"'
    div = f'class="{go_escape(cls)}"' if cls else f'style="{_DIV_STYLE}"'
    style = "" if cls else f'\n\t\t\t\t\t\tstyle="{_IFRAME_STYLE}"'
    extra = allow
    if loading:
        extra += f' loading="{go_escape(loading)}"'
    if title:
        extra += f' title="{go_escape(title)}"'
    src = f"https://player.vimeo.com/video/{go_escape(vid)}?dnt=0"
    return (
        f'\n\t\t\t<div\n\t\t\t\t\t{div}>\n\t\t\t\t<iframe\n\t\t\t\t\tsrc="{src}"{style}{extra}>'
        "\n\t\t\t\t</iframe>\n\t\t\t</div>\n"
    )
