"""Workshop plans: their tables, their slides and their packs.

A facilitator guide that declares a plan in its front matter (`coursemodel.workshop`)
gets its sessions as tables where it writes `<!-- workshop: plan N -->`, a slide
deck of its own (`<page>-slides.md` beside it: opening slides with the course's
address and QR code, one slide per step with its minutes, the closing slides)
and a workshop pack (`pack/<page>.pdf` beside it, on both paper sizes): the
handouts the plan uses in session order, then a contacts slip. `<!-- workshop: pack -->`
links both. Plans live on staff pages, so a learner build (which drops those
pages before the course loads) has none of this.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from coursemodel import build_of, course_of
from coursemodel.errors import AuthorError
from coursemodel.handouts import Sheet, page_address, render_cached
from coursemodel.pack import pack_uri, render_pack, slip_of
from coursemodel.printing import brand_of, site_url_problem
from coursemodel.settings import brand_files
from coursemodel.steps.pdfs import reading_of
from coursemodel.text import md_text, project_root, t
from coursemodel.workshop import MARKER, pack_worksheets, render_table
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# Anything that starts like our marker, in any case and spacing.
LIKE = re.compile(r"<!--\s*workshop\b[^>]*-->", re.I)
log = get_plugin_logger(__name__.rsplit(".", 1)[-1])


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add each plan's slide deck, and its pack when this build makes PDFs."""
    from coursemodel.steps.modules import render_slides, slide_qr

    course, build = course_of(config), build_of(config)
    plans = [plan for plan in course.plans if files.get_file_from_path(plan.src_uri) is not None]
    for plan in plans:
        uri = deck_uri(plan)
        taken = files.get_file_from_path(uri)
        if taken is not None and not taken.generated_by:
            raise AuthorError(
                f"docs/{uri}",
                1,
                f"`docs/{uri}` clashes with the slides made from {plan.path}'s plan",
                "remove or rename it; the plan's slides are made from its front matter",
            )
        qr = slide_qr(files, config, uri)
        deck = render_slides(course, build.renderer, config, plan=plan, uri=uri, qr=qr)
        files.append(File.generated(config, uri, content=deck))
        # In the menu right after its plan: a page outside the nav gets Material's navless layout.
        title = t(config.extra["course"]["strings"], "page_workshop_slides_nav", plan=plan.title)
        config.nav = nav_after(config.nav, plan.src_uri, {title: uri})
    state = build.pdfs
    build.packs = {}
    if not plans or state.settings is None or not state.settings.enabled or not build.forms:
        return files
    jobs = pack_jobs(plans, config)
    cache = project_root(config) / state.settings.cache
    paths, rendered = render_cached(
        jobs, cache, weasyprint=state.settings.weasyprint, reading=reading_of(config)
    )
    log.info("Workshop packs: %d rendered, %d reused.", rendered, len(paths) - rendered)
    for uri, path in paths.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    build.packs = dict(paths)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put a plan's session tables and its pack's links where its page asks for them."""
    # MkDocs has taken the front matter off: count its lines back into every line we report.
    skipped = body_offset(page.file.content_string, markdown)
    check_markers(markdown, page.file.src_uri, skipped)
    plan = course_of(config).pages.get(page.file.src_uri)
    plan = plan.plan if plan is not None else None
    if plan is None:
        if MARKER.search(markdown):
            line = markdown[: MARKER.search(markdown).start()].count("\n") + 1 + skipped
            raise AuthorError(
                f"docs/{page.file.src_uri}",
                line,
                "a `workshop:` marker on a page with no plan",
                "declare the plan in the page's front matter (`workshop:`), see the authoring guide",
            )
        return markdown
    strings = config.extra["course"]["strings"]

    def fill(match: Any) -> str:
        """Render one marker: a session's table, or the links to the pack and the slides."""
        if match.group("n") is None:
            return pack_links(plan, page.file.src_uri, build_of(config), strings)
        number = int(match.group("n"))
        if not 0 < number <= len(plan.sessions):
            line = markdown[: match.start()].count("\n") + 1 + skipped
            raise AuthorError(
                f"docs/{page.file.src_uri}",
                line,
                f"the plan has no session {number}",
                f"allowed: plan 1 to plan {len(plan.sessions)}",
            )
        return render_table(plan.sessions[number - 1], strings)

    return MARKER.sub(fill, markdown)


# Plain functions --------------------------------------------------------------------------------


def body_offset(source: str, markdown: str) -> int:
    """Return how many lines of `source` (the page file) come before its body `markdown`."""
    start = source.find(markdown.lstrip()[:200]) if markdown.strip() else -1
    return source[:start].count("\n") if start > 0 else 0


