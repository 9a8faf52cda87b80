"""Extract the ui's strings into Qt .ts files, and compile them to the .qm files Inkpost loads.

    .venv/bin/python tools/update_translations.py fr de      # create or update inkpost_fr.ts, ...
    .venv/bin/python tools/update_translations.py --release  # every .ts -> .qm beside it

The .ts files live in resources/translations (translate them with Qt Linguist,
`pyside6-linguist`); `--release` writes inkpost_<lang>.qm there, which editor/app/i18n.py
installs for the system's locale. pyside6-lupdate reads `self.tr(...)`,
`QCoreApplication.translate(...)` and `QT_TRANSLATE_NOOP(...)` in editor/ui; the window's
action table (titles, tips, glyphs, menus: translated at build time in the "Actions"
context) is listed for it from editor.ui.window.actions.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "translations"
sys.path.insert(0, str(ROOT))


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else name


def action_strings() -> list[str]:
    """The strings of the window's action table, as `translated()` asks for them."""
    from editor.ui.window.actions import ACTIONS, MENUS

    found: list[str] = []
    for spec in ACTIONS:
        found += [text for text in (spec.title, spec.tip, spec.glyph) if text]
    found += [title for title, _ids in MENUS]
    return list(dict.fromkeys(found))


def _table_source(folder: Path) -> Path:
    """A Python file of QT_TRANSLATE_NOOP("Actions", ...) lines for lupdate to read."""
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    lines += [f'QT_TRANSLATE_NOOP("Actions", {text!r})' for text in action_strings()]
    path = folder / "actions_table.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def update(languages: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p) for p in (ROOT / "editor" / "ui").rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        sources.append(str(_table_source(Path(tmp))))
        for lang in languages:
            ts = OUT / f"inkpost_{lang}.ts"
            subprocess.run(
                [_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)], check=True
            )


def release() -> None:
    for ts in sorted(OUT.glob("inkpost_*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", help="language codes: fr, de, pt_BR, ...")
    parser.add_argument("--release", action="store_true", help="compile every .ts to .qm")
    args = parser.parse_args(argv)
    if args.languages:
        update(args.languages)
    if args.release:
        release()
    if not args.languages and not args.release:
        parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
