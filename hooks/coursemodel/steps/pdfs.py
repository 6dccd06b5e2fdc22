"""Ready-made worksheet PDFs: blank handouts, fillable forms and one workbook.

For every worksheet the build makes a blank handout (ruled space to write on)
and a fillable PDF whose text boxes, choices and ticks are real form fields,
plus one workbook of all worksheets for workshops. They are rendered with
WeasyPrint from a lean template of our own (`hooks/coursemodel/templates/handout.html`),
cached by a hash of exactly what is rendered, and published as ordinary
MkDocs files so the links to them are checked like any other link.

Each PDF comes on A4 and on US Letter: the center's `extra.course.paper` at
`worksheets/pdf/`, the other size under `worksheets/pdf/<size>/`. They carry
the center's name, logo, contacts and colour, and each worksheet's address
from `site_url`; a deploy build whose `site_url` is a placeholder warns.

`COURSE_PDF=false` turns all of this off for quick previews. Where WeasyPrint
cannot load, the build leaves the links out and says so in one warning, so a
deploy build (`--strict`) stops rather than publish a site without handouts.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from coursemodel import build_of, course_of
from coursemodel.downloads import (
    pdf_uri,
    render_downloads,
    render_index_downloads,
    render_inline_downloads,
    replace,
)
from coursemodel.handouts import (
    MARKER,
    Reading,
    Settings,
    Sheet,
    image_problems,
    load_settings,
    page_address,
    plan_pdfs,
    refused_error,
    render_cached,
    weasyprint_version,
)
from coursemodel.printing import brand_of, other_paper, site_url_problem
from coursemodel.settings import brand_files, config_place
from coursemodel.text import project_root, t, ui_strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__.rsplit(".", 1)[-1])
# A worksheet a lesson places, as the worksheets step leaves it in the Markdown (`worksheets.slot`;
# a worksheet's own page has the " page" variant and its full downloads block instead).
PLACED = re.compile(r"^([ \t]*)(<!-- bb-worksheet-slot: ([a-z0-9-]+) -->)[ \t]*$", re.M)


# Event handlers ---------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Decide once per build whether PDFs are made, and say why not when they are not."""
    state = build_of(config).pdfs
    state.settings = settings = load_settings(build_of(config).options)
    if settings.enabled:
        version, problem = weasyprint_version()
        if version is None:
            settings.enabled = False
            log.warning(
                "Worksheet PDFs left out: WeasyPrint cannot load here (%s). Install the `pdf` extra "
                "(`pip install -e '.[pdf]'`; bin/build does) or build without handouts: COURSE_PDF=false",
                problem,
            )
        settings.weasyprint = version or ""
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Render (or reuse from the cache) every worksheet PDF and publish them as files."""
    state = build_of(config).pdfs
    settings: Settings = state.settings
    state.published = {}
    if not settings.enabled:
        return files
    stop_if_strict_build_has_warned(config)
    root = project_root(config)
    course = course_of(config)
    if not course.worksheets:
        return files
    center = config.extra.get("course", {})
    strings = center.get("strings") or {}
    forms = build_of(config).forms
    # A preview address (127.0.0.1, localhost) is never printed; a deploy build warns.
    site_url = "" if site_url_problem(config.site_url) else config.site_url
    check_site_url(config)
    sheets = [
        Sheet(
            id=ws.id,
            title=ws.title,
            html=forms[(ws.id, True)],
            address=page_address(site_url, f"worksheets/{ws.id}/", config.use_directory_urls),
            path=ws.path,
        )
        for ws in course.worksheet_order()
    ]
    reading = reading_of(config)
    for sheet in sheets:
        for url, problem in image_problems(sheet.html, reading):
            raise refused_error(url, problem, (sheet.path,), reading)
    logo = brand_files(center, config).get("logo") if center.get("logo") else None
    paper = settings.paper or center.get("paper") or "a4"
    state.papers = (paper, other_paper(paper))
    jobs = plan_pdfs(
        sheets,
        course=config.site_name,
        lang=config.theme.get("language") or "en",
        paper=paper,
        workbook_title=t(strings or ui_strings("en"), "pdf_workbook_title"),
        workbook_address=page_address(site_url, "worksheets/", config.use_directory_urls),
        brand=brand_of(center, logo[1] if logo else None, strings),
    )
    cache = root / settings.cache
    paths, rendered = render_cached(jobs, cache, weasyprint=settings.weasyprint, reading=reading)
    log.info(
        "Worksheet PDFs: %d rendered, %d reused from %s.", rendered, len(paths) - rendered, settings.cache
    )
    for uri, path in paths.items():
        if uri in files.src_uris:
            files.remove(files.src_uris[uri])
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    state.published = dict(paths)
    state.titles = {sheet.id: sheet.title for sheet in sheets}
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Link the PDFs: worksheet pages, under each worksheet a lesson places, All worksheets, markers."""
    state = build_of(config).pdfs
    published, titles, papers = state.published, state.titles, state.papers
    strings = config.extra.get("course", {}).get("strings") or {}
    src_uri = page.file.src_uri
    # A center that hides a module hides the worksheets only it placed: their PDFs are not
    # made, so a staff page's marker for one drops out instead of stopping the build.
    course = build_of(config).course
    gone = course.hidden_worksheets if course is not None else set()
    markdown = MARKER.sub(
        lambda m: "" if m.group(1) in gone else replace(m, src_uri, published, strings, titles, papers),
        markdown,
    )
    if not published:
        return markdown
    if not src_uri.startswith("worksheets/"):
        return PLACED.sub(
            lambda match: placed_downloads(match, src_uri, published, strings, papers), markdown
        )
    name = src_uri.removeprefix("worksheets/").removesuffix(".md")
    if name == "index":
        return (
            markdown.rstrip() + "\n\n" + render_index_downloads(titles, published, src_uri, strings, papers)
        )
    if "/" not in name and pdf_uri(name, "blank") in published:
        return markdown.rstrip() + "\n\n" + render_downloads(name, published, src_uri, strings, papers)
    return markdown


