"""PipedProcess: a child already started with pipes (subprocess.Popen), driven like a QProcess.

The app starts the render process before it loads Qt (editor/core/preview/child.py), so its
imports run beside the window's; `RenderController` then drives it through the few QProcess
calls it makes: write, readAllStandardOutput, closeWriteChannel, waitForFinished, kill,
state, processId, and the `readyReadStandardOutput` and `finished` signals.

Reads come through a QSocketNotifier on the child's stdout. A write never blocks the GUI
thread: what the pipe does not take at once is kept and written when the pipe has room.
After the child closes its stdout, its exit is polled for (it is exiting) and `finished`
sent with its code and whether it crashed (killed by a signal).
"""

from __future__ import annotations

import contextlib
import os
import subprocess

from PySide6.QtCore import QObject, QProcess, QSocketNotifier, QTimer, Signal

__all__ = ["PipedProcess"]

_CHUNK = 1 << 16
_POLL_MS = 10  # after end of output, until the child's exit status is in


class PipedProcess(QObject):
    """A started child with stdin and stdout pipes. See the module docstring."""

    readyReadStandardOutput = Signal()  # noqa: N815 (QProcess's names)
    finished = Signal(int, QProcess.ExitStatus)

    def __init__(self, child: subprocess.Popen[bytes], parent: QObject | None = None) -> None:
        super().__init__(parent)
        assert child.stdin is not None and child.stdout is not None, "needs both pipes"
        self._child = child
        self._stdin = child.stdin
        self._stdout = child.stdout
        os.set_blocking(self._stdin.fileno(), False)
        os.set_blocking(self._stdout.fileno(), False)
        self._incoming = bytearray()
        self._outgoing = bytearray()
        self._close_when_written = False
        self._ended = False
        self._reader = QSocketNotifier(self._stdout.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._on_readable)
        self._writer = QSocketNotifier(self._stdin.fileno(), QSocketNotifier.Type.Write, self)
        self._writer.setEnabled(False)
        self._writer.activated.connect(self._write_some)
        self._exit_poll = QTimer(self)
        self._exit_poll.setInterval(_POLL_MS)
        self._exit_poll.timeout.connect(self._check_exit)

    # QProcess's calls -------------------------------------------------------------------

    def processId(self) -> int:
        return self._child.pid

    def state(self) -> QProcess.ProcessState:
        if self._ended or self._child.poll() is not None:
            return QProcess.ProcessState.NotRunning
        return QProcess.ProcessState.Running

    def write(self, data: bytes) -> int:
        """Queue `data` for the child's stdin; returns its length (as QProcess does)."""
        if self._stdin.closed or self._close_when_written:
            return -1
        self._outgoing += data
        self._write_some()
        return len(data)

    def readAllStandardOutput(self) -> bytes:
        data, self._incoming = bytes(self._incoming), bytearray()
        return data

    def closeWriteChannel(self) -> None:
        """Close the child's stdin once everything queued is written."""
        self._close_when_written = True
        if not self._outgoing:
            self._close_stdin()

    def waitForFinished(self, msecs: int = 30000) -> bool:
        """Block until the child exits (what is queued written first); False on time-out."""
        if self._outgoing and not self._stdin.closed:
            self._writer.setEnabled(False)
            os.set_blocking(self._stdin.fileno(), True)
            with contextlib.suppress(OSError):
                self._stdin.write(bytes(self._outgoing))
                self._stdin.flush()
            self._outgoing.clear()
        if self._close_when_written:
            self._close_stdin()
        try:
            self._child.wait(max(0, msecs) / 1000)
        except subprocess.TimeoutExpired:
            return False
        self._end_output()
        self._check_exit()  # `finished`, as QProcess sends it from its wait
        return True

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self._child.kill()

    # pipes --------------------------------------------------------------------------------

    def _write_some(self) -> None:
        while self._outgoing:
            try:
                written = os.write(self._stdin.fileno(), self._outgoing[:_CHUNK])
            except BlockingIOError:
                self._writer.setEnabled(True)  # the pipe is full: on when it has room
                return
            except OSError:  # the child is gone: its end of output says so
                self._outgoing.clear()
                break
            del self._outgoing[:written]
        self._writer.setEnabled(False)
        if self._close_when_written:
            self._close_stdin()

    def _on_readable(self) -> None:
        got = False
        while True:
            try:
                data = os.read(self._stdout.fileno(), _CHUNK)
            except BlockingIOError:
                break
            except OSError:
                data = b""
            if not data:  # end of output: the child is exiting
                self._end_output()
                self._exit_poll.start()
                break
            self._incoming += data
            got = True
        if got:
            self.readyReadStandardOutput.emit()

    def _check_exit(self) -> None:
        code = self._child.poll()
        if code is None:
            return
        self._exit_poll.stop()
        self._ended = True
        status = QProcess.ExitStatus.CrashExit if code < 0 else QProcess.ExitStatus.NormalExit
        self.finished.emit(abs(code), status)

    def _end_output(self) -> None:
        self._reader.setEnabled(False)
        self._writer.setEnabled(False)
        self._close_stdin()
        if not self._stdout.closed:
            self._stdout.close()

    def _close_stdin(self) -> None:
        self._writer.setEnabled(False)
        if not self._stdin.closed:
            with contextlib.suppress(OSError):
                self._stdin.close()
