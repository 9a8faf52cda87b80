"""Publishing a site: its own tools (Hugo's server, git) driven from Inkpost, without Qt.

`hugo_server` finds the site's Hugo, builds the `hugo server` command line for the site preview,
reads the server's output (ready, rebuilt, errors as diagnostics) and says why a theme is missing.
"""
