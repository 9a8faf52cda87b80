"""The floor of Inkpost's stack: a bare PySide6 editor beside a QWebEngineView preview.

    python benchmarks/floor_app.py POST

No Inkpost code runs but the drawing set-up (editor/app/graphics.py, the same Chromium
switches and Qt Quick backend as the app): a QPlainTextEdit holding the post, and a
QWebEngineView showing markdown-it's HTML of it. bench_memory.py measures it as the root
`floor` (`--roots floor=floor,new=.`): what PySide6 and QtWebEngine alone take, which no
change to Inkpost's own code can go below.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.app.graphics import configure_graphics, skip_zygote_without_sandbox  # noqa: E402


def main() -> int:
    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    configure_graphics()
    skip_zygote_without_sandbox()
    from markdown_it import MarkdownIt
    from PySide6.QtCore import Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    editor = QPlainTextEdit()
    editor.setPlainText(text)
    view = QWebEngineView()
    view.setHtml(MarkdownIt("commonmark").render(text))
    splitter.addWidget(editor)
    splitter.addWidget(view)
    window.setCentralWidget(splitter)
    window.resize(1400, 900)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
