"""One running Inkpost per user and display: a second `inkpost FILE` hands FILE over and exits.

The first Inkpost listens on a local socket (a QLocalServer on a Unix domain socket in the
user's runtime folder, one per display). A later start with posts to open, or with none,
connects before it imports Qt (`hand_over`, plain `socket`: a few milliseconds), sends one
JSON line and waits for the answer; the running window opens the posts, comes to the front
and answers with what it opened. When nobody answers (no Inkpost running, a stale socket
left by a crash, another site asked for) the new process starts a window of its own.
`--new-instance` (and `--screenshot`) skips all of it.

Protocol, one JSON object per line each way:
    request  {"open": ["/abs/post.md", ...], "site": "/abs/site" | null}
    answer   {"opened": [...], "open_posts": [every post open in the window]}
             or {"refused": "why"}
    {"probe": true} asks whether anybody listens, without bringing the window to the front.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HAND_OVER_TIMEOUT_S = 3.0
_MAX_REQUEST = 64 * 1024
_SKIP_FLAGS = ("--new-instance", "--screenshot")


def socket_path() -> Path:
    """The socket of this user's Inkpost on this display."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        folder = Path(runtime)
    else:
        import tempfile  # only without a runtime folder: a later start imports little

        uid = os.getuid() if hasattr(os, "getuid") else 0
        folder = Path(tempfile.gettempdir()) / f"inkpost-{uid}"
        folder.mkdir(mode=0o700, exist_ok=True)
    display = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY") or "nodisplay"
    name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_.-") else "_" for ch in display)
    return folder / f"inkpost-{name}.sock"


def request_for(args: Sequence[str]) -> dict[str, Any] | None:
    """The hand-over request for these command-line arguments, or None when this start
    must have a window of its own (`--new-instance`, `--screenshot`, an unknown option)."""
    if any(arg in _SKIP_FLAGS or arg.startswith("--screenshot=") for arg in args):
        return None
    if any(arg.startswith("-") for arg in args):
        return None  # --help, --size...: the app's own parser answers
    posts: list[str] = []
    site: str | None = None
    for arg in args:
        path = Path(arg).expanduser().resolve()
        if path.is_file():
            posts.append(str(path))
        elif path.is_dir() and site is None:
            site = str(path)
        else:
            return None  # a post to create, a typo: the app's own start says what it is
    return {"open": posts, "site": site}


def hand_over(
    request: dict[str, Any], path: Path | None = None, timeout: float = HAND_OVER_TIMEOUT_S
) -> dict[str, Any] | None:
    """Send `request` to the running Inkpost; its answer, or None when none answered."""
    if not hasattr(socket, "AF_UNIX"):
        return None
    target = path or socket_path()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(str(target))
            client.sendall(json.dumps(request).encode("utf-8") + b"\n")
            answer = b""
            while not answer.endswith(b"\n") and len(answer) < _MAX_REQUEST:
                chunk = client.recv(4096)
                if not chunk:
                    break
                answer += chunk
    except OSError:
        return None
    try:
        reply = json.loads(answer)
    except ValueError:
        return None
    return reply if isinstance(reply, dict) else None


def try_hand_over(args: Sequence[str]) -> bool:
    """True when a running Inkpost took these arguments (this process may exit)."""
    request = request_for(args)
    if request is None:
        return False
    reply = hand_over(request)
    return reply is not None and "opened" in reply


def start_server(
    opener: Callable[[dict[str, Any]], dict[str, Any]], parent: Any = None, path: Path | None = None
) -> Any:
    """Listen for later starts (Qt; call once the window exists). `opener(request)` does
    the work and returns the answer. Returns the QLocalServer, or None when another
    Inkpost already listens."""
    from PySide6.QtNetwork import QLocalServer

    target = path or socket_path()
    if target.exists():
        if _listening(target):
            return None  # another window listens (perhaps too busy to answer right now)
        QLocalServer.removeServer(str(target))  # a crash left it behind
    server = QLocalServer(parent)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(str(target)):
        return None

    def on_connection() -> None:
        while server.hasPendingConnections():
            connection = server.nextPendingConnection()
            _serve(connection, opener)

    server.newConnection.connect(on_connection)
    return server


def _listening(path: Path) -> bool:
    """True when something accepts connections on `path` (a stale socket refuses them)."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.5)
            probe.connect(str(path))
    except OSError:
        return False
    return True


def _serve(connection: Any, opener: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    buffer = bytearray()

    def on_ready_read() -> None:
        buffer.extend(bytes(connection.readAll().data()))
        if b"\n" not in buffer and len(buffer) < _MAX_REQUEST:
            return
        connection.readyRead.disconnect(on_ready_read)
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not an object")
            answer = opener(request)
        except ValueError as error:
            answer = {"refused": f"bad request: {error}"}
        connection.write(json.dumps(answer).encode("utf-8") + b"\n")
        connection.flush()
        connection.disconnectFromServer()

    connection.readyRead.connect(on_ready_read)
    connection.disconnected.connect(connection.deleteLater)
    if connection.bytesAvailable():
        on_ready_read()


def window_opener(window: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """What a running window does with a request: posts of its own site open in tabs and
    the window comes to the front; another site's posts (or folder) are refused, so that
    the new process opens a window for that site."""

    def open_posts() -> list[str]:
        return [str(tab.document.path) for tab in window.tab_list() if tab.document.path]

    def open_request(request: dict[str, Any]) -> dict[str, Any]:
        if request.get("probe"):  # "is anybody there?": answer without coming to the front
            return {"opened": [], "open_posts": open_posts()}
        root = Path(window.site.root).resolve()
        site = request.get("site")
        posts = [Path(p) for p in request.get("open", []) if isinstance(p, str)]
        if site is not None and Path(site).resolve() != root:
            return {"refused": f"another site: {site}"}
        if any(not post.resolve().is_relative_to(root) for post in posts):
            return {"refused": "a post of another site"}
        opened = [str(post) for post in posts if window.open_post(post) is not None]
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        return {"opened": opened, "open_posts": open_posts()}

    return open_request
