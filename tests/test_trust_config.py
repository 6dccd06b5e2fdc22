"""The build trusts nothing a config names: site_url, logos, favicons, styles, scripts.

Each bad setting stops the build at `file:line` of the setting (or of the SVG
line that reaches outside the image), saying what is allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from coursemodel.trust import local_problem, remote_problem, site_address_problem, svg_reference

from tests.conftest import BuildFailed, build_site
from tests.variants import write_variant

GOOD_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <rect width="10" height="10" fill="url(#g)"/>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"""


def line_of(path: Path, text: str) -> int:
    """Return the first line of `path` that contains `text`."""
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def fails(config: Path, tmp_path: Path) -> str:
    """Build `config` and return the first error (the build must stop)."""
    with pytest.raises(BuildFailed) as stopped:
        build_site(config, tmp_path / "site")
    return str(stopped.value)


@pytest.mark.parametrize(
    "url",
    [
        "javascript://example.com/%0Aalert(document.domain)",
        "data://example.com/text/html,hello",
        "ftp://files.example.com/course/",
        "http://:8000/",
    ],
)
@pytest.mark.expect_warnings
def test_a_site_url_that_is_not_http_with_a_host_stops_the_build_at_its_line(tmp_path, url):
    config = write_variant(tmp_path / "cfg", {"site_url": url})
    error = fails(config, tmp_path)
    assert error.startswith(f"{config}:{line_of(config, 'site_url:')}: site_url "), error
    assert "https://" in error  # says what is allowed


def test_site_address_rule():
    assert site_address_problem("https://careers.example.edu/bounce-back/") == ""
    assert site_address_problem("http://127.0.0.1:8000/") == ""  # the preview: the pdfs hook warns
    assert site_address_problem("") == ""  # unset: the pdfs hook's own warning covers it
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://", "//example.com/", "https://a b/"):
        assert site_address_problem(bad), bad


@pytest.mark.parametrize("key", ["logo", "favicon"])
@pytest.mark.expect_warnings
def test_a_remote_theme_logo_or_favicon_stops_the_build(tmp_path, key):
    config = write_variant(tmp_path / "cfg", {"theme": {key: f"https://tracker.example/{key}.png"}})
    error = fails(config, tmp_path)
    assert error.startswith(f"{config}:{line_of(config, f'{key}: https')}: theme.{key}: "), error
    assert "not a file of the course" in error and "docs/" in error


@pytest.mark.expect_warnings
def test_a_theme_logo_outside_docs_stops_the_build(tmp_path):
    config = write_variant(tmp_path / "cfg", {"theme": {"logo": "../../../etc/hostname"}})
    error = fails(config, tmp_path)
    assert f"{config}:{line_of(config, 'logo:')}: theme.logo: " in error and "`..`" in error


@pytest.mark.parametrize(
    "value", ["https://tracker.example/logo.svg", "//tracker.example/logo.svg", "file:///etc/logo.svg"]
)
@pytest.mark.expect_warnings
def test_a_remote_center_logo_stops_the_build_naming_what_is_allowed(tmp_path, value):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"logo": value}}})
    error = fails(config, tmp_path)
    assert error.startswith(f"{config}:{line_of(config, 'logo:')}: extra.course.logo: "), error
    assert "beside this config file" in error


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ('<image href="file:///etc/passwd" width="9" height="9"/>', "href='file:///etc/passwd'"),
        ('<image xlink:href="http://tracker.example/p.png"/>', "href='http://tracker.example/p.png'"),
        ('<use href="other.svg#shape"/>', "href='other.svg#shape'"),
        ('<rect style="fill: url(http://x.example/a.svg#p)"/>', "url(http://x.example/a.svg#p)"),
        ("<style>@import 'https://x.example/a.css';</style>", "@import"),
        ("<script>alert(1)</script>", "<script>"),
        ('<image href="&#102;ile:///etc/passwd"/>', "href='file:///etc/passwd'"),
        ("<style>rect { fill: u\\72l(http://x.example/) }</style>", "CSS escape"),
        ('<foreignObject><img src="x.png"/></foreignObject>', "embedded HTML"),
    ],
)
@pytest.mark.expect_warnings
def test_a_center_svg_that_reaches_outside_itself_stops_the_build_at_its_line(tmp_path, body, what):
    folder = tmp_path / "cfg"
    folder.mkdir()
    (folder / "logo.svg").write_text(GOOD_SVG.replace("</svg>", f"  {body}\n</svg>"), encoding="utf-8")
    config = write_variant(folder, {"extra": {"course": {"logo": "logo.svg"}}})
    error = fails(config, tmp_path)
    assert error.startswith(f"{folder / 'logo.svg'}:6: the SVG refers to something outside itself"), error
    assert what in error and "self-contained" in error


def test_a_self_contained_svg_passes():
    assert svg_reference(GOOD_SVG) == (0, "")


@pytest.mark.parametrize(
    ("key", "value"),
    [("extra_css", "https://cdn.example/center.css"), ("extra_javascript", "//cdn.example/track.js")],
)
@pytest.mark.expect_warnings
def test_remote_styles_and_scripts_stop_the_build(tmp_path, key, value):
    config = write_variant(tmp_path / "cfg", {key: [value]})
    error = fails(config, tmp_path)
    assert error.startswith(f"{config}:{line_of(config, value)}: {key}: "), error


def test_remote_and_escaping_paths_are_not_local_files():
    assert remote_problem("logo.svg") == "" and remote_problem("assets/brand/logo.png") == ""
    bad_values = ("https://x/l.png", "data:image/png,AA", "//x/l.png", "/etc/l.png", "../l.png", "C:\\l")
    for bad in bad_values:
        assert remote_problem(bad), bad


def test_the_renderer_reads_only_data_and_files_inside_the_roots(tmp_path):
    roots = [tmp_path / "docs", tmp_path / "worksheets"]
    base = (tmp_path / "docs" / "worksheets" / "page").as_uri() + "/"
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "worksheets").mkdir()
    (tmp_path / "docs" / "assets" / "a.png").write_bytes(b"png")
    (tmp_path / "worksheets" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.png").write_bytes(b"png")
    assert local_problem("data:image/png;base64,AA", roots, base) == ""
    assert local_problem("../../assets/a.png", roots, base) == ""
    assert local_problem((tmp_path / "worksheets" / "a.png").as_uri(), roots) == ""
    for bad in ("../../../secret.png", "file:///etc/passwd", "http://127.0.0.1/a.png", "https://x.example/a"):
        assert local_problem(bad, roots, base), bad
    assert local_problem("file://otherhost/docs/a.png", roots)
    assert "not a file" in local_problem("../../assets/missing.png", roots, base)


@pytest.mark.expect_warnings
def test_a_theme_favicon_svg_that_reaches_outside_itself_stops_the_build(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "icon.svg").write_text(
        GOOD_SVG.replace("</svg>", '  <image href="http://tracker.example/p.png"/>\n</svg>'), encoding="utf-8"
    )
    config = write_variant(tmp_path / "cfg", {"theme": {"custom_dir": str(theme), "favicon": "icon.svg"}})
    error = fails(config, tmp_path)
    assert error.startswith(f"{theme / 'icon.svg'}:6: the SVG refers to something outside itself"), error
