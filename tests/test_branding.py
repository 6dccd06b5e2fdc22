"""Branding in one place: a center's small config changes name, logo, colours and contacts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from coursemodel.settings import check_colours, contrast, render_brand_css
from mkdocs.utils.yaml import get_yaml_loader

from tests.conftest import ROOT, BuildFailed, build_site
from tests.variants import course_config, write_variant

EXAMPLE = ROOT / "examples" / "career-center" / "mkdocs.yml"


def test_contrast_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)


def test_good_colours_give_no_warning():
    colours = {"primary": "#1d4f91", "accent": "#b45309", "header_text": None, "link_dark": "#9cc3ff"}
    assert check_colours(colours, "mkdocs.yml") == []


def test_pale_primary_warns_with_config_path_and_fix():
    colours = {"primary": "#ffd54f", "accent": None, "header_text": None, "link_dark": "#ffd54f"}
    warnings = check_colours(colours, "examples/x/mkdocs.yml")
    assert any(
        w.startswith("examples/x/mkdocs.yml: extra.course.colours.primary: header text (#ffffff on #ffd54f)")
        and "below 4.5:1" in w
        and "header_text" in w
        for w in warnings
    ), warnings
    assert any("links in light mode" in w for w in warnings)


def test_dark_primary_fails_in_dark_mode_unless_link_dark_is_set():
    colours = {"primary": "#1d4f91", "accent": None, "header_text": None, "link_dark": None}
    [warning] = check_colours(colours, "mkdocs.yml")
    assert "extra.course.colours.primary: links in dark mode" in warning and "link_dark" in warning
    colours["link_dark"] = "#9cc3ff"
    assert check_colours(colours, "mkdocs.yml") == []


def test_black_header_text_fixes_a_light_primary_header():
    colours = {"primary": "#ffd54f", "accent": None, "header_text": "#000000", "link_dark": None}
    assert not [w for w in check_colours(colours, "m.yml") if "header text" in w]


def test_brand_css_overrides_material_variables_in_both_schemes():
    css = render_brand_css(
        {"primary": "#1d4f91", "accent": "#b45309", "header_text": None, "link_dark": "#9cc3ff"}
    )
    assert "--md-primary-fg-color: #1d4f91;" in css
    assert "--md-primary-bg-color: #ffffff;" in css
    assert "--md-accent-fg-color: #b45309;" in css
    assert re.search(
        r"\[data-md-color-scheme=slate\]\[data-md-color-primary\] \{\s*--md-typeset-a-color: #9cc3ff", css
    )


@pytest.mark.expect_warnings
def test_low_contrast_colour_is_a_build_warning(tmp_path, caplog):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"colours": {"primary": "#8fd3ff"}}}})
    with pytest.raises(BuildFailed, match="warnings in strict mode"):
        build_site(config, tmp_path / "site")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    # The center's own file and the line of the colour, as for every config mistake.
    line = next(n for n, text in enumerate(config.read_text("utf-8").splitlines(), 1) if "primary:" in text)
    assert any(
        f"{config}:{line}: extra.course.colours.primary: header text (#ffffff on #8fd3ff)" in w
        and "below 4.5:1" in w
        for w in warnings
    ), warnings


@pytest.mark.expect_warnings
def test_bad_colour_stops_the_build_naming_the_key(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"colours": {"accent": "orange"}}}})
    with pytest.raises(BuildFailed, match=r"extra\.course\.colours\.accent: 'orange' is not a colour"):
        build_site(config, tmp_path / "site")


@pytest.mark.expect_warnings
def test_missing_logo_file_stops_the_build(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"logo": "nope.svg"}}})
    with pytest.raises(BuildFailed, match=r"extra\.course\.logo: no file at 'nope\.svg'"):
        build_site(config, tmp_path / "site")


def test_example_inherits_the_course_and_its_engine_plugin():
    with open(EXAMPLE, "rb") as handle:
        example = yaml.load(handle, Loader=get_yaml_loader())
    assert example["INHERIT"] == "../../mkdocs.yml"
    # The engine is the course's `bounce-back` plugin, inherited: a center lists no hooks.
    assert "hooks" not in example and "plugins" not in example
    assert any(
        (p if isinstance(p, str) else next(iter(p))) == "bounce-back" for p in course_config()["plugins"]
    )


@pytest.fixture(scope="module")
def branded(tmp_path_factory) -> Path:
    """The example career center, built strictly."""
    site = tmp_path_factory.mktemp("branded")
    warnings = build_site(EXAMPLE, site)
    assert not warnings, warnings
    return site


def test_branded_build_shows_name_logo_favicon_colours_footer(branded):
    home = (branded / "index.html").read_text(encoding="utf-8")
    assert "<title>Bounce Back at Riverside</title>" in home
    assert '<link rel="icon" href="assets/brand/favicon.svg">' in home
    assert re.search(
        r'class="md-header__button md-logo"[^>]*>\s*<img src="assets/brand/logo.svg" alt="">', home
    )
    # The center's colours ship in our stylesheet bundle (hooks/assets.py), last, so they win.
    assert re.search(r"--md-primary-fg-color:\s*#1d4f91", our_css(branded, home))
    assert (branded / "assets/brand/logo.svg").read_bytes() == (EXAMPLE.parent / "logo.svg").read_bytes()
    assert "A service of Riverside University Careers" in home


def test_support_page_and_module_footer_show_the_contacts(branded):
    support = (branded / "support/index.html").read_text(encoding="utf-8")
    for text in (
        "Riverside University Careers",
        "careers@riverside.example",
        "+1 555 0100",
        "Monday to Friday, 9:00 to 17:00",
        'href="https://riverside.example/careers/book"',
        "Counselling service",
        "Drop-in Tuesday and Thursday",
    ):
        assert text in support, text
    assert "has not been set up" not in support
    module = next((branded / "modules").glob("01-*/index.html")).read_text(encoding="utf-8")
    footer = module[module.index("bb-support") :]
    assert "careers@riverside.example" in footer and "Get support" in footer


def test_default_build_says_where_to_set_contacts(site):
    support = (site / "support/index.html").read_text(encoding="utf-8")
    assert "extra.course.contacts" in support and "mkdocs.yml" in support
    assert not (site / "assets/bounce-back/brand.css").exists()
    assert "#1d4f91" not in our_css(site, support), "no center's colours without a center"


def our_css(site: Path, page: str) -> str:
    """Return the text of every stylesheet of ours (assets/bounce-back/) that `page` links."""
    hrefs = re.findall(r'<link rel="stylesheet" href="(?:\.\./)*(assets/bounce-back/[^"]+\.css)">', page)
    assert hrefs, "the page links no stylesheet of ours"
    return "".join((site / href).read_text(encoding="utf-8") for href in hrefs)


@pytest.mark.expect_warnings
def test_unquoted_colour_is_an_error_at_its_line_not_a_silent_comment(tmp_path):
    config = write_variant(tmp_path / "cfg", {}, course_id=None)  # the test writes its own `extra:`
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "extra:\n  course:\n    colours:\n      primary: #5b2a86\n", encoding="utf-8")
    line = config.read_text(encoding="utf-8").count("\n")
    with pytest.raises(
        BuildFailed, match=rf'mkdocs\.yml:{line}: .*colours\.primary is written without quotes.*"#5b2a86"'
    ):
        build_site(config, tmp_path / "site")
