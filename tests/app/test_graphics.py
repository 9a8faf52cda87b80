"""How the window is drawn: CPU without OpenGL by default, the GPU on request."""

from __future__ import annotations

from editor.app.graphics import (
    configure_graphics,
    is_expected_without_gl,
    skip_zygote_without_sandbox,
)


def test_default_draws_on_the_cpu_without_opengl() -> None:
    env: dict[str, str] = {}
    assert configure_graphics(env) is True
    assert env["QT_QUICK_BACKEND"] == "software"
    assert env["QT_XCB_GL_INTEGRATION"] == "none"
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu"


def test_user_flags_are_kept_and_not_doubled() -> None:
    env = {"QTWEBENGINE_CHROMIUM_FLAGS": "--lang=fr --disable-gpu", "QT_XCB_GL_INTEGRATION": "glx"}
    assert configure_graphics(env) is True
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"] == "--lang=fr --disable-gpu"
    assert env["QT_XCB_GL_INTEGRATION"] == "glx"  # what the user set wins


def test_gpu_on_request_keeps_opengl() -> None:
    env = {"INKPOST_GPU": "1"}
    assert configure_graphics(env) is False
    assert "QT_XCB_GL_INTEGRATION" not in env
    assert "QTWEBENGINE_CHROMIUM_FLAGS" not in env
    assert env["QT_QUICK_BACKEND"] == "software"


def test_quick_backend_can_be_left_to_qt() -> None:
    env = {"INKPOST_QUICK_BACKEND": "default", "INKPOST_GPU": "1"}
    configure_graphics(env)
    assert "QT_QUICK_BACKEND" not in env


def test_only_the_opengl_warnings_are_silenced() -> None:
    assert is_expected_without_gl("QRhiGles2: Failed to create temporary context")
    assert is_expected_without_gl(
        "QXcbIntegration: Cannot create platform OpenGL context, neither GLX nor EGL are enabled"
    )
    assert not is_expected_without_gl("QFont::setPointSize: Point size <= 0 (0)")
    assert not is_expected_without_gl("js: Uncaught ReferenceError")


def test_no_zygote_only_when_the_sandbox_is_off() -> None:
    sandboxed: dict[str, str] = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    assert skip_zygote_without_sandbox(sandboxed) is False
    assert sandboxed["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu"
    off = {"QTWEBENGINE_DISABLE_SANDBOX": "1", "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    assert skip_zygote_without_sandbox(off) is True
    assert skip_zygote_without_sandbox(off) is True  # idempotent
    assert off["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu --no-zygote"


def test_the_quiet_handler_drops_only_the_opengl_warnings() -> None:
    import subprocess
    import sys

    code = (
        "from editor.app.graphics import install_quiet_handler\n"
        "install_quiet_handler()\n"
        "from PySide6.QtCore import qWarning\n"
        "qWarning('a real warning stays')\n"
        "qWarning('QRhiGles2: Failed to create context')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "a real warning stays" in done.stderr
    assert "QRhiGles2" not in done.stderr
