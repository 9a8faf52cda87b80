"""Start the desktop app: `inkpost [SITE] [POST] [--screenshot OUT.png [--size WxH]]`.

The one place where everything is created and wired: it prepares Qt (before the
QApplication exists), probes the PySide6 None leak and refuses a leaking pair, creates the
Settings, the site, the window, and opens the posts. With `--screenshot` it waits until the
preview has painted the post, saves the whole window as a PNG, checks that the preview is
not a blank pane, and exits.

The window draws on the CPU without OpenGL (editor/app/graphics.py, docs/window.md): a
QWebEngineView would otherwise make every key re-compose the whole window, and the GL
driver costs memory and start-up time.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.app.graphics import (
    configure_graphics,
    install_quiet_handler,
    skip_zygote_without_sandbox,
)
from editor.app.panels import PANELS, panel_list, show_panels
from editor.app.qt_guard import LeakProbeResult, probe_none_leak

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2
SCREENSHOT_TIMEOUT_MS = 60_000

if TYPE_CHECKING:
    from editor.core.folders import MigrationReport


def build_parser(*, with_epilog: bool = True) -> argparse.ArgumentParser:
    """The app's arguments; `with_epilog`: the CLI commands after --help's options (it
    imports the CLI, which a start that shows no help does without)."""
    epilog = None
    if with_epilog:
        from editor.app.usage import epilog as usage_epilog

        epilog = usage_epilog()
    parser = argparse.ArgumentParser(
        prog="inkpost",
        description="Inkpost: a Markdown editor for static-site blogs.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("site", nargs="?", help="the site folder (or a post inside it)")
    parser.add_argument("post", nargs="?", help="the post to open")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window, exit")
    parser.add_argument("--size", default="1400x900", type=_size, help="window size, WxH")
    parser.add_argument(
        "--show",
        metavar="PANEL[,PANEL]",
        type=panel_list,
        default=(),
        help=f"with --screenshot, show these panels too ({', '.join(PANELS)})",
    )
    parser.add_argument(
        "--new-instance",
        action="store_true",
        help="open a window of its own, even when Inkpost is already running",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Inkpost to the launcher and to 'Open with' (for pip installs), exit",
    )
    parser.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove what --install-desktop-entry added, exit",
    )
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size like 1400x900: {text!r}") from None
    if not (200 <= width <= 10_000 and 150 <= height <= 10_000):
        raise argparse.ArgumentTypeError(f"size out of range: {text!r}")
    return width, height


def prepare_qt_environment() -> None:
    """What must be set before the QApplication exists (no effect if one already does)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QCoreApplication, Qt

    if QCoreApplication.instance() is not None:
        return
    # The window draws on the CPU, without OpenGL (editor/app/graphics.py says why).
    if configure_graphics():
        install_quiet_handler()
    skip_zygote_without_sandbox()
    # QtWebEngine shares OpenGL contexts with the widgets; it must be said before the app.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def refuse(result: LeakProbeResult, *, interactive: bool) -> int:
    """Tell the user why Inkpost will not run (stderr, and a message box when possible)."""
    message = result.message()
    print(message, file=sys.stderr)
    if interactive:
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "inkpost"])
            assert app is not None
            QMessageBox.critical(None, "Inkpost cannot start", message)
        except Exception as error:  # no display, no Qt widgets: stderr said it already
            print(f"(could not show a message box: {error})", file=sys.stderr)
    return EXIT_REFUSED


def newest_post(site: Any, now: datetime | None = None) -> Path | None:
    """The most recent published post of `site` (not a draft, not future-dated), else the
    first post found. Reads only the head of each file, with the library's bounded reader."""
    from editor.core.library.scan import read_post, walk_content
    from editor.core.library.types import LibrarySite

    library = LibrarySite.from_site(site)
    now = now or datetime.now(UTC)
    best: tuple[datetime, str] | None = None
    first: str | None = None
    for found in walk_content(library):
        read = read_post(library, found, body=False)
        if read is None:
            continue
        entry = read[0]
        first = entry.file if first is None else min(first, entry.file)
        if entry.draft or entry.date is None or entry.date > now:
            continue
        if best is None or (entry.date, entry.file) > best:
            best = (entry.date, entry.file)
    chosen = best[1] if best else first
    return Path(chosen) if chosen else None


