"""Assets: a small main bundle on every page, feature bundles only where a page uses them.

Our scripts and stylesheets are small, commented ES5 and CSS files in
`hooks/coursemodel/assets/` (and each field-type unit's `field.js`/`field.css`),
with no bundler and no Node at build time. This step joins them into
content-hashed bundles in `on_files` and publishes only the bundles:

- `main.<hash>.css` and `main.<hash>.js` (deferred): what every page needs
  (`MAIN_CSS`, `MAIN_JS`: storage, saving, checklists, progress; in the SCORM
  build also data.js and scorm.js, which every page of a package runs). The
  script opens with `BounceBack.bundles` (where every other bundle is) and the
  course data every page needs (`build_of(config).course_data_js`: modules and
  storage names), and ends with the loader.
- `paper.<hash>.css`: the top-level `@media print` blocks of the main
  stylesheet's sources, linked with `media="print"` so they never
  block rendering.
- one bundle per feature (`FEATURES`: `<name>.<hash>.js` and/or `.css`), that
  `steps/pageassets.py` links only from the pages whose HTML has the feature's
  markup; `course.<hash>.js` is the full course data (words included), which
  only My plan reads.

`<hash>` is taken from the bundle's content: after an upgrade every page names
new files, so a learner's browser can never run an old cached script against
new pages, and hosts may cache the bundles for ever. The shipped paths are
recorded in `build_of(config).bundles` ({"main.css": path, "plan.js": path, …}).

To add a script or stylesheet every page needs, add it to `MAIN_JS` / `MAIN_CSS`;
for one that only some pages need, give it a `Feature` (or add it to one).
The sources are minified with rjsmin and rcssmin; `COURSE_MINIFY=false`
bundles them as written, for debugging in the browser. A career center's own
`extra_css` and `extra_javascript` entries are kept, after ours.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coursemodel import build_of
from coursemodel.fieldtypes import unit_files
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

log = get_plugin_logger(__name__.rsplit(".", 1)[-1])

ASSETS_DIR = "assets/bounce-back"
# The readable sources live with the engine, not in a course's docs/.
SOURCE_DIR = Path(__file__).resolve().parent.parent / "assets"
# What every page loads, in order (later CSS wins; later scripts may use earlier ones).
MAIN_CSS = ["course.css", "a11y.css", "worksheets.css", "progress.css", "print.css", "paper.css"]
MAIN_JS = ["store.js", "worksheets.js", "checklists.js", "progress.js"]
PLAN_JS = ["ics.js", "moved.js", "plan.js"]
LOADER = "loader.js"
SCORM_CSS = ["scorm.css"]
# Every page of a package runs scorm.js, whose notices offer an export (data.js).
SCORM_JS = ["data.js", "scorm.js"]
# A top-level rule that only paper uses: it goes into the print stylesheet.
# `@page` rules stay where they were: a named page (slides.css's `@page bb-slide`) must come
# after the unnamed one for Chromium to use it, and they cost nothing on screen.
PRINT_RULE = re.compile(r"@media\s+print\s*\{")
BUNDLE_NAME = re.compile(r"^[a-z][a-z0-9-]*\.[0-9a-f]{10}\.(js|css)$")


def has_class(name: str) -> str:
    """Return a pattern for an element whose class attribute holds `name` (as our templates write it)."""
    return rf'class="(?:[^"]*\s)?{re.escape(name)}(?:\s[^"]*)?"'


@dataclass(frozen=True)
class Feature:
    """Scripts and styles that only pages with some markup need.

    `marker` is a regular expression over the built page: the page uses the feature when it
    matches. `needs` are features that must load first (and with it). `data` marks the full
    course data bundle (no sources of its own).
    """

    name: str
    js: tuple[str, ...] = ()
    css: tuple[str, ...] = ()
    marker: str = ""
    needs: tuple[str, ...] = ()
    data: bool = False


# Features in load order: a feature's scripts run after every earlier feature's.
BASE_FEATURES = (
    Feature("paths", js=("paths.js",), css=("path.css",), marker=has_class("bb-path")),
    # Read and write dates the course's way (messages and print twins).
    Feature("dates", js=("dates.js",)),
    Feature("messages", js=("messages.js",), marker=has_class("bb-message"), needs=("dates",)),
    Feature(
        "print",
        js=("print.js",),
        marker=f"{has_class('bb-worksheet')}|{has_class('bb-toolbar')}",
        needs=("dates",),
    ),
    Feature("data", js=("data.js",), marker=r"\sdata-bb-data-controls[\s=>]"),
    Feature("scenarios", js=("scenarios.js",), css=("scenarios.css",), marker=has_class("bb-scenario")),
    Feature("slides", css=("slides.css",), marker=has_class("bb-slides")),
    # A module in steps; its stylesheet is linked in <head>, so the head script's choice holds at first paint.
    Feature("steps", js=("steps.js",), css=("steps.css",), marker=has_class("bb-step-bar")),
)
COURSE = Feature("course", data=True)
PLAN_CSS = ("plan.css",)
# My plan: the `.bb-plan[data-plan]` container plan.js draws into (worksheet fields marked
# `plan: true` carry `data-plan` too, so the class matters).
PLAN_MARKER = r'class="bb-plan"[^>]*\sdata-plan[\s=>]'


@functools.cache
def features(*, scorm: bool = False) -> tuple[Feature, ...]:
    """Return this build's features in load order: ours, one per field-type unit, the course data, My plan.

    A unit's feature is `field-<type>`, used where a field of its type is (`data-type="<type>"`).
    My plan shows every worksheet, so it needs every feature that draws an answer. Cached:
    the engine's unit folders are read once per process, not once per page.
    """
    js = dict(unit_files(".js"))
    css = dict(unit_files(".css"))
    units = []
    for name in sorted({n.split("/")[0] for n in [*js, *css]}):
        units.append(
            Feature(
                f"field-{name}",
                js=tuple(n for n in js if n.startswith(name + "/")),
                css=tuple(n for n in css if n.startswith(name + "/")),
                marker=rf'\sdata-type="{re.escape(name)}"',
            )
        )
    base = [f for f in BASE_FEATURES if not (scorm and f.name == "data")]  # in main.js there
    plan_needs = ("messages", "print", *(["data"] if not scorm else []), *(u.name for u in units), "course")
    plan = Feature("plan", js=tuple(PLAN_JS), css=PLAN_CSS, marker=PLAN_MARKER, needs=plan_needs)
    return (*base, *units, COURSE, plan)


def sources_of(feature: Feature) -> set[str]:
    """Return the source names a feature bundles."""
    return {*feature.js, *feature.css}


SOURCES = {*MAIN_CSS, *MAIN_JS, LOADER, *PLAN_JS, *SCORM_CSS, *SCORM_JS, *PLAN_CSS}
SOURCES |= {name for f in BASE_FEATURES for name in sources_of(f)}


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Replace our sources with content-hashed bundles and link the main ones from every page.

    Runs after the course step's `on_files`, which prepares the course data and
    the career center's colours that the bundles carry.
    """
    state = build_of(config)
    scorm = state.options.scorm
    bundles = make_bundles(
        read_sources(SOURCE_DIR, scorm=scorm),
        brand_css=state.brand_css,
        course_data_js=state.course_data_js,
        full_data_js=state.plan_data_js,
        minify=state.options.minify,
        scorm=scorm,
    )
    for file in [f for f in files if is_source(f)]:
        files.remove(file)
    for uri, content in bundles.items():
        files.append(File.generated(config, uri, content=content))
    state.bundles.clear()
    state.bundles.update({bundle_key(uri): uri for uri in bundles})
    link_bundles(config, state.bundles)
    log.debug("bundles: %s", ", ".join(f"{uri} ({len(c)} bytes)" for uri, c in bundles.items()))
    return files


