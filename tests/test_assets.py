"""The assets step: one hashed stylesheet and deferred script per page, from the engine's sources."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

from coursemodel.fieldtypes import unit_files
from coursemodel.steps.assets import (
    MAIN_CSS,
    MAIN_JS,
    PLAN_JS,
    SOURCES,
    bundle_key,
    link_bundles,
    make_bundles,
    read_sources,
)

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "hooks" / "coursemodel" / "assets"
OURS = "assets/bounce-back/"
HASHED = re.compile(r"assets/bounce-back/(main|plan)\.([0-9a-f]{10})\.(js|css)$")


class Tags(HTMLParser):
    """Collect the stylesheet links and script tags of a page."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep stylesheets' href and scripts' attributes."""
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "stylesheet":
            self.styles.append(values.get("href") or "")
        elif tag == "script" and values.get("src"):
            self.scripts.append(values)


def by_name(bundles: dict[str, str]) -> dict[str, str]:
    """Key bundles by name (`main.js`) instead of hashed path."""
    return {bundle_key(uri): content for uri, content in bundles.items()}


def tags_of(page: Path) -> Tags:
    """Parse one built page."""
    tags = Tags()
    tags.feed(page.read_text(encoding="utf-8"))
    return tags


def module_page(site: Path) -> Path:
    """The built page of module 3."""
    return next((site / "modules").glob("03-*/index.html"))


def test_a_module_page_loads_one_stylesheet_and_one_deferred_script_of_ours(site):
    tags = tags_of(module_page(site))
    styles = [href for href in tags.styles if OURS in href]
    assert len(styles) == 1 and HASHED.search(styles[0]), styles
    scripts = [s for s in tags.scripts if OURS in (s["src"] or "")]
    assert len(scripts) == 1 and HASHED.search(scripts[0]["src"]), scripts
    assert "defer" in scripts[0], "our script must not block rendering"
    assert "/main." in scripts[0]["src"], "the plan bundle is for My plan only"


def test_bundle_names_are_the_hash_of_their_content(site):
    built = sorted((site / "assets" / "bounce-back").glob("*.*.*"))
    names = [OURS + p.name for p in built if HASHED.search(OURS + p.name)]
    assert sorted(bundle_key(n) for n in names) == ["main.css", "main.js", "plan.js"]
    for path in built:
        match = HASHED.search(OURS + path.name)
        if match:
            assert hashlib.sha256(path.read_bytes()).hexdigest()[:10] == match.group(2), path.name


def test_the_main_bundle_names_the_plan_bundle_which_exists(site):
    main = next((site / "assets" / "bounce-back").glob("main.*.js")).read_text(encoding="utf-8")
    plan = re.search(r'"plan":\s*"(assets/bounce-back/plan\.[0-9a-f]{10}\.js)"', main)
    assert plan and (site / plan.group(1)).is_file()


def test_changing_a_source_changes_the_bundle_name():
    sources = read_sources(SOURCE_DIR)
    before = make_bundles(sources)
    edited = {name: list(parts) for name, parts in sources.items()}
    name, text = edited["main.js"][0]
    edited["main.js"][0] = (name, text + "\nwindow.x = 1;\n")
    after = make_bundles(edited)
    changed = {bundle_key(uri) for uri in set(before) ^ set(after)}
    assert changed == {"main.js"}, "only the changed bundle gets a new name"
    # A new plan bundle gets a new name, and so does the main bundle that names it.
    edited["plan.js"][0] = (edited["plan.js"][0][0], edited["plan.js"][0][1] + "\nwindow.y = 2;\n")
    renamed = {bundle_key(uri) for uri in set(after) ^ set(make_bundles(edited))}
    assert renamed == {"main.js", "plan.js"}
    assert make_bundles(sources) == before, "the same sources give the same bundles"


def test_the_readable_sources_are_not_published(site):
    for name in SOURCES:
        assert (SOURCE_DIR / name).is_file(), f"{name}: the readable source stays in docs/"
        assert not (site / OURS / name).exists(), f"{name} is published on its own"


GENERATED_LINES = r"\A(?:\(window\.BounceBack=window\.BounceBack\|\|\{\}\)\.\w+=.*\n)+"


def test_bundles_are_minified_and_keep_every_source_in_order(site):
    sources = read_sources(SOURCE_DIR)
    shipped = {bundle_key(OURS + p.name): p.read_text(encoding="utf-8") for p in (site / OURS).glob("*.*.*")}
    for bundle in ("main.css", "main.js", "plan.js"):
        written = sum(len(text) for _name, text in sources[bundle])
        # The JS bundles start with generated data (bundle paths, course data), which is no source.
        code = re.sub(GENERATED_LINES, "", shipped[bundle])
        assert len(code) < 0.8 * written, f"{bundle} is not minified"
    for bundle, text in shipped.items():
        assert not re.search(r"/\*(?!!)", text), f"a comment survived minification in {bundle}"
    plain = by_name(make_bundles(sources, minify=False))
    for bundle, names in (("main.css", MAIN_CSS), ("main.js", MAIN_JS), ("plan.js", PLAN_JS)):
        at = [plain[bundle].find((SOURCE_DIR / name).read_text(encoding="utf-8").strip()) for name in names]
        assert -1 not in at and at == sorted(at), f"COURSE_MINIFY=false: {bundle} keeps its sources in order"


def test_scorm_build_adds_scorm_js_and_css_to_the_bundles():
    plain = read_sources(SOURCE_DIR)
    scorm = read_sources(SOURCE_DIR, scorm=True)
    units_js = [name for name, _ in unit_files(".js")]
    units_css = [name for name, _ in unit_files(".css")]
    assert "rank/field.js" in units_js and "rank/field.css" in units_css
    assert [n for n, _ in scorm["main.js"]] == [*MAIN_JS, *units_js, "scorm.js"]
    assert [n for n, _ in scorm["main.css"]] == [*MAIN_CSS, *units_css, "scorm.css"]
    assert "scorm.js" not in [n for n, _ in plain["main.js"]]


def test_brand_css_comes_last_and_each_bundles_data_first():
    bundles = make_bundles(
        read_sources(SOURCE_DIR),
        brand_css=":root { --md-primary-fg-color: #1d4f91; }",
        course_data_js="(window.BounceBack=window.BounceBack||{}).course={};\n",
    )
    assert by_name(bundles)["main.css"].rstrip().endswith(":root{--md-primary-fg-color:#1d4f91}")
    plain = make_bundles(read_sources(SOURCE_DIR), course_data_js="X.course={};", minify=False)
    main = by_name(plain)["main.js"]
    store = (SOURCE_DIR / "store.js").read_text(encoding="utf-8").strip()
    assert main.index("X.course={};") < main.index(store) < main.index("/* loader */")
    plan = by_name(make_bundles(read_sources(SOURCE_DIR), plan_data_js="X.full={};", minify=False))["plan.js"]
    assert plan.startswith("X.full={};") and "X.full" not in main


def test_a_career_centers_own_css_and_js_are_kept_after_ours():
    config = SimpleNamespace(
        extra_css=["assets/bounce-back/course.css", "extra/center.css"],
        extra_javascript=["assets/bounce-back/store.js", "extra/center.js"],
    )
    bundles = {"main.css": OURS + "main.0123456789.css", "main.js": OURS + "main.0123456789.js"}
    link_bundles(config, bundles)
    assert config.extra_css == [bundles["main.css"], "extra/center.css"]
    assert [str(s) for s in config.extra_javascript] == [bundles["main.js"], "extra/center.js"]
    assert config.extra_javascript[0].defer is True
