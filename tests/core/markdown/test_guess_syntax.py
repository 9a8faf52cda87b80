"""Chroma's guess for guessSyntax (editor.core.markdown.guess_syntax), analyser by analyser;
tests/core/markdown/test_rendering_hugo.py compares whole guessed blocks with the real Hugo."""

from __future__ import annotations

import pytest

from editor.core.markdown.guess_syntax import FALLBACK, guess_language
from editor.core.markdown.highlight import CodeOptions, parse_fence_info, render_fence


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("plain output\nline two\n", FALLBACK),
        ("", FALLBACK),
        ("#!/bin/bash\necho hi\n", "bash"),
        ("#!/usr/bin/env zsh\n", "bash"),
        ("#!/usr/bin/env python\nprint(1)\n", FALLBACK),  # Python has no analyser
        ("#!/usr/bin/env nu\nls\n", "nu"),
        ("#include <stdio.h>\n", "c"),  # "stdio.h" is not C++'s [a-z_]+
        ("#include <vector>\n", "c++"),
        ("  #ifdef DEBUG\n", "c"),
        ("@ IN SOA ns.example.org. admin ( 1 )\n", "dns"),
        ("export var x\n", "gdscript3"),  # 0.2 for "export" beats GDScript's 0.1
        ("func _ready():\n\tpass\n", "gdscript3"),
        ("package main\n\nfunc main() {}\n", "gdscript3"),  # 0.4 beats Go's 0.1
        ('package main\nimport "fmt"\nfunc main() { fmt.Println(1) }\n', "go"),  # 0.5
        ('package main\nimport "fmt"\nfmt.Println(1)\n', "go"),  # "fmt." 0.5, no func
        ("package x\n", "go"),
        ("SELECT `id` FROM `t`;\n", "mysql"),
        ("CTL-OPT dftactgrp(*no);\n", "rpgle"),  # RPGLE's analyser ignores case
        ("templ Hello(name string) {\n", "templ"),
        ("package views\n\n  templ  page\n", "templ"),  # a package line, then a templ line
        ("package views templ page\n", "go"),  # not on a line of its own
        ("\n\n  \t#include <stdio.h>\n", "c"),
        ("definition user {}\nrelation x\npermission y\n", "zed"),
        ("<?php echo 1; ?>\n", FALLBACK),  # PHP's analyser sits where Chroma never asks
    ],
)
def test_chroma_guesses(code: str, language: str) -> None:
    assert guess_language(code) == language


def test_a_tie_goes_to_the_first_registered() -> None:
    # C (0.1, first="true") and Go (0.1): C comes first in Chroma's registry
    assert guess_language("#include <stdio.h>\npackage x\n") == "c"


def test_guessing_fences_only_when_the_site_asks() -> None:
    guessing = CodeOptions(guess_syntax=True)
    html, known = render_fence("echo\n", parse_fence_info("", guessing), guessing)
    assert 'class="language-fallback" data-lang="fallback"' in html and known
    assert html.startswith('<div class="highlight">')
    html, known = render_fence("x\n", parse_fence_info("nosuchlang", guessing), guessing)
    assert "language-fallback" in html and not known  # still an unknown language to warn of
    plain, _ = render_fence("echo\n", parse_fence_info("", CodeOptions()), CodeOptions())
    assert plain == '<pre tabindex="0"><code>echo\n</code></pre>'
    off = CodeOptions(guess_syntax=True, code_fences=False)
    assert render_fence("echo\n", parse_fence_info("", off), off)[0].startswith("<pre")
