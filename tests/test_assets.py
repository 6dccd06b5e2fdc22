"""hooks/assets.py: the site ships our JS and CSS minified; the sources in docs/ stay as written."""

from __future__ import annotations

from pathlib import Path

from assets import load_minifiers, minify_copies

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "docs" / "assets" / "bounce-back"


def test_built_js_and_css_are_minified_and_the_sources_are_not(site):
    sources = sorted(p for p in SOURCES.iterdir() if p.suffix in (".js", ".css"))
    assert sources
    for source in sources:
        built = (site / "assets" / "bounce-back" / source.name).read_text(encoding="utf-8")
        written = source.read_text(encoding="utf-8")
        assert len(built) < 0.9 * len(written), f"{source.name} is not minified in the site"
        assert "/*" in written and "/*" not in built, f"{source.name} keeps its comments"


def test_minify_copies_rewrites_only_copies_of_sources(tmp_path):
    sources, built = tmp_path / "src", tmp_path / "site"
    sources.mkdir()
    built.mkdir()
    js = "/* A comment. */\nfunction add(a, b) {\n  return a + b; // sum\n}\n"
    (sources / "x.js").write_text(js, encoding="utf-8")
    (built / "x.js").write_text(js, encoding="utf-8")
    (built / "generated.css").write_text("a {\n  color: red;\n}\n", encoding="utf-8")
    saved = minify_copies(sources, built, load_minifiers())
    assert (built / "x.js").read_text(encoding="utf-8") == "function add(a,b){return a+b;}\n"
    assert saved == len(js) - len("function add(a,b){return a+b;}\n")
    assert (built / "generated.css").read_text(encoding="utf-8") == "a {\n  color: red;\n}\n"
    assert (sources / "x.js").read_text(encoding="utf-8") == js
