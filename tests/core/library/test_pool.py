"""The worker pool of the passes over every post: start method, chunks, clean ends."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from editor.core.library.pool import chunked, cpu_workers

REPO = Path(__file__).resolve().parents[3]

# A child like the figures process: a SIGTERM handler of its own, a forked pool ended by
# leaving its `with` block (Pool.terminate), many times over.
CHILD = textwrap.dedent(
    """
    import signal, sys
    sys.path.insert(0, sys.argv[1])
    from editor.core.library.pool import chunked, pool_context, post_pool

    def stop(signum, frame):
        raise SystemExit(1)

    def square(items):
        return [i * i for i in items]

    def noop():
        pass

    def default_sigterm(_):
        return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL

    signal.signal(signal.SIGTERM, stop)
    assert pool_context().get_start_method() == "fork"
    with post_pool(2, noop) as pool:  # Pool.terminate's SIGTERM kills, whatever they do
        assert all(pool.map(default_sigterm, range(8), 1))
    total = 0
    for _ in range(15):
        with post_pool(2, noop) as pool:
            for found in pool.imap(square, chunked(list(range(400)), 7)):
                total += sum(found)
    print(total)
    """
)


def test_chunks_cover_the_items_in_order() -> None:
    assert chunked([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert chunked([], 3) == []
    assert cpu_workers() >= 1


def test_a_forked_pool_ends_though_its_parent_handles_sigterm() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == 15 * sum(i * i for i in range(400))


# A process like the GUI's: no fork, so a fork server; it stops, with its resource tracker,
# once no pool uses it, and starts again for the next pool.
SERVED = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, sys.argv[1])
    from multiprocessing import forkserver, resource_tracker
    from editor.core.library import pool as pools

    pools.fork_is_safe = lambda: False
    pools.FORKSERVER_IDLE_S = 0.0
    for _ in range(2):
        with pools.post_pool(1, os.getpid) as pool:  # importable: -c has no __main__ file
            assert pool.map(abs, [-3]) == [3]
            server = forkserver._forkserver._forkserver_pid
            assert server is not None and os.waitpid(server, os.WNOHANG) == (0, 0)
        pools._server_timer.join()
        assert forkserver._forkserver._forkserver_pid is None
        assert resource_tracker._resource_tracker._pid is None
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            print("stopped")
    """
)


def test_the_fork_server_stops_when_no_pool_uses_it() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVED, str(REPO)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["stopped", "stopped"]


def test_a_pool_left_with_work_outstanding_is_terminated_at_once() -> None:
    """A cancel (leaving the block while chunks are still queued) does not wait for them."""
    code = textwrap.dedent(
        """
        import os, sys, time
        sys.path.insert(0, sys.argv[1])
        from editor.core.library.pool import post_pool

        def noop():
            pass

        started = time.monotonic()
        with post_pool(2, noop) as pool:
            for _ in pool.imap(time.sleep, [0.01] + [5.0] * 8, 1):
                break  # cancelled after the first result
        print(round(time.monotonic() - started))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < 5  # the 40 s of queued sleeps were not waited for
