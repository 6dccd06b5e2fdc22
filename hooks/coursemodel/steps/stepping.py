"""Module pages in steps, decided before the first paint.

On a module page (after the progress slots are in) this step

- cuts the page into steps (`coursemodel.lessonsteps.split_steps`) and tells the
  theme how many there are (`page.meta["bb_steps"]`, a `<meta name="bb-steps">`
  the head script reads);
- gives each path block `data-fit` with the place of each situation it names (and `flag`),
  so path.css can hide other situations' blocks before paint;
- writes the empty "Showing the path for …" line where paths.js fills it, so its
  space is there from the first paint.

`on_files` puts the head script (`coursemodel.prepaint`) into `extra.course`.
"""

from __future__ import annotations

import re

from coursemodel import build_of, course_of
from coursemodel.lessonsteps import split_steps
from coursemodel.paths import find_roles, split_names
from coursemodel.prepaint import prepaint_script, situation_marks
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_PATH_BLOCK = re.compile(r'<div class="bb-path" data-path="([^"]*)"')
_META = re.compile(r'(<p class="bb-module-meta"[^>]*>.*?</p>)', re.S)
PATH_LINE = (
    '<div class="bb-path-line" data-bb-path-line><span class="bb-path-line__text"></span> '
    '<a class="bb-path-line__choose"></a>'
    '<button type="button" class="bb-path-line__toggle md-button" hidden></button></div>'
)
WORDS = ("step_of", "page_step_continue", "page_step_back", "page_step_nav", "step_whole")


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Make the head script from the loaded course (its keys and the situation's names)."""
    settings = config.extra["course"]
    settings["prepaint_js"] = prepaint_script(course_of(config), settings["id"])
    return files


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Cut a module page into steps and ready its path blocks for the head script."""
    course = course_of(config)
    module = course.module(page.file.src_uri)
    if module is None:
        return html_text
    if course.paths and _PATH_BLOCK.search(html_text):
        html_text = mark_path_blocks(html_text, list(course.paths), find_roles(course.worksheets).flag)
        html_text = _META.sub(lambda m: m.group(1) + PATH_LINE, html_text, count=1)
    # In an LMS package the whole module is there, as the issue for steps asks: the LMS frames the
    # course in its own player, with its own navigation and its own record of where the learner is.
    if build_of(config).options.scorm:
        return html_text
    strings = config.extra["course"]["strings"]
    words = {key.removeprefix("page_"): strings[key] for key in WORDS}
    html_text, count = split_steps(html_text, words)
    if count > 1:
        page.meta["bb_steps"] = {"src": page.file.src_uri, "count": count}
    return html_text


# Plain functions --------------------------------------------------------------------------------


def mark_path_blocks(html_text: str, known: list[str], flag: str) -> str:
    """Give every path block its `data-fit` (see `coursemodel.prepaint.situation_marks`)."""

    def one(match: re.Match[str]) -> str:
        """Return one block's opening with its marks."""
        marks = " ".join(situation_marks(split_names(match.group(1)), known, flag))
        return f'{match.group(0)} data-fit="{marks}"'

    return _PATH_BLOCK.sub(one, html_text)