# Plain functions --------------------------------------------------------------------------------


def groups(*, scorm: bool = False) -> dict[str, list[str]]:
    """Return each bundle's source names in order: main.css, main.js, then `<feature>.js|css`."""
    out = {
        "main.css": [*MAIN_CSS, *(SCORM_CSS if scorm else [])],
        # The loader last: it loads the page's features once everything above is there.
        "main.js": [*MAIN_JS, *(SCORM_JS if scorm else []), LOADER],
    }
    for feature in features(scorm=scorm):
        if feature.js:
            out[f"{feature.name}.js"] = list(feature.js)
        if feature.css:
            out[f"{feature.name}.css"] = list(feature.css)
    return out


def read_sources(source_dir: Path, *, scorm: bool = False) -> dict[str, list[tuple[str, str]]]:
    """Return each bundle's sources as (file name, text), in order; a missing source stops the build."""
    # Field-type units bring their own styles and script (coursemodel/fields/<name>/field.*).
    units = {**dict(unit_files(".css")), **dict(unit_files(".js"))}
    out: dict[str, list[tuple[str, str]]] = {}
    for bundle, names in groups(scorm=scorm).items():
        out[bundle] = []
        for name in names:
            path = units.get(name) or source_dir / name
            if not path.is_file():
                raise PluginError(f"{ASSETS_DIR}/{name}: missing; the {bundle} bundle is made from it")
            out[bundle].append((name, path.read_text(encoding="utf-8")))
    return out