def _resolve_paths(args: argparse.Namespace, restored_site: str) -> tuple[Path, Path | None, bool]:
    """(site folder, post to open, whether the user named them) from the arguments."""
    from editor.app.resources import sample_site

    post = Path(args.post).expanduser() if args.post else None
    if args.site:
        site = Path(args.site).expanduser()
        if site.is_file() and post is None:
            return site.parent, site, True
        return site, post, True
    if restored_site and Path(restored_site).is_dir() and not args.screenshot:
        return Path(restored_site), post, False
    return sample_site(), post, False


def main(
    argv: Sequence[str] | None = None,
    *,
    probe: Callable[[], LeakProbeResult] | None = None,
) -> int:
    """Run the app; returns the exit code. `argv` are the arguments after the program name."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    from editor.app import gc_policy

    gc_policy.pause_for_start()  # until the post is painted (resume_after_paint)
    try:
        return _checked_run(arguments, probe or probe_none_leak)
    finally:
        gc_policy.resume()


def _checked_run(arguments: list[str], probe: Callable[[], LeakProbeResult]) -> int:
    """Read the arguments, refuse a PySide6 that leaks, run the app."""
    helping = any(arg == "-h" or (len(arg) > 2 and "--help".startswith(arg)) for arg in arguments)
    args = build_parser(with_epilog=helping).parse_args(arguments)  # --help: Qt-free
    from editor.app.pyside_imports import read_files_as_bytes

    read_files_as_bytes()  # PySide6's import hook, without reading every module's source
    result = probe()
    if result.leaks:
        return refuse(result, interactive=not args.screenshot)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The app, once the arguments are read and PySide6 is known to be safe."""
    prepare_qt_environment()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "inkpost"])
    # The render process starts before the window's own imports: its imports and warm-up
    # run on the other core while the window is built, so it is ready when the preview is.
    from editor.ui.workers import RenderController

    render_controller = RenderController(debounce_ms=0)  # the window becomes its parent

    from editor.app import gc_policy
    from editor.app.resources import resource_path
    from editor.app.settings import Settings, default_data_location, move_legacy_folders
    from editor.core.site.config import find_site
    from editor.ui.editor import code_lexers
    from editor.ui.export.store import IniStore
    from editor.ui.window.main_window import MainWindow

    app.setApplicationName("Inkpost")
    app.setOrganizationName("Inkpost")
    if os.environ.get("INKPOST_WATCHDOG"):  # ENV: log the GUI thread's busy stretches
        from editor.app.watchdog import install_from_env

        install_from_env(app)  # a child of the app, for its life
    from editor.app.i18n import install_translators

    install_translators(app)  # the system locale's .qm, if Inkpost ships one
    from editor.app.app_icon import application_icon
    from editor.app.desktop_entry import APP_ID

    app.setDesktopFileName(APP_ID)  # the desktop entry: its icon and name in the shell
    app.setWindowIcon(application_icon())

    if not args.screenshot:  # older versions' folders, moved once (then: one stat)
        _report_moved(move_legacy_folders())
    settings = Settings()  # INKPOST_CONFIG_DIR or the platform's config folder
    # The recovery journal and previous versions; a screenshot run keeps none.
    data_dir = None if args.screenshot else default_data_location()
    state = settings.window_state()
    site_path, post_path, named = _resolve_paths(args, state.site)
    site = find_site(site_path)
    for diagnostic in site.diagnostics:
        print(diagnostic, file=sys.stderr)

    window = MainWindow(
        settings,
        site,
        preview_dir=resource_path("preview"),
        data_dir=data_dir,
        render_controller=render_controller,
        defer_parts=not args.screenshot,  # the docks' panels, Export, Help... at the end
    )
    window.guide_file = resource_path("guide.md")
    gc_policy.resume_after_paint(window)
    if args.screenshot:  # the picture shows the library as it is
        wire_window(window, settings, resource_path("preview"))
    else:
        # The post comes first on the screen, its first screen of code in colour (a flash
        # of uncoloured code would cost as much later); then the preview starts; once it
        # shows the post, the library's panel (in the dock kept for it) and File > Export,
        # the window's other parts (ui/window/parts.py), the colours of the code below.
        window.reserve_library()
        code_lexers.defer_lexers(True)

        def finish_start_up() -> None:
            # The library's panel, then (File > Export's store, the preview's mode) the
            # window's parts, made on that first use.
            wire_window(window, settings, resource_path("preview"))
            # File > Open Recent: its file is read and written (synced) after the first
            # frames; the posts opened until then are merged in.
            store = IniStore(settings.location / "recent.ini")
            window.first_paint.then(lambda: window.recent.attach(store))
            window.first_paint.then(code_lexers.load_deferred_lexers)
            window.first_paint.then(code_lexers.warm_lexers)  # for the posts opened later

        after_preview(window, finish_start_up)
    if args.screenshot:
        window.save_state_on_close = False  # a screenshot leaves the user's state alone
        window.resize(*args.size)
    else:
        window.resize(1400, 900)
        window.restore_state(state, reopen_posts=not named)
    if post_path is not None:
        window.open_post(post_path)
    if not window.tab_list():
        newest = newest_post(site)
        if newest is not None:
            window.open_post(newest)
        else:
            window.new_post()

    if args.screenshot:
        show_panels(window, args.show)  # --show front-matter,outline,...
        return _screenshot(app, window, Path(args.screenshot))
    window.show()
    if not args.new_instance:  # later starts hand their posts to this window
        from editor.app.instance import start_server, window_opener

        start_server(window_opener(window), window)
    if window.safekeeping is not None:  # what a crash left unsaved, offered back
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.safekeeping.offer_recovery)
    code = app.exec()
    dispose(window)
    return code


