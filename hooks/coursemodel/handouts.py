"""Worksheet PDFs: settings, the handout template, rendering with a cache.

The pdfs hook calls these; they take plain data (the rendered forms, the
course's name, the center's `Brand` and the paper sizes) and never read the
course files themselves. The fillable PDFs' form fields are repaired in
`pdfforms.py`, the links to the PDFs are written by `downloads.py`.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from .downloads import pdf_uri
from .fieldtypes import unit_files
from .pdfforms import repair_form_fields
from .printing import PAPERS, Brand, other_paper
from .trust import Reading, RefusedRead, image_problems, local_fetcher, local_problem, refused_error  # noqa: F401

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"
CACHE_DIR = ".cache/pdfs"
# Bump when the PDF pipeline changes in a way the rendered HTML does not show.
PIPELINE = "3"

# `<!-- worksheet-pdfs: interview-debrief -->` or `<!-- worksheet-pdfs: workbook -->` in any page.
MARKER = re.compile(r"<!--\s*worksheet-pdfs:\s*([a-z0-9-]+)\s*-->")


# Plain functions: settings → plan → render → repair --------------------------------------------


@dataclass
class Settings:
    """Whether PDFs are made this build, on which paper, with which WeasyPrint."""

    enabled: bool = True
    paper: str = ""  # a4 or letter from COURSE_PDF_PAPER; "" takes `extra.course.paper`
    weasyprint: str = ""
    cache: str = CACHE_DIR


@dataclass
class Sheet:
    """One worksheet as the handout template needs it."""

    id: str
    title: str
    html: str
    address: str = ""
    path: str = ""  # the worksheet file as authors know it (worksheets/<id>.yml), for errors


@dataclass
class Job:
    """One PDF to make: where it goes in the site, its HTML and whether it is fillable."""

    uri: str
    html: str
    fillable: bool
    digest: str = field(default="")
    sources: tuple[str, ...] = ()  # the worksheet files it prints, for errors


def load_settings(options: Any) -> Settings:
    """Return the PDF switches of this build from its typed options (`coursemodel.options`).

    `pdf` (on or off), `pdf_paper` (a4 or letter: the default size for this build,
    over `extra.course.paper`; the plugin's config has already checked it) and
    `pdf_cache` (the cache folder, relative to the project).
    """
    paper_name = str(options.pdf_paper or "").strip().lower()
    if paper_name and paper_name not in PAPERS:
        raise PluginError(f"pdf_paper {paper_name!r} is not a paper size; allowed: {', '.join(PAPERS)}")
    return Settings(enabled=bool(options.pdf), paper=paper_name, cache=str(options.pdf_cache or CACHE_DIR))


def weasyprint_version() -> tuple[str | None, str]:
    """Return (version, "") when WeasyPrint loads, else (None, the reason in a few words)."""
    try:
        import weasyprint
    except ImportError:
        return None, "it is not installed; `pip install weasyprint` adds it"
    except OSError as err:
        # WeasyPrint raises OSError when Pango or its other system libraries are missing.
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        return None, f"a system library is missing: {first}"
    if not _pypdf_version():
        return None, "pypdf is not installed; `pip install pypdf` adds it"
    return weasyprint.__version__, ""


def page_address(site_url: str | None, path: str, use_directory_urls: bool = True) -> str:
    """Return a page's public address for the printed footer, or "" without a site_url."""
    if not site_url:
        return ""
    if not use_directory_urls and path.endswith("/"):
        path += "index.html"
    return site_url.rstrip("/") + "/" + path


# Characters a CSS string in the handout's `<style>` may hold as they are; everything else
# (quotes, backslash, `<`, `>`, `&`, control characters) is written as a hex escape, so a
# center's name or contacts can neither end the string nor the style element around it.
_CSS_SAFE = re.compile(r"[\w .,:;!?@#%+=/()\[\]{}*~^$|'-]")


def _css_string(text: str) -> str:
    r"""Quote text as a CSS string literal that is also inert inside an HTML `<style>` element.

    Line breaks become one space (the page header and footer are one line each);
    any other character outside a small safe set becomes a CSS hex escape
    (`<` → `\\3c `), and printable letters of any script stay as they are.
    """
    text = re.sub(r"[\r\n\u2028\u2029]+", " ", str(text))

    def safe(char: str) -> str:
        """Return one character as it is, or as a CSS hex escape ending in its one space."""
        if _CSS_SAFE.fullmatch(char) or (not char.isascii() and char.isprintable()):
            return char
        return f"\\{ord(char):x} "

    return '"' + "".join(safe(char) for char in text) + '"'


def _environment() -> jinja2.Environment:
    """Return the Jinja environment for the handout template (autoescaped)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = lambda text: jinja2.utils.markupsafe.Markup(_css_string(text))
    return env


def render_handout(
    sheets: list[Sheet],
    *,
    course: str,
    mode: str,
    lang: str = "en",
    paper: str = "a4",
    title: str = "",
    address: str = "",
    cover: bool = False,
    brand: Brand | None = None,
) -> str:
    """Render the lean handout HTML for some worksheets; `mode` is `blank` or `fillable`.

    `paper` is `a4` or `letter`; `brand` is the center (its name, logo, contacts
    and colour), or None for the course's own look.
    """
    css = (TEMPLATES / "handout.css").read_text(encoding="utf-8")
    # The paper look shared with the browser's print: what never prints, how tables print.
    css += "\n" + (ASSETS / "paper.css").read_text(encoding="utf-8")
    # Field-type units style themselves on paper too (their `@media print` rules apply here).
    css += "".join("\n" + path.read_text(encoding="utf-8") for _name, path in unit_files(".css"))
    prepared = [
        Sheet(s.id, s.title, jinja2.utils.markupsafe.Markup(prepare_controls(s.html, mode)), s.address)
        for s in sheets
    ]
    template = _environment().get_template("handout.html")
    return template.render(
        sheets=prepared,
        course=course,
        mode=mode,
        lang=lang,
        paper=PAPERS.get(paper.lower(), paper),
        title=title or (sheets[0].title if sheets else course),
        address=address,
        cover=cover,
        brand=brand or Brand(),
        css=jinja2.utils.markupsafe.Markup(css),
    )


_TAG = re.compile(r"<(input|textarea|details)\b([^>]*)>")
_TEXTAREA = re.compile(r"<textarea\b([^>]*)>.*?</textarea>", re.S)
_ATTR = re.compile(r'\s([a-z-]+)(?:="([^"]*)")?')


def prepare_controls(markup: str, mode: str) -> str:
    """Adapt a worksheet's screen HTML to paper.

    Examples open; textareas get a height from their rows; placeholders go
    (on paper they would read as answers). For fillable PDFs, checkboxes that
    share a name (multichoice) get `name.value` so each is its own field.
    """
    shared = _shared_checkbox_names(markup)
    if mode == "blank":
        # Paper gets one ruled line per row: crisp at any resolution, unlike a drawn background.
        markup = _TEXTAREA.sub(lambda match: _ruled_lines(match.group(1)), markup)

    def fix(match: re.Match[str]) -> str:
        tag, attrs = match.group(1), match.group(2)
        values = dict((name, value) for name, value in _ATTR.findall(attrs))
        if tag == "details":
            return match.group(0) if " open" in attrs else f"<details{attrs} open>"
        attrs = re.sub(r'\splaceholder="[^"]*"', "", attrs)
        if tag == "textarea":
            attrs += f' style="height: {_rows(attrs) * 2}em"'
        elif mode == "fillable" and values.get("type") == "checkbox" and values.get("name") in shared:
            name = values["name"]
            attrs = attrs.replace(f'name="{name}"', f'name="{name}.{values.get("value")}"')
        return f"<{tag}{attrs}>"

    return _TAG.sub(fix, markup)


def _rows(attrs: str) -> int:
    """Return the number of rows a textarea asks for, kept between 2 and 14."""
    match = re.search(r'\srows="(\d+)"', attrs)
    return max(2, min(int(match.group(1)) if match else 4, 14))


def _ruled_lines(attrs: str) -> str:
    """Ruled space for a long answer on a blank handout: one line per textarea row."""
    lines = '<span class="bb-line"></span>' * _rows(attrs)
    return f'<div class="bb-lines" aria-hidden="true">{lines}</div>'


def _shared_checkbox_names(markup: str) -> set[str]:
    """Names used by more than one checkbox (multichoice answers)."""
    seen: dict[str, int] = {}
    for match in _TAG.finditer(markup):
        values = dict(_ATTR.findall(match.group(2)))
        if match.group(1) == "input" and values.get("type") == "checkbox" and values.get("name"):
            seen[values["name"]] = seen.get(values["name"], 0) + 1
    return {name for name, count in seen.items() if count > 1}


def plan_pdfs(
    sheets: list[Sheet],
    *,
    course: str,
    lang: str,
    paper: str,
    workbook_title: str,
    workbook_address: str = "",
    brand: Brand | None = None,
    both_papers: bool = True,
) -> list[Job]:
    """List every PDF of the course: blank and fillable per worksheet, then the workbook.

    `paper` (`a4` or `letter`) is the default size, published at `worksheets/pdf/`;
    with `both_papers` the same PDFs are made on the other size, under
    `worksheets/pdf/<size>/`, so every learner can print on the paper they have.
    """
    jobs: list[Job] = []
    sizes = [(paper, "")] + ([(other_paper(paper), other_paper(paper))] if both_papers else [])
    for size, folder in sizes:
        common = {"course": course, "lang": lang, "paper": size, "brand": brand}
        for sheet in sheets:
            for mode in ("blank", "fillable"):
                markup = render_handout([sheet], mode=mode, **common)
                job = Job(pdf_uri(sheet.id, mode, folder), markup, fillable=mode == "fillable")
                job.sources = (sheet.path,) if sheet.path else ()
                jobs.append(job)
        if sheets:
            title = f"{course}: {workbook_title}"
            markup = render_handout(
                sheets, mode="blank", title=title, address=workbook_address, cover=True, **common
            )
            job = Job(pdf_uri("", "workbook", folder), markup, fillable=False)
            job.sources = tuple(sheet.path for sheet in sheets if sheet.path)
            jobs.append(job)
    return jobs


def job_digest(job: Job, weasyprint: str) -> str:
    """Hash everything that shapes a PDF: its HTML, the renderer and this pipeline."""
    digest = hashlib.sha256()
    for part in (PIPELINE, weasyprint, _pypdf_version(), str(job.fillable), job.html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    # This file and the form repair shape every PDF too: a change to either renders them again.
    for source in (Path(__file__), Path(__file__).with_name("pdfforms.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def render_cached(
    jobs: list[Job], cache: Path, *, weasyprint: str, reading: Reading | None = None
) -> tuple[dict[str, Path], int]:
    """Return {site uri: cached PDF} for every job, rendering only those not in `cache`.

    The second value is how many PDFs were rendered this time (0 when nothing
    changed). `reading` says which files the renderer may read (none but
    `data:` URLs without it); a refused URL is an `AuthorError` naming the
    worksheet file that asks for it.
    """
    cache.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    rendered = 0
    for job in jobs:
        job.digest = job_digest(job, weasyprint)
        # The other paper size's copies live in a folder: keep it in the cached name.
        stem = job.uri.removeprefix("worksheets/pdf/").removesuffix(".pdf").replace("/", "-")
        path = cache / f"{stem}-{job.digest}.pdf"
        if not path.is_file():
            try:
                data = render_pdf(job.html, fillable=job.fillable, reading=reading or Reading())
            except RefusedRead as refused:
                raise refused_error(refused.url, refused.problem, job.sources, reading or Reading()) from None
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
            rendered += 1
        else:
            path.touch()
        paths[job.uri] = path
    prune(cache, keep=set(paths.values()))
    return paths, rendered


def prune(cache: Path, *, keep: set[Path], max_age_days: float = 7) -> None:
    """Remove cached PDFs no build has used for a week.

    Not at once: `mkdocs serve` and a build (or two checkouts of a course in
    flux) may share the cache, and one must not delete what the other is
    about to publish. Every use touches a file, so live ones stay young.
    """
    import time

    limit = time.time() - max_age_days * 86400
    for old in cache.glob("*.pdf"):
        try:
            if old not in keep and old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            continue


def render_pdf(markup: str, *, fillable: bool, reading: Reading | None = None) -> bytes:
    """Render handout HTML to PDF bytes; fillable ones get repaired form fields.

    WeasyPrint reads through `trust.local_fetcher`: `data:` URLs and files
    inside `reading.roots` only, never the network. A refused URL stops the
    rendering with `RefusedRead`.
    """
    import weasyprint

    reading = reading or Reading()
    refused: list[str] = []
    fetcher = local_fetcher(reading.roots, refused)
    try:
        document = weasyprint.HTML(
            string=markup, base_url=reading.base_url or str(TEMPLATES), url_fetcher=fetcher
        )
        data = document.write_pdf(pdf_forms=fillable, uncompressed_pdf=False)
    except BaseException:
        # WeasyPrint stops on a refused URL with its own fatal error (a BaseException).
        if not refused:
            raise
    if refused:
        raise RefusedRead(refused[0], local_problem(refused[0], reading.roots)) from None
    return repair_form_fields(data) if fillable else data


def _pypdf_version() -> str:
    """Return the pypdf version, or "" when it is not installed."""
    try:
        import pypdf
    except ImportError:
        return ""
    return pypdf.__version__
