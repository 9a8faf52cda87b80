"""Will it publish? Checks of a Hugo site's posts, before Hugo builds them (issue 13).

`SiteChecker(site).check_post(post)` and `.check_site(paths)` return `Diagnostic`s whose
`code` is the check's id (editor.core.checks.registry.CHECKS lists them): `draft`,
`future-date`, `publish-date`, `expired`, `front-matter`, `unknown-shortcode`,
`shortcode-args`, `broken-ref`, `broken-link`, `missing-image`, `static-image-bundle`,
`missing-alt`, `missing-description`, `duplicate-slug`, `duplicate-url`, `duplicate-alias`,
`heading-skip`, `unknown-code-language`, `title-length`, `description-length`. An error
means Hugo's build would fail (or the file cannot be read); warnings and info do not.

A site turns checks off, and sets the lengths its theme shows, in its config:

    [params.inkpost.checks]
    disable = ["missing-alt", "heading-skip"]
    title_max = 60            # characters (default 70)
    description_max = 150     # characters (default 160)

or in `.inkpost/checks.toml` at the site root (the same keys at the top level or under
`[checks]`; the file's values win, `disable` lists are joined).
"""

from __future__ import annotations

from editor.core.checks.checker import CheckReport, SiteChecker
from editor.core.checks.registry import CHECKS, Check
from editor.core.checks.settings import CheckSettings, load_settings

__all__ = ["CHECKS", "Check", "CheckReport", "CheckSettings", "SiteChecker", "load_settings"]