def _report_moved(report: MigrationReport | None) -> None:
    """One line on stderr when older versions' folders were moved, one per file that was not."""
    if report is None or report.already_done:
        return
    if report.moved or report.kept_beside:
        print(f"inkpost: moved {len(report.moved)} file(s) from older folders", file=sys.stderr)
    for path, beside in report.kept_beside:
        print(f"inkpost: kept both copies of {path.name}: the older is {beside}", file=sys.stderr)
    for path, error in report.failed:
        print(f"inkpost: could not move {path}: {error}", file=sys.stderr)


PREVIEW_WAIT_MS = 1500  # after_preview waits no longer for the preview after the first paint
FRAME_WAIT_MS = 500  # nor, once the page holds the post, for a frame that shows it
FRAME_POLL_MS = 20  # how often the view is looked at meanwhile (a grab: 2-5 ms of CPU)
SCROLL_BARS_PX = 24  # the preview's right and bottom edges, left out of "is it blank?"


def after_preview(window: Any, callback: Callable[[], object]) -> None:
    """Run `callback` once, when the preview shows the post: after `contentPainted`, once
    the view is not blank (Qt draws Chromium's frames on the GUI thread, and Chromium's
    first frames may not hold the post's text yet: work run before the post's frame would
    hold it back); or PREVIEW_WAIT_MS after the window's first paint (a hidden or slow
    preview), or FRAME_WAIT_MS after `contentPainted` (a blank post), whichever comes first.

    The view is polled rather than watched: its paint events do not tell one frame from
    another, and a grab makes the view paint again."""
    from PySide6.QtCore import QObject, QTimer

    done = False
    connected: list[Any] = []  # the preview whose contentPainted is connected
    owner = QObject(window)  # the timers below end with it
    poll = QTimer(owner)
    poll.setInterval(FRAME_POLL_MS)

    def run() -> None:
        nonlocal done
        if done:
            return
        done = True
        poll.stop()
        window.previewCreated.disconnect(on_preview_created)
        for preview in connected:
            preview.contentPainted.disconnect(on_content_painted)
        owner.deleteLater()
        callback()

    def check() -> None:
        if not done and preview_shows_post(window.preview):
            run()

    poll.timeout.connect(check)

    def on_content_painted() -> None:
        poll.start()
        QTimer.singleShot(0, owner, check)
        QTimer.singleShot(FRAME_WAIT_MS, owner, run)

    def on_preview_created(preview: Any) -> None:
        connected.append(preview)
        preview.contentPainted.connect(on_content_painted)

    window.previewCreated.connect(on_preview_created)
    window.first_paint.then(
        lambda: QTimer.singleShot(PREVIEW_WAIT_MS if window.preview_visible else 0, owner, run)
    )


def preview_shows_post(preview: Any) -> bool:
    """Whether the preview's view draws something (a hidden one counts as shown): a grab
    of the view, its scroll bars left out, that is not a single colour."""
    view = preview.view
    if not view.isVisible():
        return True
    region = view.rect().adjusted(0, 0, -SCROLL_BARS_PX, -SCROLL_BARS_PX)
    return not is_blank(view.grab().toImage(), region)


