"""Publishing through git in the window (issue 14, "Publish").

`git_watch` holds `GitWatch`, which reads a site's git status off the GUI thread, and
`LibraryGit`, which keeps the library's Git column current with it; `dialog` holds
`PublishDialog` (plan, options, commit message, progress, git's answer) and `job` its
`PublishJobs`, which plan and publish off the GUI thread. ui/window/publish_link.py wires
them into the window.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["GitWatch", "LibraryGit", "PublishDialog", "PublishJobs"]

if TYPE_CHECKING:
    from editor.ui.publish.dialog import PublishDialog
    from editor.ui.publish.git_watch import GitWatch, LibraryGit
    from editor.ui.publish.job import PublishJobs
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "git_watch": ["GitWatch", "LibraryGit"],
            "dialog": ["PublishDialog"],
            "job": ["PublishJobs"],
        },
    )
