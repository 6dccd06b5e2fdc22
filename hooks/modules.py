"""Guided modules: front matter, module page furniture, overview and credits.

A module is one Markdown file under `docs/modules/` whose front matter says
its number, title, minutes, objectives, takeaways and sources. This hook
validates that front matter with file and line, frames each module page with
a header and a key-takeaways box, and generates the course overview and the
sources-and-credits pages. See ARCHITECTURE.md for the format.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course import render_support_block
from errors import (
    AuthorError,
    LineDict,
    LineList,
    load_yaml,
    project_root,
    read_text,
    require_list,
    split_front_matter,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

MODULES_DIR = "modules/"
SOURCES_FILE = "sources.yml"
OVERVIEW_URI = "overview.md"
CREDITS_URI = "credits.md"
NAV_MARKER = "modules/*.md"

REQUIRED_KEYS = {
    "number": int,
    "title": str,
    "minutes": int,
    "objectives": list,
    "takeaways": list,
    "sources": list,
}
OPTIONAL_KEYS = {"description": str}
# Material's own front-matter keys stay usable on module pages.
MATERIAL_KEYS = {"hide", "search", "status", "icon", "template", "subtitle"}
SOURCE_KEYS = {"id", "file", "title", "by", "summary", "url"}


# Event handlers ---------------------------------------------------------------------------------


@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Load and validate every module, then add the overview and credits pages."""
    root = project_root(config)
    sources = load_sources(Path(config.docs_dir) / SOURCES_FILE, _shown(root, config, SOURCES_FILE))
    modules = load_modules(files, config, root, sources)
    course = config.extra.get("course", {})
    modules = select_modules(modules, course.get("modules", {}), config)
    _STATE.update(modules={m.src_uri: m for m in modules}, sources=sources, order=modules)
    files.append(File.generated(config, OVERVIEW_URI, content=render_overview(modules)))
    files.append(File.generated(config, CREDITS_URI, content=render_credits(sources, modules)))
    config.nav = expand_nav(config.nav, modules)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Frame a module page with its header, takeaways, support block and sources."""
    module = _STATE["modules"].get(page.file.src_uri)
    if module is None:
        return markdown
    total = len(_STATE["order"])
    course = config.extra.get("course", {})
    return "\n\n".join(
        [
            render_header(module, total),
            markdown.strip(),
            render_footer(module, _STATE["sources"], course),
        ]
    )


# Plain functions: load → validate → render -------------------------------------------------------

_STATE: dict[str, Any] = {"modules": {}, "sources": {}, "order": []}


@dataclass
class Source:
    """One article the course is built from."""

    id: str
    title: str
    by: str
    summary: str = ""
    file: str = ""
    url: str = ""


@dataclass
class Module:
    """A module's validated front matter and where it lives."""

    src_uri: str
    path: str
    number: int
    title: str
    minutes: int
    objectives: list[str]
    takeaways: list[str]
    sources: list[str]
    description: str = ""
    slug: str = field(default="")
    lines: dict[str, int] = field(default_factory=dict, repr=False)


def load_sources(path: Path, shown: str) -> dict[str, Source]:
    """Load the sources registry: a YAML list of articles with unique ids."""
    if not path.is_file():
        raise AuthorError(shown, 1, "the sources registry is missing", "create it (see ARCHITECTURE.md)")
    data = load_yaml(read_text(path, shown), shown)
    if not isinstance(data, LineList):
        raise AuthorError(shown, 1, "the sources registry must be a list of articles", "`- id: …`")
    sources: dict[str, Source] = {}
    for index, item in enumerate(data):
        line = data.line_of(index)
        if not isinstance(item, LineDict):
            raise AuthorError(shown, line, "each source must be a mapping", f"keys {_keys(SOURCE_KEYS)}")
        for key in item:
            if key not in SOURCE_KEYS:
                raise AuthorError(
                    shown, item.line_of(key), f"unknown key `{key}`", f"allowed: {_keys(SOURCE_KEYS)}"
                )
        for key in ("id", "title", "by"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise AuthorError(shown, item.line_of(key), f"`{key}` must be non-empty text", "")
        if item["id"] in sources:
            raise AuthorError(shown, item.line_of("id"), f"duplicate source id `{item['id']}`", "")
        sources[item["id"]] = Source(**{k: str(v) for k, v in item.items()})
    return sources


def load_modules(files: Files, config: MkDocsConfig, root: Path, sources: dict[str, Source]) -> list[Module]:
    """Load every module page's front matter and check numbers are unique."""
    modules: list[Module] = []
    seen: dict[int, Module] = {}
    for file in files.documentation_pages():
        uri = file.src_uri
        if not uri.startswith(MODULES_DIR) or uri.endswith("index.md") or file.generated_by:
            continue
        shown = _shown(root, config, uri)
        module = parse_module(read_text(Path(file.abs_src_path), shown), shown, uri, sources)
        if module.number in seen:
            raise AuthorError(
                shown,
                module_line(module, "number"),
                f"module number {module.number} is already used by {seen[module.number].path}",
                "give each module its own number",
            )
        seen[module.number] = module
        modules.append(module)
    return sorted(modules, key=lambda m: m.number)


def parse_module(text: str, shown: str, src_uri: str, sources: dict[str, Source]) -> Module:
    """Validate one module file's front matter and return it as a `Module`."""
    front, _body = split_front_matter(text)
    if front is None:
        raise AuthorError(
            shown,
            1,
            "a module must start with YAML front matter between `---` lines",
            f"keys {_keys(REQUIRED_KEYS)}",
        )
    data = load_yaml(front, shown, first_line=2)
    if not isinstance(data, LineDict):
        raise AuthorError(
            shown, 2, "the front matter must be a mapping of keys", f"keys {_keys(REQUIRED_KEYS)}"
        )
    allowed = set(REQUIRED_KEYS) | set(OPTIONAL_KEYS) | MATERIAL_KEYS
    for key in data:
        if key not in allowed:
            raise AuthorError(shown, data.line_of(key), f"unknown key `{key}`", f"allowed: {_keys(allowed)}")
    for key, kind in {**REQUIRED_KEYS, **OPTIONAL_KEYS}.items():
        if key not in data:
            if key in REQUIRED_KEYS:
                raise AuthorError(
                    shown, data.line, f"missing `{key}`", f"every module needs {_keys(REQUIRED_KEYS)}"
                )
            continue
        value = data[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise AuthorError(
                shown,
                data.line_of(key),
                f"`{key}` must be a whole number, not {value!r}",
                f"for example `{key}: 15`",
            )
        if kind is str and (not isinstance(value, str) or not value.strip()):
            raise AuthorError(shown, data.line_of(key), f"`{key}` must be non-empty text", "")
        if kind is list:
            _check_text_list(data, key, shown)
    if data["number"] < 1 or data["minutes"] < 1:
        key = "number" if data["number"] < 1 else "minutes"
        raise AuthorError(shown, data.line_of(key), f"`{key}` must be 1 or more", "")
    for index, source_id in enumerate(data["sources"]):
        if source_id not in sources:
            raise AuthorError(
                shown,
                data["sources"].line_of(index),
                f"unknown source id `{source_id}`",
                f"ids in docs/{SOURCES_FILE}: {', '.join(sources) or '(none)'}",
            )
    module = Module(
        src_uri=src_uri,
        path=shown,
        number=data["number"],
        title=data["title"].strip(),
        minutes=data["minutes"],
        objectives=list(data["objectives"]),
        takeaways=list(data["takeaways"]),
        sources=list(data["sources"]),
        description=data.get("description", "").strip(),
        slug=Path(src_uri).stem,
        lines={k: data.line_of(k) for k in data},
    )
    return module


def module_line(module: Module, key: str) -> int:
    """Return the file line of a front-matter key of a parsed module."""
    return module.lines.get(key, 1)


def select_modules(modules: list[Module], settings: dict[str, Any], config: MkDocsConfig) -> list[Module]:
    """Apply a career center's `extra.course.modules` hide and order settings."""
    hide = set(settings.get("hide", []))
    order = list(settings.get("order", []))
    known = {m.slug for m in modules}
    for slug in [*hide, *order]:
        if slug not in known:
            raise AuthorError(
                "mkdocs.yml",
                1,
                f"extra.course.modules names an unknown module `{slug}`",
                f"module file names without .md: {', '.join(sorted(known))}",
            )
    kept = [m for m in modules if m.slug not in hide]
    if order:
        rank = {slug: i for i, slug in enumerate(order)}
        kept.sort(key=lambda m: (rank.get(m.slug, len(rank)), m.number))
    return kept


def expand_nav(nav: Any, modules: list[Module]) -> Any:
    """Replace the `modules/*.md` nav marker with the modules in course order."""
    if nav is None:
        return None
    if isinstance(nav, list):
        out: list[Any] = []
        for item in nav:
            if item == NAV_MARKER:
                # Nav titles reach the page unescaped (nav, footer, <title>): escape them here.
                out.extend({f"{m.number}. {html.escape(m.title)}": m.src_uri} for m in modules)
            else:
                out.append(expand_nav(item, modules))
        return out
    if isinstance(nav, dict):
        return {key: expand_nav(value, modules) for key, value in nav.items()}
    return nav


def render_header(module: Module, total: int) -> str:
    """Render the module title, its place in the course and its objectives."""
    objectives = "\n".join(f"    - {_inline(o)}" for o in module.objectives)
    return (
        f"# {_inline(module.title)}\n\n"
        f'<p class="bb-module-meta" data-module-number="{module.number}">'
        f"Module {module.number} of {total} · about {module.minutes} minutes</p>\n\n"
        f'!!! abstract bb-objectives "In this module you will…"\n\n{objectives}\n'
    )


def render_footer(module: Module, sources: dict[str, Source], course: dict[str, Any]) -> str:
    """Render the key takeaways, a short support block and the sources credits."""
    takeaways = "\n".join(f"    - {_inline(t)}" for t in module.takeaways)
    credits = "\n".join(f"- *{_inline(sources[s].title)}*, {_inline(sources[s].by)}" for s in module.sources)
    return (
        f'!!! success bb-takeaways "Key takeaways"\n\n{takeaways}\n\n'
        f"{render_support_block(course, '../support.md')}\n\n"
        f'<div class="bb-sources" markdown>\n\n'
        f"## Sources\n\nThis module draws on these articles, retold in our own words:\n\n"
        f"{credits}\n\nSee [Sources and credits](../{CREDITS_URI}).\n\n</div>\n"
    )


def render_overview(modules: list[Module]) -> str:
    """Render the generated course overview: every module with time and objectives."""
    total = sum(m.minutes for m in modules)
    parts = [
        '---\ndescription: "The whole course at a glance, with every module, its time and what you'
        ' will do."\n---\n',
        "# Course overview\n",
        f'<p class="bb-course-total">{len(modules)} modules · about {total} minutes in all. '
        "Take them in order, one or two at a sitting.</p>\n",
        '<div class="bb-course-progress" data-course-progress></div>\n',
    ]
    for module in modules:
        objectives = "\n".join(f"- {_inline(o)}" for o in module.objectives)
        parts.append(
            f'<section class="bb-overview-module" data-module="{module.src_uri}" markdown>\n\n'
            f"## [{module.number}. {_inline(module.title)}]({module.src_uri})\n\n"
            f'<p class="bb-module-meta">About {module.minutes} minutes'
            f'<span class="bb-status" data-module-status="{module.src_uri}"></span></p>\n\n'
            + (f"{_inline(module.description)}\n\n" if module.description else "")
            + f"{objectives}\n\n</section>\n"
        )
    return "\n".join(parts)


def render_credits(sources: dict[str, Source], modules: list[Module]) -> str:
    """Render the generated "Sources and credits" page from the registry."""
    parts = [
        "---\ndescription: The articles this course was written from, and which modules use them.\n---\n",
        "# Sources and credits\n",
        "This course retells, in its own words, the advice of the articles below. "
        "We are grateful to their authors. Facts and advice come from them; the wording, "
        "the exercises and any mistakes are ours.\n",
    ]
    for source in sources.values():
        used = [m for m in modules if source.id in m.sources]
        used_by = ", ".join(f"[{m.number}. {_inline(m.title)}]({m.src_uri})" for m in used) or "none yet"
        title = _inline(source.title)
        if source.url:
            title = f"[{title}]({html.escape(source.url, quote=True)})"
        parts.append(
            f"## {_inline(source.title)} {{ #{source.id} }}\n\n"
            f"*{title}*, {_inline(source.by)}.\n\n"
            + (f"{_inline(source.summary)}\n\n" if source.summary else "")
            + f"Used in: {used_by}.\n"
        )
    return "\n".join(parts)


# Helpers ---------------------------------------------------------------------------------------


def _check_text_list(data: LineDict, key: str, shown: str) -> None:
    """Check that `data[key]` is a non-empty list of non-empty strings."""
    value = require_list(data, key, shown, f"every module needs `{key}`")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise AuthorError(shown, value.line_of(index), f"each item of `{key}` must be text", "")


def _inline(text: str) -> str:
    """Escape HTML in author text but keep inline Markdown (emphasis, links)."""
    return html.escape(" ".join(str(text).split()), quote=False)


def _keys(keys: Any) -> str:
    """List keys for an error message."""
    return ", ".join(sorted(keys))


def _shown(root: Path, config: MkDocsConfig, src_uri: str) -> str:
    """Return a docs file's path relative to the project root, for messages."""
    path = Path(config.docs_dir, src_uri).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
