"""The course step: validate `extra.course`, load the course model once, share it.

It runs first (see `coursemodel.plugin`): `on_config` checks the career
center's settings; `on_files` loads and validates every course file into one
`coursemodel.Course` that the other hooks read through `course_of(config)`,
and leaves hidden modules out of the site.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from coursemodel import AuthorError, build_of, course_of, load_course, sanitise
from coursemodel.browser import core_course_data, course_data, course_data_script
from coursemodel.contacts import replace
from coursemodel.modules import drop_from_nav, unlink_hidden
from coursemodel.paths import render_paths
from coursemodel.refs import resolve
from coursemodel.render import Renderer
from coursemodel.sanitise import escape_meta
from coursemodel.settings import (
    BRAND_CSS,
    brand_files,
    check_colours,
    config_lines,
    config_place,
    course_line,
    inherit_chain,
    render_brand_css,
)
from coursemodel.settings import load_course as load_settings
from coursemodel.text import config_name, make_markdown, shown_file, t
from coursemodel.trust import check_site_address, check_theme_assets
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

log = get_plugin_logger(__name__.rsplit(".", 1)[-1])

MARKER = re.compile(r"<!--\s*course:\s*([\w-]+)\s*-->")
# `<!-- course: time -->`: "8 modules, about 2½ hours", from the modules a learner is shown.
TIME_MARKER = re.compile(r"<!--\s*course:\s*time\s*-->")
# `<!-- course: minutes -->`: the shown modules' minutes added up ("168"), for a table's total.
MINUTES_MARKER = re.compile(r"<!--\s*course:\s*minutes\s*-->")
DATA_URI = "assets/bounce-back/course-data.json"
# `<!-- course: storage -->` (and `storage-shared`, for a form a facilitator may ask about): where
# answers are kept, in the build's words: this browser only, or also the learner's LMS record.
STORAGE_MARKER = re.compile(r"<!--\s*course:\s*(storage|storage-shared)\s*-->")
# The page that says where answers are kept; a SCORM package gets its LMS version (privacy_lms.md).
PRIVACY_PAGE = "privacy.md"


# Event handlers ---------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate `extra.course`, check its colours and wire up its logo and favicon."""
    check_language(config)
    check_site_name(config)
    check_site_address(config, config_place(config, "site_url"))
    check_theme_assets(config)
    options = build_of(config).options
    course = load_settings(config, staff_pages=options.staff_pages, scorm=options.scorm)
    config.extra["course"] = course
    sanitise.install(config)
    shown = config_name(config)
    for warning in check_colours(course["colours"], shown):
        log.warning(at_its_line(warning, shown, config))
    check_course_id(config, course["id"])
    brand = brand_files(course, config)
    if brand.get("logo"):
        config.theme["logo"] = brand["logo"][0]
    if brand.get("favicon"):
        config.theme["favicon"] = brand["favicon"][0]
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load the course model once; publish its data, the center's images and colours."""
    build = build_of(config)
    settings = config.extra["course"]
    build.md = make_markdown(config)
    build.renderer = Renderer(settings["strings"], build.md, config)
    staff = settings["staff_pages"]
    if not staff["include"]:
        # A learner build: staff pages are not built, searched, mapped or in the menu.
        for file in [f for f in files.documentation_pages() if f.src_uri.startswith(tuple(staff["paths"]))]:
            files.remove(file)
        config.nav = drop_from_nav(config.nav, tuple(staff["paths"]))
    build.course = course = load_course(config, files, build.md)
    # An answer the course collects and never uses is a question the learner answers for nothing.
    for warning in course.warnings:
        log.warning(warning)
    registry = files.get_file_from_path("sources.yml")
    if registry is not None:
        files.remove(registry)  # read into the model; not a page or an asset for learners
    for module in course.hidden:
        # A hidden module is not built at all: no page, no search entry, no sitemap line.
        files.remove(files.get_file_from_path(module.src_uri))
    build.course_data = data = course_data(course, build.renderer.plain)
    # Every page gets what progress, saving and previews need; My plan's bundle gets the words too.
    build.course_data_js = course_data_script(core_course_data(data))
    build.plan_data_js = course_data_script(data)
    files.append(File.generated(config, DATA_URI, content=json_text(data)))
    build.brand_css = render_brand_css(settings["colours"]) if any(settings["colours"].values()) else ""
    for uri, path in brand_files(settings, config).values():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Escape titles and descriptions, fill `course:` markers and module references, unlink hidden modules."""
    escape_meta(page.meta)
    course = config.extra["course"]
    if course.get("lms") and page.file.src_uri == PRIVACY_PAGE:
        # In an LMS the web version's "only in this browser" is not true: this page says what is.
        return build_of(config).renderer.render("privacy_lms.md")
    markdown = TIME_MARKER.sub(lambda _match: course_time(course_of(config)), markdown)
    minutes = str(sum(m.minutes for m in course_of(config).modules))
    markdown = MINUTES_MARKER.sub(lambda _match: minutes, markdown)
    markdown = STORAGE_MARKER.sub(
        lambda match: t(course["strings"], "page_" + match.group(1).replace("-", "_")), markdown
    )
    markdown = MARKER.sub(lambda match: replace(match, course, page.file.src_uri), markdown)
    model = course_of(config)
    # `[](02-example.md)`: the module's number and title now, or gone with its sentence when hidden.
    shown: dict[str, Any] = {f"worksheets/{ws_id}.md": ws.title for ws_id, ws in model.worksheets.items()}
    shown.update({m.src_uri: m for m in model.modules})
    markdown, dropped = resolve(markdown, page.file.src_uri, shown, model.unbuilt_uris, model.strings)
    if dropped:
        targets = ", ".join(sorted(set(dropped)))
        log.info("docs/%s: text that names hidden modules is left out: %s", page.file.src_uri, targets)
    if model.hidden:
        # A link with words of its own to a hidden page keeps its words, as plain text.
        markdown, unlinked = unlink_hidden(markdown, page.file.src_uri, model.unbuilt_uris)
        if unlinked:
            targets = ", ".join(sorted(set(unlinked)))
            log.info("docs/%s: links to hidden pages show as plain text: %s", page.file.src_uri, targets)
    found = model.pages.get(page.file.src_uri)
    if found is not None and found.paths:
        markdown = render_paths(markdown, model.paths, model.strings)
    return markdown


# Plain functions --------------------------------------------------------------------------------


def course_time(model: Any) -> str:
    """Return the shown course's size and time in words, to the nearest half hour past the first."""
    minutes = sum(m.minutes for m in model.modules)
    if minutes < 90:
        return t(model.strings, "page_course_minutes", count=len(model.modules), minutes=minutes)
    halves = round(minutes / 30)
    hours = f"{halves // 2}½" if halves % 2 else str(halves // 2)
    return t(model.strings, "page_course_hours", count=len(model.modules), hours=hours)


def at_its_line(warning: str, shown: str, config: MkDocsConfig) -> str:
    """Add the line of the colour a contrast warning names: `file:line: extra.course.colours.key: …`."""
    key = re.match(rf"{re.escape(shown)}: extra\.course\.colours\.(\w+):", warning)
    if key is None:
        return warning
    return f"{shown}:{course_line(config, f'colours.{key.group(1)}')}:{warning[len(shown) + 1 :]}"


def check_course_id(config: MkDocsConfig, course_id: str) -> None:
    """Say (at INFO) when a center's config keeps the course's storage id without writing it.

    The build cannot see other copies on the same web address, so it says what sharing an
    id means and how to choose: writing the same id keeps what learners already saved. Not a
    warning: most copies live on an address of their own, where sharing the id is harmless,
    and a warning would stop every such center's strict build (the hosting guide explains).
    """
    # The file that writes the id: the first in the chain; a warning only when that is the course's own.
    chain = [(path, writes_course_id(path)) for path in inherit_chain(config)]
    written = [(path, line) for path, line in chain if line]
    if len(chain) < 2 or not written or written[0][0] != chain[-1][0]:
        return
    where, line = shown_file(written[0][0]), written[0][1]
    log.info(
        f"{config_name(config)}:1: extra.course.id is not set here, so this copy keeps the course's "
        f"storage id {course_id!r} ({where}:{line}): every copy on the same web address with that id "
        "(such as two courses on one <owner>.github.io) shares learners' answers, and Clear everything "
        "in one wipes the other; write an id under extra.course in this file: your own "
        f"(id: {course_id}-yourname) before learners start, or id: {course_id} to keep what they saved"
    )


def writes_course_id(path: Path) -> int:
    """Return the line where the config file at `path` writes `extra.course.id`, else 0."""
    shown = SimpleNamespace(config_file_path=str(path))
    line, lines = course_line(shown, "id"), config_lines(shown)
    return line if 0 < line <= len(lines) and re.match(r"\s*id\s*:", lines[line - 1]) else 0


def check_site_name(config: MkDocsConfig) -> None:
    """Refuse markup in `site_name`: Material prints it unescaped in every page's header."""
    if re.search(r'[<>"]', config.site_name or ""):
        raise AuthorError(
            *config_place(config, "site_name"),
            f"site_name {config.site_name!r} contains <, > or a double quote",
            "write the course's name as plain words",
        )


def check_language(config: MkDocsConfig) -> None:
    """Refuse a `theme.language` that Material has no translations for (it would end in a traceback)."""
    language = str(config.theme.get("language") or "en")
    dirs = [Path(d) for d in getattr(config.theme, "dirs", [])]
    known = sorted({p.stem for d in dirs for p in (d / "partials" / "languages").glob("*.html")})
    if known and language not in known:
        raise AuthorError(
            *config_place(config, "language"),
            f"theme.language `{language}` is not a language Material knows",
            f"for example en, es, fr, de (all: {', '.join(k for k in known if k != 'custom')})",
        )


def json_text(data: Any) -> str:
    """Return the course data as a readable JSON file (for tools such as the LMS packager)."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


__all__ = ["BRAND_CSS", "on_config", "on_files", "on_page_markdown"]
