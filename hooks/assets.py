"""Assets: ship our JS and CSS minified, keep the sources in docs/ readable.

Our scripts and stylesheets are small, commented ES5 and CSS files with no
bundler, by design. After the build has copied them into the site, this hook
rewrites the copies of `docs/assets/bounce-back/*.js` and `*.css` with rjsmin
and rcssmin: comments and indentation go, names and behaviour stay, so the
same files load in the same order and the Content-Security-Policy (which only
hashes inline scripts) is unchanged. Files other hooks generate there
(`course-map.js`, a career center's `brand.css`) are left as they made them.

`COURSE_MINIFY=false` ships them as they are, for debugging in the browser.
Without rjsmin/rcssmin installed the build says so in one line and goes on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

ASSETS_DIR = "assets/bounce-back"


# Event handlers ---------------------------------------------------------------------------------


@event_priority(50)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Minify our JS and CSS in the built site (before other hooks package or hash it)."""
    if os.environ.get("COURSE_MINIFY", "").strip().lower() in {"0", "false", "no", "off"}:
        return
    minifiers = load_minifiers()
    if minifiers is None:
        log.info("rjsmin/rcssmin are not installed: our JS and CSS are shipped unminified")
        return
    saved = minify_copies(Path(config.docs_dir) / ASSETS_DIR, Path(config.site_dir) / ASSETS_DIR, minifiers)
    log.debug("minified our JS and CSS: %d bytes saved", saved)


# Plain functions --------------------------------------------------------------------------------


def load_minifiers() -> dict[str, Any] | None:
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


def minify_copies(sources: Path, built: Path, minifiers: dict[str, Any]) -> int:
    """Minify the built copy of every source file that has a minifier; return the bytes saved."""
    saved = 0
    if not sources.is_dir():
        return 0
    for source in sorted(sources.rglob("*")):
        minify = minifiers.get(source.suffix)
        path = built / source.relative_to(sources)
        if minify is None or not source.is_file() or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = minify(text).strip() + "\n"
        if len(small) < len(text):
            path.write_text(small, encoding="utf-8")
            saved += len(text.encode("utf-8")) - len(small.encode("utf-8"))
    return saved
