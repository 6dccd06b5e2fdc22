"""The assets step: a small main bundle on every page, feature bundles only where a page uses them."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

from coursemodel.browser import page_worksheet
from coursemodel.fieldtypes import unit_files
from coursemodel.steps.assets import (
    MAIN_CSS,
    MAIN_JS,
    PLAN_JS,
    SOURCES,
    bundle_key,
    features,
    groups,
    link_bundles,
    make_bundles,
    read_sources,
    split_print,
)
from coursemodel.steps.pageassets import page_data, page_features

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "hooks" / "coursemodel" / "assets"
OURS = "assets/bounce-back/"
HASHED = re.compile(r"assets/bounce-back/([a-z][a-z0-9-]*)\.([0-9a-f]{10})\.(js|css)$")


class Tags(HTMLParser):
    """Collect the stylesheet links and script tags of a page."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.styles: list[dict[str, str | None]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.meta: dict[str, str] = {}
        self.data: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep stylesheets' href and scripts' attributes."""
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "stylesheet":
            self.styles.append(values)
        elif tag == "script" and values.get("src"):
            self.scripts.append(values)
        elif tag == "meta" and values.get("name"):
            self.meta[values["name"] or ""] = values.get("content") or ""
        self._in_data = tag == "script" and values.get("id") == "bb-page-data"

    def handle_endtag(self, tag: str) -> None:
        """A data block ends with its element."""
        self._in_data = False

    def handle_data(self, data: str) -> None:
        """Keep the text of the page's course data block."""
        if self._in_data:
            self.data.append(data)


def by_name(bundles: dict[str, str]) -> dict[str, str]:
    """Key bundles by name (`main.js`) instead of hashed path."""
    return {bundle_key(uri): content for uri, content in bundles.items()}


def tags_of(page: Path) -> Tags:
    """Parse one built page."""
    tags = Tags()
    tags.feed(page.read_text(encoding="utf-8"))
    return tags


def module_page(site: Path, number: str = "03") -> Path:
    """The built page of a module (module 3 by default)."""
    return next((site / "modules").glob(f"{number}-*/index.html"))


def ours(tags: Tags) -> tuple[list[dict], list[dict]]:
    """Return our stylesheet links and our scripts on a page, in document order."""
    styles = [s for s in tags.styles if OURS in (s.get("href") or "")]
    scripts = [s for s in tags.scripts if OURS in (s.get("src") or "")]
    return styles, scripts


def names_of(items: list[dict], attr: str) -> list[str]:
    """Return the bundle names (`main`, `paths`, …) the links or scripts point at."""
    return [HASHED.search(item[attr]).group(1) for item in items]


def test_a_module_page_loads_the_main_bundles_then_only_the_features_it_uses(site):
    tags = tags_of(module_page(site))
    styles, scripts = ours(tags)
    assert names_of(styles, "href")[0] == "main" and names_of(scripts, "src")[0] == "main"
    assert all("defer" in s for s in scripts), "our scripts must not block rendering"
    wanted = tags.meta["bb-bundles"].split()
    # The page's scripts are its features' in the order the meta names them (the loader's order).
    with_js = [n for n in wanted if any((site / OURS).glob(f"{n}.*.js"))]
    assert names_of(scripts, "src")[1:] == with_js
    assert [s["data-bb-bundle"] for s in scripts[1:]] == names_of(scripts, "src")[1:]
    assert "paths" in wanted and "print" in wanted, "module 3 has path blocks and a worksheet"
    for absent in ("plan", "course", "scenarios", "slides", "data"):
        assert absent not in wanted, f"module 3 has no {absent}: its bundle is not loaded"
    paper = [s for s in styles if s.get("media") == "print"]
    assert len(paper) == 1 and styles[1] is paper[0], "print styles: one media=print link, after main.css"
    assert names_of(paper, "href") == ["paper"]


