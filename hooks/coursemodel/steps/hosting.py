"""Hosting anywhere: security headers, the offline (USB stick) build and the SCORM build.

- Every online build writes `_headers` (Netlify, Cloudflare Pages) and
  `nginx-headers.conf` into the site with a Content-Security-Policy that
  allows only the site's own files, plus the hashes of the inline scripts
  Material writes into each page (computed from the built HTML).
- When Material's offline plugin is on (`OFFLINE=true mkdocs build`), the
  build must work from `file://` without any network: instant navigation is
  turned off (Material's `document$` never fires from `file://`) and the
  iframe-worker shim that offline search needs is served from the bundle
  instead of a CDN. The shim comes from the npm package `iframe-worker`
  (`npm install` in the project); without it the offline build stops and
  says so, rather than shipping a search box that calls a CDN.
- When `SCORM=true` as well, `scorm.js` (the learner's answers and progress kept in the LMS,
  per learner; SCORM 2004 or 1.2) and
  `scorm.css` go into that build's bundles (hooks/assets.py reads the flag).

`bin/package offline|scorm2004|scorm12` (`hooks/bundle.py`) runs these builds and writes the zips.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from coursemodel import build_of
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import is_error_template, normalize_url

log = get_plugin_logger(__name__.rsplit(".", 1)[-1])

SHIM_URI = "assets/vendor/iframe-worker/shim.js"
# From npm (`npm install` in the engine's project folder): the folder holding hooks/ and package.json.
SHIM_SRC = Path(__file__).resolve().parents[3] / "node_modules" / "iframe-worker" / "shim" / "index.js"
HEADERS_FILE = "_headers"
NGINX_FILE = "nginx-headers.conf"
# Features that need Material's instant loading, which cannot run from file://.
INSTANT_FEATURES = {
    "navigation.instant",
    "navigation.instant.progress",
    "navigation.instant.prefetch",
    "navigation.instant.preview",
}
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


# Event handlers ---------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Adapt the build to where it will run: offline (file://), SCORM (in an LMS) or online."""
    if offline_enabled(config):
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if f not in INSTANT_FEATURES]
        if not SHIM_SRC.is_file():
            # Without the shim, offline search would call a CDN: refuse rather than leak.
            raise PluginError(
                "offline build: search needs the iframe-worker shim from npm, which is missing; "
                "run `npm install` in the project folder first"
            )
    if build_of(config).options.scorm and not offline_enabled(config):
        log.warning("SCORM=true needs the offline build too; run `bin/package scorm2004`")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Ship the iframe-worker shim inside offline builds so search needs no network."""
    if offline_enabled(config):
        # Here, not in on_config: Material's offline plugin names the CDN copy in its own on_config,
        # which may run after ours; every on_config has run by the time files are gathered.
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [SHIM_URI if "iframe-worker" in str(p) else p for p in polyfills]
    if offline_enabled(config) and files.get_file_from_path(SHIM_URI) is None:
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(SHIM_SRC)))
    return files


def on_template_context(context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
    """Give the offline build's 404 page relative addresses (`assets/…`), as every other page has.

    MkDocs writes error pages with root-absolute addresses (`/assets/…`, or the path of
    `site_url`) so a server can show them at any depth. From file:// those point at the
    disk's root and the page comes up bare; the offline 404 page sits at the site's root,
    so `.` is its base.
    """
    if offline_enabled(config) and is_error_template(template_name):
        context["base_url"] = "."
        context["extra_css"] = [normalize_url(path, None, ".") for path in config.extra_css]
        scripts = config.extra_javascript
        context["extra_javascript"] = [normalize_url(str(path), None, ".") for path in scripts]
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write `_headers` and `nginx-headers.conf` with a CSP made for this build."""
    if offline_enabled(config):
        # Opened from disk or inside an LMS: response headers do not apply.
        return
    site = Path(config.site_dir)
    policy = content_security_policy(inline_script_hashes(site))
    (site / HEADERS_FILE).write_text(render_headers_file(policy), encoding="utf-8")
    (site / NGINX_FILE).write_text(render_nginx(policy), encoding="utf-8")


# Plain functions ---------------------------------------------------------------------------------


def offline_enabled(config: MkDocsConfig) -> bool:
    """Return True when Material's offline plugin is configured and enabled."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "offline":
            return bool(plugin.config.get("enabled", True))
    return False


INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
DATA_TYPES = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)


def inline_script_hashes(site: Path) -> list[str]:
    """Return the CSP hashes (`'sha256-…'`) of every inline executable script in the site.

    Scripts with `src` load from the site itself; JSON data blocks (`type=
    application/json`) are never executed, so neither needs a hash.
    """
    hashes: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        for match in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match.group("attrs")
            if re.search(r"\bsrc\s*=", attrs, re.I) or DATA_TYPES.search(attrs):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    """Return a CSP allowing only the site's own files plus the given inline-script hashes."""
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes) if script_hashes else "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
    return "; ".join(directives)


def render_headers_file(policy: str) -> str:
    """Render a Netlify / Cloudflare Pages `_headers` file for every path."""
    lines = ["# Generated by hooks/hosting.py at build time. Do not edit.", "/*"]
    lines.append(f"  Content-Security-Policy: {policy}")
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def render_nginx(policy: str) -> str:
    """Render nginx `add_header` lines to `include` in the site's `location` block."""
    lines = ["# Generated by hooks/hosting.py at build time. Do not edit; include it (deploy/nginx.conf)."]
    lines.append(f'add_header Content-Security-Policy "{policy}" always;')
    lines += [f'add_header {name} "{value}" always;' for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def parse_headers_file(text: str) -> dict[str, str]:
    """Return the headers of the `/*` rule of a `_headers` file (used by servers in tests)."""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith((" ", "\t")) and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers
