"""Load the whole course once per build: files → validated `Course`.

Each course file is read once here: the sources registry, every worksheet,
and every Markdown page (whose text is handed back to MkDocs, so MkDocs does
not read it again). Pages are scanned for worksheet markers and task lists;
module pages are parsed for their front matter; a career center's hide and
order settings are applied; modules are numbered as they are shown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .compare import drop_hidden
from .errors import AuthorError, LineDict, load_yaml, read_text, split_front_matter
from .messagedata import unused_fields
from .model import Course, Module, Page, Placement
from .modules import (
    MODULES_DIR,
    SOURCES_FILE,
    check_material_keys,
    load_sources,
    parse_module,
    select_modules,
)
from .pages import check_marker_like, find_markers, find_task_items, normalise_newlines, page_heading
from .paths import check_contents, find_paths, find_roles, path_names
from .refs import check_refs, resolve_worksheets
from .settings import config_lines, course_line
from .text import config_name, make_markdown, plain_text, project_root, shown_path, slugify, t, ui_strings
from .trust import inside
from .worksheets import WORKSHEETS_DIR, load_worksheets
from .workshop import has_plan, parse_plan

# Pages the hooks generate; a hand-written file at one of these paths is an error.
GENERATED = ("overview.md", "credits.md", "plan.md", "worksheets/index.md", "facilitators/slides.md")


def is_module_uri(src_uri: str) -> bool:
    """Return True for a page that lives where modules live (`modules/<name>.md`, not an index)."""
    return src_uri.startswith(MODULES_DIR) and src_uri.endswith(".md") and src_uri != f"{MODULES_DIR}index.md"


def load_course(config: Any, files: Any, md: Any = None) -> Course:
    """Read and validate every course file; return the course as plain data.

    `files` is MkDocs' `Files`; each page's text is read once and stored back
    on its `File`, so MkDocs renders exactly what was validated.
    """
    root = project_root(config)
    md = md or make_markdown(config)
    settings = dict(config.extra.get("course") or {})
    strings = settings.get("strings") or ui_strings("en", root)
    sources = load_sources(Path(config.docs_dir) / SOURCES_FILE, shown_path(config, SOURCES_FILE))
    # The folder itself: a course without one has no worksheets (its root is not read as one).
    worksheets = load_worksheets(root / WORKSHEETS_DIR)
    check_generated_clashes(config, files, worksheets)
    check_case_clashes(config, files, worksheets)
    known_paths = path_names(worksheets, strings)
    # Over every worksheet file, before any is hidden: an answer a hidden module's message uses is still used.
    # Fields with a role are read by the engine itself (paths, greetings): never unused.
    unused = unused_fields(worksheets, find_roles(worksheets).fields())

    def plain(text: str) -> str:
        """Plain text of inline Markdown."""
        return plain_text(md, text)

    # The theme's folders, where Material looks up a page's `icon:`.
    icon_dirs = [Path(d) for d in getattr(config.theme, "dirs", [])]
    pages: dict[str, Page] = {}
    texts: dict[str, str] = {}
    modules: list[Module] = []
    seen_numbers: dict[int, Module] = {}
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        uri = file.src_uri
        shown = shown_path(config, uri)
        text = normalise_newlines(read_text(Path(file.abs_src_path), shown))
        # MkDocs renders the text we validated: no second read, the same line ends.
        file.content_string = text
        front, body = split_front_matter(text)
        check_marker_like(text, shown)
        page = Page(uri, shown, page_heading(body) or Path(uri).stem.replace("-", " ").capitalize(), file.url)
        page.placements = find_markers(text)
        page.checklist = find_task_items(text, shown, plain, slugify)
        page.paths = find_paths(text, shown, known_paths)
        check_contents(
            page.paths, shown, [line for _id, line in page.placements], [i.line for i in page.checklist]
        )
        pages[uri] = page
        texts[uri] = text
        if is_module_uri(uri):
            module = parse_module(text, shown, uri, sources, icon_dirs)
            module.url = file.url
            module.checklist = page.checklist
            if module.number in seen_numbers:
                raise AuthorError(
                    shown,
                    module.lines.get("number", 1),
                    f"module number {module.number} is already used by {seen_numbers[module.number].path}",
                    "give each module its own number (it orders the course)",
                )
            seen_numbers[module.number] = module
            modules.append(module)
        elif front is not None:
            page.title = check_page_front_matter(front, shown, icon_dirs) or page.title
            if has_plan(front):
                page.plan = parse_plan(front, shown, uri, page.title, set(worksheets))
    modules.sort(key=lambda m: m.number)
    shown_modules = select_modules(
        modules,
        settings.get("modules") or {},
        config_name(config),
        lambda key, slug, nth=1: setting_line(config, f"modules.{key}", slug, nth),
    )
    for position, module in enumerate(shown_modules, start=1):
        module.position = position
        # "Module 3: Title" in the course's language: links to the module use this title.
        pages[module.src_uri].title = t(strings, "page_module_link", number=position, title=module.title)
    hidden = [m for m in modules if m not in shown_modules]
    hidden_uris = {m.src_uri for m in hidden}
    # References between modules (`[](02-example.md)`) must name a module file, at the author's line.
    every_module = {m.src_uri: m for m in modules}
    targets = {**every_module, **{f"worksheets/{ws_id}.md": ws for ws_id, ws in worksheets.items()}}
    for uri, text in texts.items():
        check_refs(text, uri, pages[uri].path, targets)
    shown_by_uri = {m.src_uri: m for m in shown_modules}
    resolve_worksheets(worksheets, shown_by_uri, hidden_uris, strings, set(every_module))
    placements = find_placements(pages, worksheets, hidden_uris)
    for module in shown_modules:
        module.worksheets = [ws_id for ws_id, _line in pages[module.src_uri].placements]
    # A worksheet that only a hidden module places is hidden with it: no page, no PDF, no plan entry.
    hidden_only = {ws_id for uri in hidden_uris for ws_id, _line in pages[uri].placements} - set(placements)
    worksheets = {ws_id: ws for ws_id, ws in worksheets.items() if ws_id not in hidden_only}
    drop_hidden(worksheets)
    return Course(
        id=str(settings.get("id") or "bounce-back"),
        root=str(root),
        worksheets=worksheets,
        sources=sources,
        modules=shown_modules,
        hidden=hidden,
        pages=pages,
        placements=placements,
        settings=settings,
        strings=dict(strings),
        paths=known_paths,
        warnings=unused,
        hidden_worksheets=hidden_only,
    )


def setting_line(config: Any, key: str, value: str, nth: int = 1) -> int:
    """Return the line of the `nth` `value` under `extra.course.<key>` in the config file being built.

    A name in a flow list (`hide: [a, b]`) is on the key's line; in a block list, on its own
    `- a` line below it. Errors then point at the center's own file and line.
    """
    start = course_line(config, key)
    lines = config_lines(config)
    name = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])")
    for number in range(start, len(lines) + 1):
        text = lines[number - 1].split("#", 1)[0]
        nth -= len(name.findall(text))
        if nth <= 0:
            return number
        if number > start and text.strip() and not text.lstrip().startswith("-"):
            break
    return start


def check_page_front_matter(front: str, shown: str, icon_dirs: Any = ()) -> str:
    """Check a page's front matter (bounded YAML, Material's keys); return its title or "".

    MkDocs and Material read front matter without these checks, so a typo or a
    runaway file would otherwise end in a traceback.
    """
    data = load_yaml(front, shown, first_line=2)
    if data is None:
        return ""
    if not isinstance(data, LineDict):
        raise AuthorError(
            shown, 2, "the front matter must be a mapping of keys", "`title: …`, `description: …`"
        )
    check_material_keys(data, shown, icon_dirs)
    for key in ("title", "description"):
        if key in data and not isinstance(data[key], str):
            raise AuthorError(shown, data.line_of(key), f"`{key}` must be text", f'`{key}: "Some words"`')
    return data["title"].strip() if isinstance(data.get("title"), str) else ""


def find_placements(
    pages: dict[str, Page], worksheets: dict[str, Any], hidden: set[str]
) -> dict[str, list[Placement]]:
    """Check every marker; return where each worksheet is placed (hidden modules left out)."""
    placements: dict[str, list[Placement]] = {}
    for uri, page in sorted(pages.items()):
        on_page: dict[str, int] = {}
        for ws_id, line in page.placements:
            if ws_id not in worksheets:
                raise AuthorError(
                    page.path,
                    line,
                    f"the page places worksheet `{ws_id}`, which does not exist",
                    f"worksheets (files in worksheets/): {', '.join(worksheets) or '(none)'}",
                )
            if ws_id in on_page:
                raise AuthorError(
                    page.path,
                    line,
                    f"worksheet `{ws_id}` is already placed on this page at line {on_page[ws_id]}",
                    "place each worksheet once per page",
                )
            on_page[ws_id] = line
            if uri not in hidden:
                placements.setdefault(ws_id, []).append(Placement(uri, page.path, line, page.title))
    return placements


def check_generated_clashes(config: Any, files: Any, worksheets: dict[str, Any]) -> None:
    """Refuse hand-written files at paths whose pages the course generates."""
    own = [*GENERATED, *(f"worksheets/{ws_id}.md" for ws_id in worksheets)]
    for uri in own:
        taken = files.get_file_from_path(uri)
        if taken is not None and not taken.generated_by:
            raise AuthorError(
                shown_path(config, uri),
                1,
                f"`docs/{uri}` clashes with a page this course generates",
                "remove or rename it; that page is made from the course files",
            )


def check_case_clashes(config: Any, files: Any, worksheets: dict[str, Any]) -> None:
    """Refuse two files whose site paths differ only in upper and lower case (`09-Extra.md`, `09-extra.md`).

    Linux builds both, but on macOS or Windows (a center's laptop, or the
    offline zip unpacked there) one overwrites the other. The pages this course
    generates count too. The error is at the file with capitals (else the later one), line 1.
    """
    own = [*GENERATED, *(f"worksheets/{ws_id}.md" for ws_id in worksheets)]
    seen: dict[str, str] = {uri.lower(): uri for uri in own}
    taken: dict[str, str] = {}
    # The course's own files only (the theme's files are the theme's business).
    docs = [config.docs_dir]
    ours = [f for f in files if not f.generated_by and f.abs_src_path and inside(f.abs_src_path, docs)]
    for file in sorted(ours, key=lambda f: f.src_uri):
        for key in {file.src_uri.lower(), file.dest_uri.lower()}:
            other = seen.get(key) or taken.get(key)
            if other is not None and other != file.src_uri:
                capitals = file.src_uri != file.src_uri.lower() or other == other.lower()
                odd = file.src_uri if capitals else other
                rest = other if odd == file.src_uri else file.src_uri
                raise AuthorError(
                    shown_path(config, odd),
                    1,
                    f"`docs/{odd}` and `docs/{rest}` differ only in upper and lower case: on macOS and "
                    "Windows (or when the offline zip is unpacked there) one overwrites the other",
                    "rename one of them; file names in lower case avoid this",
                )
            taken[key] = file.src_uri
