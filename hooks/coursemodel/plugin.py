"""The `bounce-back` MkDocs plugin: the engine's one entry point, and the build's steps in order.

A course's `mkdocs.yml` says `plugins: [search, bounce-back]` and nothing else
of ours: the engine's templates, theme overrides, scripts, styles and UI strings
live with the engine (`coursemodel/`), the course is data it reads.

Each MkDocs event below runs this build's steps in the order written here, so
the pipeline can be read top to bottom in one place. The steps are plain
modules in `coursemodel/steps/` (one concern each); they share one typed
`Build` object (`coursemodel.state`), made afresh in `on_config` for every
build, and read this build's settings from it, never from the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .options import BuildOptions, Flag
from .state import Build, attach
from .steps import (
    assets,
    checklists,
    course,
    hosting,
    modules,
    pageassets,
    pdfs,
    plan,
    progress,
    stepping,
    worksheets,
    workshop,
)

THEME_DIR = Path(__file__).resolve().parent / "theme"
# The Markdown extensions the engine's own markup needs (module boxes, forms in Markdown,
# collapsed examples, task lists); a course that does not list one gets it added.
NEEDED_EXTENSIONS = (
    "admonition",
    "attr_list",
    "md_in_html",
    "toc",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
)


class PluginConfig(base.Config):
    """The build's settings, typed; `!ENV` in `mkdocs.yml` lets one build override them.

    The flagship's `mkdocs.yml` maps each to its old environment variable
    (`pdf: !ENV [COURSE_PDF, true]`, …), so `COURSE_PDF=false mkdocs build` still works.
    """

    # Ready-made worksheet PDFs (handouts, fillable forms, workbook).
    pdf = Flag(default=True)
    # The handouts' default paper for this build, over `extra.course.paper`: a4 or letter.
    pdf_paper = c.Optional(c.Choice(("a4", "letter")))
    # Where rendered PDFs are cached, relative to the project folder.
    pdf_cache = c.Type(str, default=".cache/pdfs")
    # Ship our JS and CSS minified (off: readable, for debugging in the browser).
    minify = Flag(default=True)
    # A SCORM package build: the LMS keeps each learner's answers (needs the offline build too).
    scorm = Flag(default=False)
    # Keep staff pages (facilitators, hosting, authoring) in this build; unset: `extra.course.staff_pages`.
    staff_pages = Flag(default=None)


class BounceBackPlugin(BasePlugin[PluginConfig]):
    """Turn a folder of Markdown lessons and worksheet files into a guided course."""

    # How MkDocs was started (`on_startup`): "serve" previews, anything else builds to publish.
    command = "build"

    def __init__(self) -> None:
        """Start with no build; `on_config` makes one per build."""
        self.build: Build | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this process serves a preview or builds a site to deploy."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Make this build's state, add the engine's theme templates, check the center's settings."""
        options = BuildOptions(
            pdf=bool(self.config.pdf),
            pdf_paper=self.config.pdf_paper or "",
            pdf_cache=self.config.pdf_cache,
            minify=bool(self.config.minify),
            scorm=bool(self.config.scorm),
            staff_pages=self.config.staff_pages,
            offline=hosting.offline_enabled(config),
            command=self.command,
        )
        self.build = attach(config, Build(options=options))
        add_theme_dir(config)
        add_extensions(config)
        course.on_config(config)
        pdfs.on_config(config)
        hosting.on_config(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and validate the course once, then add every page, PDF and bundle made from it."""
        files = course.on_files(files, config=config)  # the model, its data, the center's images
        files = modules.on_files(files, config=config)  # overview, credits, slides, module nav
        files = worksheets.on_files(files, config=config)  # worksheet pages and All worksheets
        files = hosting.on_files(files, config=config)  # the offline search shim
        files = plan.on_files(files, config=config)  # My plan's page
        files = pdfs.on_files(files, config=config)  # handouts (need the rendered forms)
        files = workshop.on_files(files, config=config)  # each plan's slides and pack (after the handouts)
        files = stepping.on_files(files, config=config)  # the head script that decides before paint
        files = assets.on_files(files, config=config)  # bundles last: they carry the course data
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fill the course's markers in a page's Markdown and frame module pages."""
        # Plans' tables first: the course step then unlinks their links to hidden modules too.
        markdown = workshop.on_page_markdown(markdown, page=page, config=config, files=files)
        markdown = course.on_page_markdown(markdown, page=page, config=config, files=files)
        markdown = modules.on_page_markdown(markdown, page=page, config=config, files=files)
        markdown = worksheets.on_page_markdown(markdown, page=page, config=config, files=files)
        markdown = pdfs.on_page_markdown(markdown, page=page, config=config, files=files)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put worksheets, checklists, the plan and progress into a page's HTML."""
        html = worksheets.on_page_content(html, page=page, config=config, files=files)
        html = checklists.on_page_content(html, page=page, config=config, files=files)
        html = plan.on_page_content(html, page=page, config=config, files=files)
        html = progress.on_page_content(html, page=page, config=config, files=files)
        html = stepping.on_page_content(html, page=page, config=config, files=files)  # last: cuts the page
        return html

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        """Make the offline build's 404 page link relatively, so it opens from file://."""
        return hosting.on_template_context(context, template_name=template_name, config=config)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Link the feature bundles a built page uses and give it its worksheets' course data."""
        return pageassets.on_post_page(output, page=page, config=config)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the hosting headers made for this build."""
        hosting.on_post_build(config=config)


def add_extensions(config: Any) -> None:
    """Add each Markdown extension the engine needs and the course's config does not list."""
    for name in NEEDED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            if name == "pymdownx.tasklist":
                # Real checkboxes: the checklist step turns them into saved ticks.
                config.mdx_configs.setdefault(name, {"custom_checkbox": False})


def add_theme_dir(config: Any) -> None:
    """Put the engine's template overrides between a course's `custom_dir` and Material's own.

    A course (or a center) can still override any of them in its own `custom_dir`.
    """
    dirs = config.theme.dirs
    ours = str(THEME_DIR)
    if ours in dirs:
        return
    custom = config.theme.custom_dir
    at = 1 if custom and dirs and Path(dirs[0]).resolve() == Path(custom).resolve() else 0
    dirs.insert(at, ours)