def test_features_load_only_where_their_markup_is(site):
    wanted = {
        name: tags_of(path).meta.get("bb-bundles", "").split()
        for name, path in {
            "scenarios": module_page(site, "05"),
            "rank": module_page(site, "07"),
            "plan": site / "plan" / "index.html",
            "privacy": site / "privacy" / "index.html",
            "slides": site / "facilitators" / "slides" / "index.html",
            "start": site / "index.html",
        }.items()
    }
    assert "scenarios" in wanted["scenarios"] and "messages" in wanted["scenarios"]
    assert "field-rank" in wanted["rank"] and "scenarios" not in wanted["rank"]
    # My plan draws every answer: its needs come first, the full course data just before it.
    assert wanted["plan"][-2:] == ["course", "plan"]
    assert {"messages", "print", "data", "field-rank"} <= set(wanted["plan"])
    assert wanted["privacy"] == ["data"]
    assert "slides" in wanted["slides"]
    assert "course" not in wanted["start"] and "plan" not in wanted["start"]


def test_a_page_carries_the_full_data_of_its_own_worksheets_only(site):
    full = json.loads((site / OURS / "course-data.json").read_text(encoding="utf-8"))
    page = tags_of(module_page(site, "04"))
    data = json.loads("".join(page.data))
    module = next(m for m in full["modules"] if m["src"].startswith("modules/04-"))
    assert list(data["worksheets"]) == module["worksheets"]
    assert all(data["worksheets"][i] == page_worksheet(full["worksheets"][i]) for i in module["worksheets"])
    fields = [f for i in module["worksheets"] for s in data["worksheets"][i]["sections"] for f in s["fields"]]
    assert any("message" in f for f in fields), "module 4's messages come with it"
    assert not any("label" in f for f in fields), "labels are in the form itself"
    assert not tags_of(site / "index.html").data, "a page without forms carries no course data"
    main = next((site / OURS).glob("main.*.js")).read_text(encoding="utf-8")
    assert '"label"' not in main and '"message"' not in main, "words and messages stay out of main.js"
    x = {"sections": [{"fields": [{"id": "a", "type": "text", "names": ["a"], "label": "A"}]}]}
    only_x = page_data('<form class="bb-worksheet" data-worksheet="x">', {"worksheets": {"x": x, "y": x}})
    assert only_x == {
        "worksheets": {"x": {"sections": [{"fields": [{"id": "a", "type": "text", "names": ["a"]}]}]}}
    }


def test_bundle_names_are_the_hash_of_their_content(site):
    built = sorted((site / "assets" / "bounce-back").glob("*.*.*"))
    names = {bundle_key(OURS + p.name) for p in built if HASHED.search(OURS + p.name)}
    assert {"main.css", "main.js", "paper.css", "plan.js", "plan.css", "course.js"} <= names
    for path in built:
        match = HASHED.search(OURS + path.name)
        if match:
            assert hashlib.sha256(path.read_bytes()).hexdigest()[:10] == match.group(2), path.name


def test_the_main_bundle_names_every_feature_bundle_which_exists(site):
    main = next((site / "assets" / "bounce-back").glob("main.*.js")).read_text(encoding="utf-8")
    table = json.loads(re.search(r"\.bundles=(\{.*?\}\});", main).group(1))
    assert set(table) == {f.name for f in features()}
    for files in table.values():
        for uri in files.values():
            assert (site / uri).is_file(), uri


def test_changing_a_source_changes_the_bundle_name():
    sources = read_sources(SOURCE_DIR)
    before = make_bundles(sources)
    edited = {name: list(parts) for name, parts in sources.items()}
    name, text = edited["main.js"][0]
    edited["main.js"][0] = (name, text + "\nwindow.x = 1;\n")
    after = make_bundles(edited)
    changed = {bundle_key(uri) for uri in set(before) ^ set(after)}
    assert changed == {"main.js"}, "only the changed bundle gets a new name"
    # A new feature bundle gets a new name, and so does the main bundle that names it.
    edited["plan.js"][0] = (edited["plan.js"][0][0], edited["plan.js"][0][1] + "\nwindow.y = 2;\n")
    renamed = {bundle_key(uri) for uri in set(after) ^ set(make_bundles(edited))}
    assert renamed == {"main.js", "plan.js"}
    assert make_bundles(sources) == before, "the same sources give the same bundles"


def test_the_readable_sources_are_not_published(site):
    for name in SOURCES:
        assert (SOURCE_DIR / name).is_file(), f"{name}: the readable source stays in the engine"
        assert not (site / OURS / name).exists(), f"{name} is published on its own"


GENERATED_LINES = r"\A(?:\(window\.BounceBack=window\.BounceBack\|\|\{\}\)\.\w+=.*\n)+"


