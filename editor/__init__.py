"""Inkpost: a desktop Markdown blog editor for static sites, Hugo first."""

__version__ = "0.1.0"