def wire_window(window: Any, settings: Any, preview_dir: Path) -> None:
    """Give the window its library sidebar and its Export dialog's store and CSS.

    The library's index goes under `INKPOST_CACHE_DIR` (tests, tools) or the platform's
    cache folder `inkpost`, where the CLI finds it too; the export dialog remembers its
    choices in `export.ini` beside the settings and styles HTML/PDF with the preview's CSS.
    """
    from editor.app import gc_policy
    from editor.app.settings import default_cache_location
    from editor.ui.export.store import IniStore
    from editor.ui.library.panel import LibraryPanel

    panel = LibraryPanel(window)
    window.set_library(panel, default_cache_location())
    gc_policy.apply_at_start()  # the GUI process's collector (editor/app/gc_policy.py)
    gc_policy.follow_library(panel)
    css_file = preview_dir / "preview.css"
    css = css_file.read_text(encoding="utf-8") if css_file.is_file() else ""
    window.set_export(IniStore(settings.location / "export.ini"), css)
    window.preview_modes.set_store(IniStore(settings.location / "preview.ini"))  # Fast or Site


def _screenshot(app: Any, window: Any, out: Path) -> int:
    """Show the window, wait for the painted preview, save it as a PNG; the exit code.

    `contentPainted` says the page holds the post; the view's compositor may show it a
    frame or two later, so from then on every repaint of the view (and a light poll, for
    repaints that arrive as no event) tries again until the preview is not blank.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    loop = QEventLoop()
    outcome: dict[str, int] = {}
    armed = {"painted": False}

    def finish(code: int, message: str = "") -> None:
        if message:
            print(message, file=sys.stderr)
        outcome.setdefault("code", code)
        loop.exit(code)

    def try_grab() -> None:
        if "code" in outcome or not armed["painted"]:
            return
        pixmap = window.grab()
        preview = window.preview
        region = preview.rect().translated(preview.mapTo(window, preview.rect().topLeft()))
        region.adjust(0, 0, -SCROLL_BARS_PX, -SCROLL_BARS_PX)
        if is_blank(pixmap.toImage(), region):
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(out), "PNG"):
            finish(EXIT_FAILED, f"could not write {out}")
            return
        if saved_preview_is_blank(out, window.width(), region):
            finish(EXIT_FAILED, f"the preview in {out} is blank")
            return
        finish(EXIT_OK)

    class _PaintWatcher(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.Paint, QEvent.Type.UpdateRequest):
                QTimer.singleShot(0, try_grab)
            return False

    watcher = _PaintWatcher()
    poll = QTimer()
    poll.setInterval(100)
    poll.timeout.connect(try_grab)

    def on_content_painted() -> None:
        armed["painted"] = True
        poll.start()
        QTimer.singleShot(0, try_grab)

    def on_preview_created(preview: Any) -> None:
        for widget in [preview.view, *preview.view.findChildren(QObject)]:
            widget.installEventFilter(watcher)
        preview.contentPainted.connect(on_content_painted)

    window.previewCreated.connect(on_preview_created)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: finish(EXIT_FAILED, "the preview did not paint the post in time"))
    timer.start(SCREENSHOT_TIMEOUT_MS)
    window.show()
    loop.exec()
    timer.stop()
    poll.stop()
    window.close()
    dispose(window)
    return outcome.get("code", EXIT_FAILED)


def dispose(window: Any) -> None:
    """Delete the window's C++ side now, children in creation order (the preview's page
    before its profile), rather than leaving it to the interpreter's exit."""
    from shiboken6 import Shiboken

    if Shiboken.isValid(window):
        Shiboken.delete(window)


def saved_preview_is_blank(path: Path, window_width: int, region: Any) -> bool:
    """Is `region` (logical coordinates of a window `window_width` wide) blank in the PNG at
    `path`? A PNG keeps no device pixel ratio: it is the file's width over the window's."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    if image.isNull() or window_width <= 0:
        return True
    image.setDevicePixelRatio(image.width() / window_width)
    return is_blank(image, region)


def is_blank(image: Any, region: Any = None, samples: int = 40) -> bool:
    """True when a grid of samples over `region` of `image` finds a single colour (a blank
    pane). `region` is a QRect in the widgets' logical coordinates, scaled by the image's
    device pixel ratio (a grab at 2x holds twice the pixels); None: the whole image."""
    left, top, width, height = 0, 0, image.width(), image.height()
    if region is not None:
        ratio = image.devicePixelRatio()
        left, top = max(round(region.x() * ratio), 0), max(round(region.y() * ratio), 0)
        width = min(round(region.width() * ratio), image.width() - left)
        height = min(round(region.height() * ratio), image.height() - top)
    if width < 2 or height < 2:
        return True
    colours = set()
    for row in range(samples):
        for column in range(samples):
            x = left + int((column + 0.5) * width / samples)
            y = top + int((row + 0.5) * height / samples)
            colours.add(image.pixel(x, y))
            if len(colours) > 1:
                return False
    return True


if __name__ == "__main__":
    sys.exit(main())
