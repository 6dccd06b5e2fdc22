"""Guided modules: the module page's header and footer, the overview, credits and slides pages.

The modules themselves are loaded and validated with the rest of the course
(`coursemodel`); this hook frames each module page and generates the course
overview, "Sources and credits" and the facilitators' workshop slides from the
model, with templates from `coursemodel/templates/` (a center may override them).
"""

from __future__ import annotations

import posixpath
from typing import Any

from coursemodel import build_of, course_of
from coursemodel.contacts import render_support_block
from coursemodel.modules import drop_from_nav, render_nav_titles
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

OVERVIEW_URI = "overview.md"
CREDITS_URI = "credits.md"
# A staff page: generated only when the build keeps the staff pages (see `wants_slides`).
SLIDES_URI = "facilitators/slides.md"
NAV_MARKER = "modules/*.md"
# The course's own pages the module furniture links to, when the course has them.
SUPPORT_URI = "support.md"
WELLBEING_URI = "wellbeing.md"
FACILITATORS_DIR = "facilitators/"
# The course's address as a QR code, published beside the slides that show it.
QR_NAME = "course-address-qr.svg"


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the overview and credits pages and put the modules into the navigation."""
    course, renderer = course_of(config), build_of(config).renderer
    files.append(File.generated(config, OVERVIEW_URI, content=render_overview(course, renderer)))
    if course.sources:
        # A course that retells no articles has no credits page (and its modules no sources box).
        files.append(File.generated(config, CREDITS_URI, content=render_credits(course, renderer)))
    has_facilitators = any(f.src_uri.startswith(FACILITATORS_DIR) for f in files.documentation_pages())
    if has_facilitators and wants_slides(config.extra["course"]):
        slides = render_slides(course, renderer, config, qr=slide_qr(files, config, SLIDES_URI))
        files.append(File.generated(config, SLIDES_URI, content=slides))
    # A hidden module named in the nav by hand is dropped too: no menu links to a page not built.
    config.nav = drop_from_nav(expand_nav(config.nav, course.modules), tuple(course.hidden_uris))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Frame a module page with its header, takeaways, support block and sources."""
    course = course_of(config)
    module = course.module(page.file.src_uri)
    if module is None:
        return markdown
    renderer = build_of(config).renderer
    header = renderer.render("module_header.md", module=module, total=len(course.modules))
    footer = renderer.render(
        "module_footer.md",
        module=module,
        sources=[course.sources[s] for s in module.sources],
        # A course without a support page has no "need to talk" box pointing at one.
        support_block=(
            render_support_block(
                config.extra["course"],
                "../" + SUPPORT_URI,
                "../" + WELLBEING_URI if files.get_file_from_path(WELLBEING_URI) is not None else None,
            )
            if files.get_file_from_path(SUPPORT_URI) is not None
            else ""
        ),
    )
    return "\n\n".join([header.strip(), markdown.strip(), footer.strip()]) + "\n"


# Plain functions --------------------------------------------------------------------------------


def render_overview(course: Any, renderer: Any) -> str:
    """Render the generated course overview: every shown module with time and objectives."""
    total = sum(m.minutes for m in course.modules)
    return renderer.render("overview.md", modules=course.modules, total=total)


def render_credits(course: Any, renderer: Any) -> str:
    """Render the generated "Sources and credits" page from the registry."""
    from coursemodel.text import md_text

    entries = []
    for source in course.sources.values():
        used = [m for m in course.modules if source.id in m.sources]
        links = ", ".join(f"[{m.position}. {md_text(m.title)}]({m.src_uri})" for m in used)
        entries.append((source, links or md_text(renderer.t("page_credits_unused"))))
    return renderer.render("credits.md", entries=entries)


def wants_slides(settings: dict[str, Any]) -> bool:
    """Return True unless this is a learner build that leaves the slides' folder out."""
    staff = settings["staff_pages"]
    return staff["include"] or not SLIDES_URI.startswith(tuple(staff["paths"]))


