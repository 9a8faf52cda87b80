"""One running Inkpost: a second start hands its posts over a local socket and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from editor.app import instance
from editor.app.instance import hand_over, request_for, start_server, window_opener
from tests.app import child_app
from tests.files import write_site

POST = "---\ntitle: {title}\ndate: 2026-03-09\n---\n\nSome words.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    posts = {f"{name}.md": POST.format(title=name) for name in ("first", "second")}
    return write_site(tmp_path / "site", posts)


def test_request_for_the_command_line(site: Path) -> None:
    post = site / "content" / "posts" / "first.md"
    assert request_for([str(post)]) == {"open": [str(post.resolve())], "site": None}
    assert request_for([str(site), str(post)]) == {
        "open": [str(post.resolve())],
        "site": str(site.resolve()),
    }
    assert request_for([]) == {"open": [], "site": None}
    assert request_for(["--new-instance", str(post)]) is None
    assert request_for([str(post), "--screenshot", "out.png"]) is None
    assert request_for([str(site / "no-such-post.md")]) is None  # the app's own start says so


def test_the_socket_is_per_user_and_display(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":1.0")
    assert instance.socket_path() == tmp_path / "inkpost-_1.0.sock"
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0/é x")
    assert instance.socket_path() == tmp_path / "inkpost-wayland-0___x.sock"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    fallback = instance.socket_path()
    assert fallback.parent.name == f"inkpost-{os.getuid()}" and fallback.parent.is_dir()


def test_nobody_listening_means_no_hand_over(tmp_path: Path) -> None:
    assert hand_over({"open": [], "site": None}, tmp_path / "nobody.sock", 0.5) is None


class _Window:
    """What window_opener uses of the MainWindow."""

    def __init__(self, root: Path) -> None:
        self.site = SimpleNamespace(root=root)
        self.opened: list[Path] = []
        self.raised = 0

    def open_post(self, path: Path) -> object:
        self.opened.append(path)
        return object()

    def tab_list(self) -> list[Any]:
        return [SimpleNamespace(document=SimpleNamespace(path=p)) for p in self.opened]

    def isMinimized(self) -> bool:
        return False

    def raise_(self) -> None:
        self.raised += 1

    def activateWindow(self) -> None:
        pass


def _ask(path: Path, request: dict[str, Any], qtbot: QtBot) -> dict[str, Any] | None:
    """hand_over on a thread while the event loop serves it."""
    answers: list[dict[str, Any] | None] = []
    thread = threading.Thread(target=lambda: answers.append(hand_over(request, path, 10)))
    thread.start()
    qtbot.waitUntil(lambda: bool(answers), timeout=15000)
    thread.join()
    return answers[0]


def test_a_stale_socket_is_replaced_and_requests_are_served(
    qtbot: QtBot, site: Path, tmp_path: Path
) -> None:
    import socket

    path = tmp_path / "inkpost.sock"
    with socket.socket(socket.AF_UNIX) as stale:  # what a crash leaves: a file, no listener
        stale.bind(str(path))
    window = _Window(site.resolve())
    server = start_server(window_opener(window), None, path)
    assert server is not None
    try:
        post = site / "content" / "posts" / "first.md"
        answer = _ask(path, {"open": [str(post)], "site": None}, qtbot)
        assert answer == {"opened": [str(post)], "open_posts": [str(post)]}
        assert window.raised == 1
        other = tmp_path / "elsewhere.md"
        other.write_text("x", encoding="utf-8")
        refused = _ask(path, {"open": [str(other)], "site": None}, qtbot)
        assert refused is not None and "another site" in refused["refused"]
        probe = _ask(path, {"probe": True}, qtbot)
        assert probe == {"opened": [], "open_posts": [str(post)]}
        assert window.raised == 1  # a probe does not bring the window up
        assert start_server(window_opener(window), None, path) is None  # one listener
    finally:
        server.close()


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "editor", *args],
        cwd=child_app.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    return child_app.app_env(tmp_path, XDG_RUNTIME_DIR=str(runtime), DISPLAY=":inkpost-test")


def test_a_second_start_hands_its_post_to_the_running_window(
    site: Path, app_env: dict[str, str]
) -> None:
    first_post = site / "content" / "posts" / "first.md"
    second_post = site / "content" / "posts" / "second.md"
    first = _spawn([str(site), str(first_post)], app_env)
    try:
        old = dict(os.environ)
        os.environ.update(app_env)
        try:
            path = instance.socket_path()
        finally:
            os.environ.clear()
            os.environ.update(old)
        deadline = time.monotonic() + 120
        while hand_over({"probe": True}, path, 1) is None:
            assert first.poll() is None, first.stdout.read() if first.stdout else ""
            assert time.monotonic() < deadline, "the first Inkpost never listened"
            time.sleep(0.05)
        second = _spawn([str(second_post)], app_env)
        out, _ = second.communicate(timeout=60)
        assert second.returncode == 0, out
        probe = hand_over({"probe": True}, path, 5)
        assert probe is not None
        assert str(second_post.resolve()) in probe["open_posts"]
        assert first.poll() is None  # the first window is still there
        own = _spawn(["--new-instance", "--help"], app_env)  # opts out: its own parser answers
        help_text, _ = own.communicate(timeout=60)
        assert own.returncode == 0 and "--new-instance" in help_text
    finally:
        first.kill()
        first.communicate(timeout=30)  # also closes its pipe