# Plain functions --------------------------------------------------------------------------------


def placed_downloads(
    match: re.Match[str], src_uri: str, published: dict, strings: dict, papers: tuple[str, str]
) -> str:
    """Keep a placed worksheet's slot and put its PDF links under it, at the slot's indent."""
    indent, slot, ws_id = match.groups()
    line = render_inline_downloads(ws_id, published, src_uri, strings, papers)
    if not line:
        return match.group(0)
    return f"{indent}{slot}\n\n" + "\n".join(indent + part for part in line.split("\n"))


def stop_if_strict_build_has_warned(config: MkDocsConfig) -> None:
    """End a strict build that has already warned (a colour's contrast, …) before any PDF renders.

    MkDocs would stop it anyway, but only after the whole build: rendering every
    handout first costs a minute or more for nothing.
    """
    from mkdocs.exceptions import Abort
    from mkdocs.utils import CountHandler

    if not config.strict:
        return
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    warned = sum(count for counter in counters for _level, count in counter.get_counts())
    if warned:
        raise Abort(
            f"Aborted with {warned} warning{'s' if warned != 1 else ''} in strict mode, "
            "before rendering the worksheet PDFs: fix what is said above"
        )


def reading_of(config: MkDocsConfig) -> Reading:
    """Return what the handouts' renderer may read: files in docs/ and worksheets/, never the network.

    A center's own folder counts too when it is one of its own (not the folder
    that holds the whole project, with its tools and settings). Relative
    images are read as the worksheet's page reads them (`worksheets/<id>/`).
    """
    root = project_root(config)
    docs = Path(config.docs_dir).resolve()
    roots = [docs, root / "worksheets"]
    center = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    if not docs.is_relative_to(center):
        roots.append(center)
    base = (docs / "worksheets" / "page").as_uri() + "/"
    return Reading(roots=tuple(str(r) for r in roots), base_url=base, root=str(root))


def check_site_url(config: MkDocsConfig) -> None:
    """Warn when a build to deploy would print a placeholder `site_url` (so `--strict` stops).

    `mkdocs serve` previews at 127.0.0.1 by design, and an offline or SCORM
    package (OFFLINE=true) is opened from a file or an LMS, not from site_url:
    neither warns. Either way a placeholder address is left off the paper.
    """
    problem = site_url_problem(config.site_url)
    options = build_of(config).options
    if not problem or options.preview or options.offline:
        return
    log.warning(
        "%s:%d: %s, but the handouts (worksheet PDFs) print each worksheet's address from it; "
        "set site_url (or the SITE_URL environment variable) to the address learners open (for example "
        "https://careers.your-college.edu/bounce-back/), or build without handouts: COURSE_PDF=false",
        *config_place(config, "site_url"),
        problem,
    )
