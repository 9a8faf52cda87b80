"""Inkpost's domain logic: plain Python, no Qt (an import-linter contract holds that line)."""