def load_minifiers() -> dict[str, Callable[[str], str]] | None:
    """Return the minifier per file suffix, or None when the packages are missing."""
    try:
        import rcssmin
        import rjsmin
    except ImportError:
        return None
    return {
        # Bang comments (`/*! … */`) are where licences live; they stay.
        ".js": lambda text: rjsmin.jsmin(text, keep_bang_comments=True),
        ".css": lambda text: rcssmin.cssmin(text, keep_bang_comments=True),
    }


def join_sources(parts: list[tuple[str, str]], suffix: str, minify: Callable[[str], str] | None) -> str:
    """Join one bundle's sources, each minified on its own (or marked with its name when not)."""
    pieces = []
    for name, text in parts:
        if minify is None:
            pieces.append(f"/* {name} */\n{text.strip()}")
        else:
            pieces.append(minify(text).strip())
    if suffix == ".js":
        # A `;` between scripts, so one that ends in an expression cannot run into the next.
        pieces = [p if p.endswith(";") else p + ";" for p in pieces if p]
    return "\n".join(p for p in pieces if p) + "\n"


def skip(css: str, i: int) -> int:
    """Return the index after a string or comment starting at `i` (or `i` itself when none starts there)."""
    if css[i] in "\"'":
        end = i + 1
        while end < len(css) and css[end] != css[i]:
            end += 2 if css[end] == "\\" else 1
        return end + 1
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end == -1 else end + 2
    return i


def split_print(css: str) -> tuple[str, str]:
    """Return (screen, print): top-level `@media print { … }` blocks move to print.

    Braces in strings and comments are skipped, so a `content: "{"` cannot end a block early.
    """
    screen, paper = [], []
    at = i = depth = 0
    start = -1
    while i < len(css):
        after = skip(css, i)
        if after != i:
            i = after
            continue
        if depth == 0 and PRINT_RULE.match(css, i):
            screen.append(css[at:i])
            start = i
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth = max(depth - 1, 0)
            if depth == 0 and start >= 0:
                paper.append(css[start : i + 1].strip())
                at, start = i + 1, -1
        i += 1
    screen.append(css[at:])
    return "".join(screen).strip() + "\n", "".join(p + "\n" for p in paper)


def hashed_uri(name: str, content: str) -> str:
    """Return `assets/bounce-back/<stem>.<hash>.<ext>`: the name changes whenever the content does."""
    stem, ext = name.rsplit(".", 1)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return f"{ASSETS_DIR}/{stem}.{digest}.{ext}"