def test_bundles_are_minified_and_keep_every_source_in_order(site):
    sources = read_sources(SOURCE_DIR)
    shipped = {bundle_key(OURS + p.name): p.read_text(encoding="utf-8") for p in (site / OURS).glob("*.*.*")}
    for bundle in ("main.js", "plan.js", "scenarios.css"):
        written = sum(len(text) for _name, text in sources[bundle])
        # The main script starts with generated data (bundle paths, course data), which is no source.
        code = re.sub(GENERATED_LINES, "", shipped[bundle])
        assert len(code) < 0.8 * written, f"{bundle} is not minified"
    css = len(shipped["main.css"]) + len(shipped["paper.css"])
    assert css < 0.8 * sum(len(text) for _name, text in sources["main.css"]), "main.css is not minified"
    for bundle, text in shipped.items():
        assert not re.search(r"/\*(?!!)", text), f"a comment survived minification in {bundle}"
    plain = by_name(make_bundles(sources, minify=False))
    for bundle, names in (("main.js", MAIN_JS), ("plan.js", PLAN_JS)):
        at = [plain[bundle].find((SOURCE_DIR / name).read_text(encoding="utf-8").strip()) for name in names]
        assert -1 not in at and at == sorted(at), f"COURSE_MINIFY=false: {bundle} keeps its sources in order"
    at = [plain["main.css"].find(f"/* {name} */") for name in MAIN_CSS]
    assert -1 not in at and at == sorted(at), "COURSE_MINIFY=false: main.css keeps its sources in order"


def test_print_rules_go_to_the_print_stylesheet_and_nothing_else_does():
    css = (
        'a{x:1}@media print{.b{content:"}"}.d{e:f}}.g{h:i}@page{size:auto;@top-left{content:"{"}}'
        "@media (max-width:1px){.q{r:s}}@media print and (color){.t{u:v}}/* @media print{} */.z{w:x}"
    )
    screen, paper = split_print(css)
    assert paper == '@media print{.b{content:"}"}.d{e:f}}\n'
    kept = '@page{size:auto;@top-left{content:"{"}}@media (max-width:1px){.q{r:s}}'
    kept += "@media print and (color){.t{u:v}}/* @media print{} */"
    assert screen == "a{x:1}.g{h:i}" + kept + ".z{w:x}\n"
    built = by_name(make_bundles(read_sources(SOURCE_DIR)))
    assert "@media print" not in built["main.css"] and "@media print" in built["paper.css"]
    assert ".bb-print-value" in built["main.css"], "print.css's screen rule (twins hidden) stays on screen"


def test_scorm_build_puts_scorm_and_data_js_in_the_main_bundle():
    plain = groups()
    scorm = groups(scorm=True)
    assert scorm["main.js"] == [*MAIN_JS, "data.js", "scorm.js", "loader.js"]
    assert scorm["main.css"] == [*MAIN_CSS, "scorm.css"]
    assert plain["main.js"] == [*MAIN_JS, "loader.js"], "the loader comes last"
    assert "scorm.js" not in plain["main.js"] and "data.js" not in plain["main.js"]
    assert "data.js" in plain and "data.js" not in scorm, "no second copy of data.js in a package"
    units_js = [name for name, _ in unit_files(".js")]
    assert "rank/field.js" in units_js and plain["field-rank.js"] == ["rank/field.js"]


def test_page_features_follow_markup_and_needs():
    bundles = {f"{f.name}.{ext}": "x" for f in features() for ext in ("js", "css")}
    assert page_features("<p>nothing</p>", bundles) == []
    plan = page_features('<div class="bb-plan" data-plan="">', bundles)
    assert plan[-2:] == ["course", "plan"] and {"messages", "print", "data", "field-rank"} <= set(plan)
    assert page_features('<div class="bb-field" data-type="rank">', bundles) == ["field-rank"]
    field = '<div class="bb-field" data-plan="">'
    assert page_features(field, bundles) == [], "a field's data-plan is no plan"
    assert page_features('<p class="bb-message__label">', bundles) == [], "a class name's prefix is no class"


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
    assert main.index("X.course={};") < main.index(store) < main.index("/* loader.js */")
    full = by_name(make_bundles(read_sources(SOURCE_DIR), full_data_js="X.full={};", minify=False))
    assert full["course.js"] == "X.full={};\n" and "X.full" not in main


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
