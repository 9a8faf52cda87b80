"""Publishing a site: its own tools (Hugo's server, git) driven from Inkpost, without Qt.

`hugo_server` finds the site's Hugo, builds the `hugo server` command line for the site preview,
reads the server's output (ready, rebuilt, errors as diagnostics) and says why a theme is missing.

A Hugo site is published by pushing its git repository (the site's CI builds it): `runner`
runs the system's git (`run_git`), `git` reads its status (`repo_status`,
`RepoStatus.state_of`, `GitState`, `parse_porcelain_v2`); `plan` decides what publishing
the chosen posts would commit and what stands in its way (`plan_publish`, `PublishPlan`,
`PublishOptions`), and `execute` edits their fields, commits exactly those files, pulls when
behind and pushes (`publish`, `PublishResult`). Credentials are git's own business: Inkpost
stores none.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "EventKind",
    "GitError",
    "GitState",
    "PublishOptions",
    "PublishPlan",
    "PublishResult",
    "RepoStatus",
    "ServerEvent",
    "find_hugo",
    "missing_theme",
    "parse_line",
    "parse_porcelain_v2",
    "plan_publish",
    "post_url",
    "publish",
    "repo_status",
    "server_command",
]

if TYPE_CHECKING:
    from editor.core.publish.execute import PublishResult, publish
    from editor.core.publish.git import (
        GitState,
        RepoStatus,
        parse_porcelain_v2,
        repo_status,
    )
    from editor.core.publish.hugo_server import (
        EventKind,
        ServerEvent,
        find_hugo,
        missing_theme,
        parse_line,
        post_url,
        server_command,
    )
    from editor.core.publish.plan import PublishOptions, PublishPlan, plan_publish
    from editor.core.publish.runner import GitError
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "git": ["GitState", "RepoStatus", "parse_porcelain_v2", "repo_status"],
            "runner": ["GitError"],
            "hugo_server": [
                "EventKind",
                "ServerEvent",
                "find_hugo",
                "missing_theme",
                "parse_line",
                "post_url",
                "server_command",
            ],
            "plan": ["PublishOptions", "PublishPlan", "plan_publish"],
            "execute": ["PublishResult", "publish"],
        },
    )