def bundle_key(uri: str) -> str:
    """Return the bundle's name (`main.js`) for a hashed site path (`…/main.0123456789.js`)."""
    stem, _digest, ext = uri.rsplit("/", 1)[-1].split(".")
    return f"{stem}.{ext}"


def make_bundles(
    sources: dict[str, list[tuple[str, str]]],
    *,
    brand_css: str = "",
    course_data_js: str = "",
    full_data_js: str = "",
    minify: bool = True,
    scorm: bool = False,
) -> dict[str, str]:
    """Return {hashed site path: content} for main.css, print.css, main.js and every feature bundle.

    `course_data_js` (the data every page needs) opens the main script; `full_data_js`
    (words included) is `course.js`, for My plan. Feature bundles are made first: the main
    script names them in `BounceBack.bundles`.
    """
    minifiers = load_minifiers() if minify else None
    if minify and minifiers is None:
        log.info("rjsmin/rcssmin are not installed: our JS and CSS are shipped unminified")
    minifier = {suffix: minifiers[suffix] if minifiers else None for suffix in (".js", ".css")}
    out: dict[str, str] = {}

    css = join_sources(sources["main.css"], ".css", minifier[".css"])
    css, paper = split_print(css)
    if brand_css.strip():
        # Last, so the career center's colours win over our defaults.
        css += join_sources([("brand.css", brand_css)], ".css", minifier[".css"])
    out[hashed_uri("main.css", css)] = css
    if paper.strip():
        out[hashed_uri("paper.css", paper)] = paper

    table: dict[str, dict[str, str]] = {}
    for feature in features(scorm=scorm):
        files: dict[str, str] = {}
        if feature.data and full_data_js.strip():
            files["js"] = full_data_js.strip() + "\n"
        for suffix in ("js", "css"):
            key = f"{feature.name}.{suffix}"
            if key in sources:
                files[suffix] = join_sources(sources[key], "." + suffix, minifier["." + suffix])
        for suffix, content in files.items():
            uri = hashed_uri(f"{feature.name}.{suffix}", content)
            out[uri] = content
            table.setdefault(feature.name, {})[suffix] = uri

    names = json.dumps(table, separators=(",", ":"))
    prelude = f"(window.BounceBack=window.BounceBack||{{}}).bundles={names};\n"
    main = prelude + (course_data_js.strip() + "\n" if course_data_js.strip() else "")
    main += join_sources(sources["main.js"], ".js", minifier[".js"])
    out[hashed_uri("main.js", main)] = main
    return out


def is_source(file: File) -> bool:
    """Return True for one of our readable sources (bundled, so not published on its own)."""
    if file.generated_by is not None or not file.src_uri.startswith(ASSETS_DIR + "/"):
        return False
    return file.src_uri[len(ASSETS_DIR) + 1 :] in SOURCES


def is_ours(path: str) -> bool:
    """Return True for an extra_css / extra_javascript entry that names a source or an old bundle."""
    if not path.startswith(ASSETS_DIR + "/"):
        return False
    name = path[len(ASSETS_DIR) + 1 :]
    return name in SOURCES or bool(BUNDLE_NAME.match(name))


def link_bundles(config: MkDocsConfig, bundles: dict[str, str]) -> None:
    """Put our main bundles first in `extra_css` and `extra_javascript`, keeping a center's own entries.

    Ours come first so a center's stylesheet can override ours and its deferred scripts
    run after ours. Our script is deferred: it never blocks rendering, and it still
    runs before `DOMContentLoaded`, in document order with other deferred scripts.
    Feature bundles and the print stylesheet are linked page by page (`steps/pageassets.py`).
    """
    others_css = [p for p in config.extra_css if not is_ours(str(p))]
    config.extra_css[:] = [bundles["main.css"], *others_css]
    script = ExtraScriptValue(bundles["main.js"])
    script.defer = True
    others_js = [s for s in config.extra_javascript if not is_ours(str(s))]
    config.extra_javascript[:] = [script, *others_js]
