"""Assets: one stylesheet and one deferred script per page, content-hashed, built in Python.

Our scripts and stylesheets are small, commented ES5 and CSS files in
`docs/assets/bounce-back/`, with no bundler and no Node at build time. This
hook joins them into bundles in `on_files` and publishes only the bundles:

- `assets/bounce-back/main.<hash>.css`: course, a11y, worksheets, scenarios,
  progress, plan, path, print and slides CSS (plus scorm.css in the SCORM build), then the career
  center's colours (`build_of(config).brand_css`).
- `assets/bounce-back/main.<hash>.js`, loaded with `defer` (so it never
  blocks rendering): the course data statement, then store, messages, worksheets,
  scenarios, print, data, checklists and progress (plus scorm.js in the SCORM build),
  then a small loader.
- `assets/bounce-back/plan.<hash>.js`: the data only My plan reads
  (`build_of(config).plan_data_js`, when the course step sets it), then
  ics.js, moved.js and plan.js, which only My plan needs. Material's instant navigation
  swaps the page content without running new `<script>` tags outside it, so the
  page cannot ask for it itself; the loader at the end of the main bundle
  injects it on any page view (full load or instant) that shows the plan. Its path is in `BounceBack.bundles`,
  relative to the site root (`BounceBack.siteUrl` makes it a URL).

`<hash>` is taken from the bundle's content: after an upgrade every page names
new files, so a learner's browser can never run an old cached script against
new pages, and hosts may cache the bundles for ever. The shipped paths are
recorded in `build_of(config).bundles` ({"main.css", "main.js", "plan.js"}).

The sources are minified with rjsmin and rcssmin; `COURSE_MINIFY=false`
bundles them as written, for debugging in the browser. The readable sources
are no longer published one by one. A career center's own `extra_css` and
`extra_javascript` entries are kept, after ours.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
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
# The bundles' sources, in the order they are joined (later CSS wins; later scripts may use earlier ones).
MAIN_CSS = [
    "course.css",
    "a11y.css",
    "worksheets.css",
    "scenarios.css",
    "progress.css",
    "plan.css",
    "path.css",
    "steps.css",
    "print.css",
    "slides.css",
]
MAIN_JS = [
    "store.js",
    "messages.js",
    "worksheets.js",
    "scenarios.js",
    "print.js",
    "data.js",
    "checklists.js",
    "progress.js",
    "paths.js",
    "steps.js",
]
PLAN_JS = ["ics.js", "moved.js", "plan.js"]
SCORM_CSS = ["scorm.css"]
SCORM_JS = ["scorm.js"]
SOURCES = {*MAIN_CSS, *MAIN_JS, *PLAN_JS, *SCORM_CSS, *SCORM_JS}
# A page shows My plan when it has the container plan.js draws into (worksheet fields
# marked `plan: true` carry `data-plan` too, so the class matters).
PLAN_SELECTOR = ".bb-plan[data-plan]"
BUNDLE_NAME = re.compile(r"^(main|plan)\.[0-9a-f]{10}\.(js|css)$")

# Runs last in the main bundle: loads a page-specific bundle when the page needs it,
# on the first load and after every instant navigation (BounceBack.onPage covers both).
LOADER = """(function () {
  "use strict";
  var root = (window.BounceBack = window.BounceBack || {});
  var wants = %(wants)s;
  /* Deferred scripts see themselves as currentScript: this is the main bundle's URL. */
  var here = document.currentScript && document.currentScript.src;
  var loading = {};
  /** A site path as a URL: store.js knows the site root; else go up from this bundle's folder. */
  function siteUrl(path) {
    if (root.siteUrl) return root.siteUrl(path);
    return new URL(%(up)s + path, here || window.location.href).href;
  }
  /** Add the script of every bundle this page needs and that is not there yet. */
  function check() {
    Object.keys(wants).forEach(function (name) {
      var path = (root.bundles || {})[name];
      if (!path || loading[name] || !document.querySelector(wants[name])) return;
      loading[name] = true;
      var script = document.createElement("script");
      script.src = siteUrl(path);
      script.onerror = function () {
        loading[name] = false; /* Try again on the next page view. */
        script.remove();
      };
      document.head.appendChild(script);
    });
  }
  if (root.onPage) root.onPage(check);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
"""


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Replace our sources with content-hashed bundles and link them from every page.

    Runs after the course hook's `on_files`, which prepares the course data and
    the career center's colours that the bundles carry.
    """
    state = build_of(config)
    bundles = make_bundles(
        read_sources(SOURCE_DIR, scorm=state.options.scorm),
        brand_css=state.brand_css,
        course_data_js=state.course_data_js,
        plan_data_js=state.plan_data_js,
        minify=state.options.minify,
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


def read_sources(source_dir: Path, *, scorm: bool = False) -> dict[str, list[tuple[str, str]]]:
    """Return each bundle's sources as (file name, text), in order; a missing source stops the build."""
    # Field-type units bring their own styles and script (coursemodel/fields/<name>/field.*),
    # after ours and before the SCORM build's.
    units = {"main.css": dict(unit_files(".css")), "main.js": dict(unit_files(".js"))}
    groups = {
        "main.css": [*MAIN_CSS, *units["main.css"], *(SCORM_CSS if scorm else [])],
        "main.js": [*MAIN_JS, *units["main.js"], *(SCORM_JS if scorm else [])],
        "plan.js": PLAN_JS,
    }
    out: dict[str, list[tuple[str, str]]] = {}
    for bundle, names in groups.items():
        out[bundle] = []
        for name in names:
            path = units.get(bundle, {}).get(name) or source_dir / name
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
    plan_data_js: str = "",
    minify: bool = True,
) -> dict[str, str]:
    """Return {hashed site path: content} for main.css, main.js and plan.js.

    `course_data_js` opens the main bundle, `plan_data_js` (data only My plan reads) the
    plan bundle. The plan bundle is made first: the main bundle names it in `BounceBack.bundles`.
    """
    minifiers = load_minifiers() if minify else None
    if minify and minifiers is None:
        log.info("rjsmin/rcssmin are not installed: our JS and CSS are shipped unminified")
    js_min = minifiers[".js"] if minifiers else None
    css_min = minifiers[".css"] if minifiers else None
    out: dict[str, str] = {}

    css = join_sources(sources["main.css"], ".css", css_min)
    if brand_css.strip():
        # Last, so the career center's colours win over our defaults.
        css += join_sources([("brand.css", brand_css)], ".css", css_min)
    out[hashed_uri("main.css", css)] = css

    plan = (plan_data_js.strip() + "\n" if plan_data_js.strip() else "") + join_sources(
        sources["plan.js"], ".js", js_min
    )
    plan_uri = hashed_uri("plan.js", plan)

    bundles = json.dumps({"plan": plan_uri}, separators=(",", ":"))
    prelude = f"(window.BounceBack=window.BounceBack||{{}}).bundles={bundles};\n"
    main = prelude + (course_data_js.strip() + "\n" if course_data_js.strip() else "")
    main += join_sources(sources["main.js"], ".js", js_min)
    up = "../" * (ASSETS_DIR.count("/") + 1)
    loader = LOADER % {"wants": json.dumps({"plan": PLAN_SELECTOR}), "up": json.dumps(up)}
    main += join_sources([("loader", loader)], ".js", js_min)
    out[hashed_uri("main.js", main)] = main
    out[plan_uri] = plan
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
    """Put our bundle first in `extra_css` and `extra_javascript`, keeping a career center's own entries.

    Ours come first so a center's stylesheet can override ours and its deferred scripts
    run after ours. Our script is deferred: it never blocks rendering, and it still
    runs before `DOMContentLoaded`, in document order with other deferred scripts.
    """
    others_css = [p for p in config.extra_css if not is_ours(str(p))]
    config.extra_css[:] = [bundles["main.css"], *others_css]
    script = ExtraScriptValue(bundles["main.js"])
    script.defer = True
    others_js = [s for s in config.extra_javascript if not is_ours(str(s))]
    config.extra_javascript[:] = [script, *others_js]