def check_markers(markdown: str, src_uri: str, skipped: int = 0) -> None:
    """Stop at a `workshop:` marker that would be silently ignored (a typo, or not alone on its line)."""
    from coursemodel.pages import fenced_lines, line_at

    fenced = fenced_lines(markdown)
    for found in LIKE.finditer(markdown):
        line = line_at(markdown, found.start())
        if line in fenced or "`" in markdown.split("\n")[line - 1]:
            continue  # an example in code
        if not MARKER.fullmatch(markdown.split("\n")[line - 1]):
            raise AuthorError(
                f"docs/{src_uri}",
                line + skipped,
                f"the marker `{found.group(0)[:60]}` is not one the engine knows",
                "`<!-- workshop: plan 1 -->` or `<!-- workshop: pack -->`, alone on its line",
            )


def nav_after(nav: Any, target: str, entry: dict[str, str]) -> Any:
    """Return `nav` with `entry` right after the item that links `target` (unchanged if none does)."""
    if not isinstance(nav, list):
        return nav
    out: list[Any] = []
    for item in nav:
        out.append(nav_after(item, target, entry) if isinstance(item, list) else item)
        if isinstance(item, dict):
            out[-1] = {key: nav_after(value, target, entry) for key, value in item.items()}
        if item == target or (isinstance(item, dict) and target in item.values()):
            out.append(entry)
    return out


def deck_uri(plan: Any) -> str:
    """Return where a plan's slide deck is published: `<page>-slides.md` beside the plan."""
    folder = posixpath.dirname(plan.src_uri)
    return posixpath.join(folder, f"{plan.slug}-slides.md")


def pack_links(plan: Any, src_uri: str, build: Any, strings: dict[str, str]) -> str:
    """Return the Markdown that links a plan's pack (both papers, when made) and its slides."""
    here = posixpath.dirname(src_uri) or "."
    lines = []
    default, other = build.pdfs.papers
    own = pack_uri(plan.src_uri, plan.slug)
    if own in build.packs:
        links = f"[{md_text(t(strings, 'page_workshop_pack'))}]({posixpath.relpath(own, here)})"
        links += f" ({md_text(t(strings, f'pdf_paper_{default}'))})"
        other_uri = pack_uri(plan.src_uri, plan.slug, other)
        if other_uri in build.packs:
            links += f" · [{md_text(t(strings, f'pdf_paper_{other}'))}]({posixpath.relpath(other_uri, here)})"
        lines.append(f"- **{links}**: {md_text(t(strings, 'page_workshop_pack_about'))}")
    deck = posixpath.relpath(deck_uri(plan), here)
    lines.append(
        f"- **[{md_text(t(strings, 'page_workshop_slides'))}]({deck})**: "
        f"{md_text(t(strings, 'page_workshop_slides_about'))}"
    )
    return '<div class="bb-workshop-pack" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def pack_jobs(plans: list[Any], config: MkDocsConfig) -> list[Any]:
    """Return the PDF jobs of every plan's pack, on the build's paper and the other."""
    from coursemodel.handouts import Job

    course, build = course_of(config), build_of(config)
    settings = config.extra["course"]
    strings = settings["strings"]
    site_url = "" if site_url_problem(config.site_url) else str(config.site_url)
    logo = brand_files(settings, config).get("logo") if settings.get("logo") else None
    brand = brand_of(settings, logo[1] if logo else None, strings)
    slip = slip_of(settings, config.site_name, site_url)
    slip.logo = brand.logo
    lang = config.theme.get("language") or "en"
    jobs = []
    for plan in plans:
        ids = pack_worksheets(plan, set(course.worksheets))
        if not ids:
            continue
        sheets = [
            Sheet(
                id=ws_id,
                title=course.worksheets[ws_id].title,
                html=build.forms[(ws_id, True)],
                address=page_address(site_url, f"worksheets/{ws_id}/", config.use_directory_urls),
                path=course.worksheets[ws_id].path,
            )
            for ws_id in ids
        ]
        title = f"{config.site_name}: {t(strings, 'pdf_pack_title')}: {plan.title}"
        default, other = build.pdfs.papers
        for paper, folder in ((default, ""), (other, other)):
            if not paper:
                continue
            markup = render_pack(
                sheets,
                slip,
                strings=strings,
                course=config.site_name,
                title=title,
                lang=lang,
                paper=paper,
                brand=brand,
            )
            job = Job(pack_uri(plan.src_uri, plan.slug, folder), markup, fillable=False)
            job.sources = (plan.path,)
            jobs.append(job)
    return jobs
