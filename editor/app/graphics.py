"""How the window is drawn: on the CPU, without OpenGL, unless the user asks for the GPU.

Everything here must run before the QApplication exists.

Why the CPU (measured with benchmarks/bench_window.py, Xvfb 1400x900, 3,600-word post; see
docs/window.md):

- A QWebEngineView holds a QQuickWidget, which makes its whole window an OpenGL-composed
  surface: every key in the editor re-composed the whole window (about 12 ms a key).
  Qt Quick's software backend keeps a repaint to the widget that changed.
- Even so, QtWebEngine creates an OpenGL context at start-up to ask the driver what it is,
  which loads the whole GL driver into the app (Mesa llvmpipe here: LLVM, 31 MiB of PSS)
  and costs start-up time. Without a GL platform integration (`QT_XCB_GL_INTEGRATION=none`)
  and with Chromium's `--disable-gpu`, Chromium rasterises and composes the page on the CPU,
  which a static blog page needs no more than the editor does: the window drew the same,
  with 38 MiB less.

`INKPOST_GPU=1` keeps OpenGL for the preview (Qt Quick stays on its software backend
unless `INKPOST_QUICK_BACKEND=default`).
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

# What Qt and Chromium print when they look for OpenGL that we switched off on purpose.
EXPECTED_WITHOUT_GL = (
    "QXcbIntegration: Cannot create platform OpenGL context",
    "QXcbIntegration: Cannot create platform offscreen surface",
    "QRhiGles2: Failed to create",
    "Failed to create RHI for backend: OpenGL",
    "GPUInfo not initialized",
)


def configure_graphics(environ: MutableMapping[str, str] | None = None) -> bool:
    """Set the environment for CPU drawing; True when OpenGL is off (see the module doc).

    Values the user set already are kept; Chromium flags are added to theirs.
    """
    env = os.environ if environ is None else environ
    if env.get("INKPOST_QUICK_BACKEND", "software") == "software":
        env.setdefault("QT_QUICK_BACKEND", "software")
    if env.get("INKPOST_GPU", "") not in ("", "0"):
        return False
    env.setdefault("QT_XCB_GL_INTEGRATION", "none")
    _add_chromium_flag(env, "--disable-gpu")
    return True


def skip_zygote_without_sandbox(environ: MutableMapping[str, str] | None = None) -> bool:
    """Without Chromium's sandbox (root, or the user's QTWEBENGINE_DISABLE_SANDBOX), start
    the preview's renderer directly rather than through zygote processes; True if so.

    The zygotes exist to fork sandboxed renderers; Inkpost has one renderer, and without the
    sandbox the two zygotes only cost memory (PSS 305 -> 295 MiB, measured). With the sandbox
    on, `--no-zygote` is not allowed, and nothing changes.
    """
    env = os.environ if environ is None else environ
    if env.get("QTWEBENGINE_DISABLE_SANDBOX", "") in ("", "0"):
        return False
    _add_chromium_flag(env, "--no-zygote")
    return True


def _add_chromium_flag(env: MutableMapping[str, str], flag: str) -> None:
    """Add `flag` to QTWEBENGINE_CHROMIUM_FLAGS (the user's flags kept, never doubled)."""
    flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    if flag not in flags:
        flags.append(flag)
    env["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)


def is_expected_without_gl(message: str) -> bool:
    """True for the warnings that say only that OpenGL is off (which we chose)."""
    return message.startswith(EXPECTED_WITHOUT_GL)


def install_quiet_handler() -> None:
    """Drop Qt's warnings about the OpenGL we switched off; print every other message."""
    import sys

    from PySide6.QtCore import QtMsgType, qFormatLogMessage, qInstallMessageHandler

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        if kind == QtMsgType.QtWarningMsg and is_expected_without_gl(message):
            return
        print(qFormatLogMessage(kind, context, message), file=sys.stderr)  # type: ignore[arg-type]

    qInstallMessageHandler(handler)
