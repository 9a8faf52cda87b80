"""A static site as its generator sees it: configuration, slugs and archetypes.

`model` holds the settings' shapes (`SiteConfig` and its `GoldmarkConfig`, `HighlightConfig`,
`TocConfig`, `LanguageConfig`), `config` finds a site (`find_site`, `load_site`) and reads Hugo's
configuration, `readers` the other generators' (Jekyll, Zola, Pelican, MkDocs), `files` parses
config files without ever raising, `slugs` makes each generator's slugs and `archetypes` fills
Hugo archetypes as `hugo new content` does.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "ArchetypeContext",
    "GoldmarkConfig",
    "HighlightConfig",
    "LanguageConfig",
    "SiteConfig",
    "TocConfig",
    "archetype_text",
    "file_slug",
    "find_site",
    "load_site",
    "render_archetype",
    "target_slug",
]

if TYPE_CHECKING:
    from editor.core.site.archetypes import ArchetypeContext, archetype_text, render_archetype
    from editor.core.site.config import find_site, load_site
    from editor.core.site.model import (
        GoldmarkConfig,
        HighlightConfig,
        LanguageConfig,
        SiteConfig,
        TocConfig,
    )
    from editor.core.site.slugs import file_slug, target_slug
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "model": [
                "GoldmarkConfig",
                "HighlightConfig",
                "LanguageConfig",
                "SiteConfig",
                "TocConfig",
            ],
            "config": ["find_site", "load_site"],
            "slugs": ["file_slug", "target_slug"],
            "archetypes": ["ArchetypeContext", "archetype_text", "render_archetype"],
        },
    )