def render_slides(
    course: Any, renderer: Any, config: Any, *, plan: Any = None, uri: str = SLIDES_URI, qr: str = ""
) -> str:
    """Render the workshop slides: a title, ground rules, the course, one per shown module, next steps.

    With a workshop `plan` (`coursemodel.workshop.Plan`) the deck follows the plan instead:
    one slide per step with its minutes, in place of the course and module slides. The first
    and last slides show the course's address as text and as the QR code at `qr` (see
    `slide_qr`), and the center's logo.
    """
    from coursemodel.workshop import timed_steps

    settings = config.extra["course"]
    worksheets = {
        m.src_uri: [course.worksheets[ws].title for ws in m.worksheets if ws in course.worksheets]
        for m in course.modules
    }
    address = published_address(config.site_url)
    middle = len(course.modules) + 1
    sessions = []
    if plan is not None:
        sessions = [
            (
                session,
                [
                    (
                        step,
                        start,
                        end,
                        [course.worksheets[w].title for w in step.handouts if w in course.worksheets],
                    )
                    for step, start, end in timed_steps(session)
                ],
            )
            for session in plan.sessions
        ]
        middle = sum(len(steps) for _session, steps in sessions) + (len(sessions) if len(sessions) > 1 else 0)
    return renderer.render(
        "slides.md",
        modules=course.modules,
        worksheets=worksheets,
        # Title, rules, the middle (the course and its modules, or the plan's steps), the course's
        # key message (if it has one), next steps.
        count=middle + 3 + renderer.has("page_slides_reply_title"),
        course_name=config.site_name,
        description=config.site_description or "",
        organisation=settings.get("organisation") or "",
        address=address,
        qr=qr,
        logo=slide_logo(settings, config, uri),
        contacts=slide_contacts(settings, renderer),
        plan=plan,
        sessions=sessions,
    )


def slide_qr(files: Any, config: Any, uri: str) -> str:
    """Publish the course's address as a QR code (SVG) beside slides page `uri`; return its path from there.

    A file, not inline markup: pages keep to the sanitiser's tags and the site's image policy.
    Returns "" while the address is this machine's (nothing to scan).
    """
    address = published_address(config.site_url)
    if not address:
        return ""
    from coursemodel.pack import qr_svg

    qr_uri = posixpath.join(posixpath.dirname(uri), QR_NAME)
    if files.get_file_from_path(qr_uri) is None:
        svg = qr_svg(address, scale=4)
        if "xmlns=" not in svg:
            svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
        files.append(File.generated(config, qr_uri, content=svg))
    return QR_NAME


def slide_logo(settings: dict[str, Any], config: Any, uri: str) -> str:
    """Return the center's logo as a path relative to the slides page, or "" without a logo."""
    from coursemodel.settings import brand_files

    logo = brand_files(settings, config).get("logo") if settings.get("logo") else None
    return posixpath.relpath(logo[0], posixpath.dirname(uri) or ".") if logo else ""


def published_address(site_url: str | None) -> str:
    """Return the course's address for learners to write down, or "" while it is this machine's.

    The handouts' rule (`coursemodel.printing.site_url_problem`), so paper and slides agree.
    """
    from coursemodel.printing import site_url_problem

    return "" if site_url_problem(site_url) else str(site_url).strip()


def slide_contacts(settings: dict[str, Any], renderer: Any) -> list[str]:
    """Return the center's contacts as Markdown lines with every address written out (slides print)."""
    from coursemodel.contacts import contact_rows, literal

    # `literal`: the center's words are plain text on the slides too (no links or images from them).
    lines = [f"**{literal(settings['organisation'])}**"] if settings.get("organisation") else []
    for _key, label, value in contact_rows(settings, renderer.strings):
        lines.append(f"{literal(label)}: {literal(value)}")
    return lines


def expand_nav(nav: Any, modules: list[Any]) -> Any:
    """Replace the `modules/*.md` nav marker with the shown modules in course order."""
    if isinstance(nav, list):
        out: list[Any] = []
        for item in nav:
            out.extend(render_nav_titles(modules) if item == NAV_MARKER else [expand_nav(item, modules)])
        return out
    if isinstance(nav, dict):
        return {key: expand_nav(value, modules) for key, value in nav.items()}
    return nav
