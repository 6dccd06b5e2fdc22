"""The build trusts nothing it is handed: only the course's own files, never the network.

A center's config, a logo, a worksheet's image: each could point the build at
a file elsewhere on the build machine (`file:///…`, `../../`) or at a server
(`http://…`), which would then be read and printed into every handout, or
requested by every learner's browser. The rules here are the one place that
says what may be named:

- `site_url` is an http(s) address with a host (`check_site_address`);
- a logo, a favicon, a stylesheet or script a center names is a local file
  (`remote_problem`), and an SVG among them refers to nothing outside itself
  (`check_svg`);
- WeasyPrint reads files only inside the course's folders (`local_fetcher`,
  `local_problem`), so a worksheet image or a logo's inner reference cannot
  reach anything else.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from .errors import AuthorError

# `scheme:` at the start of a value (a Windows drive letter such as `C:` counts as one too:
# it is no path inside the course either).
_SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:")
# Images a self-contained SVG may embed as data (an exported logo often holds its bitmap so).
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]", re.I)
ALLOWED_SVG = (
    "a logo or favicon must be self-contained: shapes and text, `#id` references inside the file "
    "and embedded data:image/png, jpeg, gif or webp only (no <script>, no external <image>, <use>, "
    "url(…) or @import)"
)


def remote_problem(value: Any) -> str:
    """Say why `value` is not a path to a local file ("" when it may be one).

    A scheme (`https:`, `file:`, `data:`), a protocol-relative `//host` or a
    Windows share is refused; so is a path that climbs out with `..` or starts
    at the root, since the course's files are named relative to it.
    """
    text = str(value or "").strip()
    if _SCHEME.match(text):
        return f"{text!r} is an address (a URL), not a file of the course"
    if text.startswith(("//", "\\\\")):
        return f"{text!r} is a network address, not a file of the course"
    if text.startswith(("/", "\\")):
        return f"{text!r} starts at the root of the machine, not in the course"
    if ".." in re.split(r"[\\/]", text):
        return f"{text!r} climbs out of the folder with `..`"
    return ""


def site_address_problem(site_url: Any) -> str:
    """Say why `site_url` is not an http(s) address with a host ("" when it is one, or unset)."""
    text = str(site_url or "").strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return f"site_url {text!r} is not a web address"
    if parts.scheme.lower() not in ("http", "https"):
        return f"site_url {text!r} does not start with http:// or https://"
    if not host or re.search(r"[\s\x00-\x1f\x7f<>\"'`\\]", text):
        return f"site_url {text!r} is not a web address with a host name"
    return ""


def check_site_address(config: Any, place: tuple[str, int]) -> None:
    """Stop the build when `site_url` is not http(s) with a host (at `place`, its file and line).

    It lands in every page's canonical link, the sitemap, the slides and the
    handouts' footers: a `javascript:` or `data:` one would be a live script URL.
    """
    problem = site_address_problem(getattr(config, "site_url", None) or config.get("site_url"))
    if problem:
        raise AuthorError(
            *place,
            problem,
            "give the address learners open, for example https://careers.your-college.edu/bounce-back/",
        )


# What an SVG may not hold: each pattern names one way to reach outside the file.
_SVG_RULES = [
    (re.compile(r"<\s*script\b", re.I), "a <script>"),
    (re.compile(r"<!\s*ENTITY\b", re.I), "an XML entity declaration"),
    (re.compile(r"<\?\s*xml-stylesheet\b", re.I), "an xml-stylesheet instruction"),
    (re.compile(r"@import\b", re.I), "a CSS @import"),
    (re.compile(r"<\s*(?:[\w-]+:)?(?:foreignObject|iframe|object|embed)\b", re.I), "embedded HTML"),
]
_SVG_ATTRIBUTE = re.compile(r"""[\s"'](?:[\w.-]+:)?(href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_SVG_STYLE = re.compile(r"<\s*style\b[^>]*>(.*?)<\s*/\s*style\s*>|\bstyle\s*=\s*\"([^\"]*)\"", re.S | re.I)
_SVG_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)


def svg_reference(text: str) -> tuple[int, str]:
    """Return (line, what) of the first reference an SVG makes outside itself, or (0, "")."""
    found: list[tuple[int, str]] = []

    def line_at(offset: int) -> int:
        """Return the 1-based line of a character offset."""
        return text.count("\n", 0, offset) + 1

    for pattern, what in _SVG_RULES:
        match = pattern.search(text)
        if match:
            found.append((match.start(), what))
    for match in _SVG_ATTRIBUTE.finditer(text):
        value = html.unescape(match.group(2).strip("\"'")).strip()
        if not value.startswith("#") and not _DATA_IMAGE.match(value):
            found.append((match.start(), f"{match.group(1)}={value[:80]!r}"))
    for match in _SVG_CSS_URL.finditer(text):
        value = html.unescape(match.group(2)).strip()
        if not value.startswith("#") and not _DATA_IMAGE.match(value):
            found.append((match.start(), f"url({value[:80]})"))
    # CSS escapes (`u\72l(`) could spell a url() the patterns above do not see.
    for match in _SVG_STYLE.finditer(text):
        if "\\" in (match.group(1) or match.group(2) or ""):
            found.append((match.start(), "a CSS escape (\\) in a style"))
    if not found:
        return 0, ""
    offset, what = min(found)
    return line_at(offset), what


def check_svg(path: Path, shown: str) -> None:
    """Refuse an SVG image that refers to anything outside itself, at the file and line of it.

    A browser shows a logo inside `<img>` without loading what it names, but the
    handouts' renderer draws the SVG itself: an `<image href="file:///…">` would
    print a file of the build machine, an `http://` one call a server.
    """
    if path.suffix.lower() != ".svg":
        return
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return  # its own check says the file is missing
    line, what = svg_reference(text)
    if line:
        raise AuthorError(shown, line, f"the SVG refers to something outside itself: {what}", ALLOWED_SVG)


def inside(path: str | Path, roots: Iterable[str | Path]) -> bool:
    """Return True when `path` (made absolute, `..` removed) lies inside one of `roots`."""
    target = os.path.normpath(os.path.abspath(path))
    for root in roots:
        base = os.path.normpath(os.path.abspath(root))
        if target == base or target.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def local_problem(url: str, roots: Iterable[str | Path], base_url: str = "") -> str:
    """Say why the PDF renderer may not read `url` ("" when it is a file inside `roots` or data).

    Relative URLs are read against `base_url` (a `file:` URL), as WeasyPrint does.
    """
    text = str(url).strip()
    if text.lower().startswith("data:"):
        return ""
    full = urljoin(base_url, text) if base_url else text
    parts = urlsplit(full)
    if parts.scheme.lower() != "file":
        return (
            f"{text!r} is on the network ({parts.scheme or 'no'} scheme)"
            if parts.scheme
            else (f"{text!r} cannot be found without a base folder")
        )
    if parts.netloc not in ("", "localhost"):
        return f"{text!r} names another machine"
    path = url2pathname(unquote(parts.path))
    if not inside(path, roots):
        return f"{text!r} is outside the course's folders"
    if not os.path.isfile(path):
        return f"{text!r} is not a file (looked for {path})"
    return ""


class RefusedURL(Exception):
    """A URL the handouts' renderer was asked for and refused to read."""


def local_fetcher(roots: Iterable[str | Path], refused: list[str]) -> Any:
    """Return a WeasyPrint URL fetcher that reads only `data:` URLs and files inside `roots`.

    Every refusal is added to `refused` (the caller turns it into an author
    error naming the file) and stops the rendering, so nothing is fetched from
    the network and no other file of the machine is read.
    """
    roots = [str(root) for root in roots]

    def check(url: str) -> None:
        """Raise RefusedURL (and note it) unless `url` may be read."""
        problem = local_problem(url, roots)
        if problem:
            refused.append(url)
            raise RefusedURL(problem)

    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 68 takes a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            """Check, then read with WeasyPrint's own fetcher."""
            check(url)
            return default_url_fetcher(url, *args, **kwargs)

        return fetch

    class LocalFetcher(URLFetcher):
        """WeasyPrint's fetcher with every URL checked first; no redirects, no retries."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            """Check, then read."""
            check(url)
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)


def check_theme_assets(config: Any) -> None:
    """Stop the build when the site would load a logo, favicon, style or script from elsewhere.

    `theme.logo` and `theme.favicon` are files of the site (in `docs/` or the
    theme's folders); an SVG among them must be self-contained. `extra_css` and
    `extra_javascript` are the center's own files. Each message names the file
    and line of the setting.
    """
    from .settings import config_lines, key_line
    from .text import config_name, shown_file

    shown = config_name(config)
    theme = config.theme
    folders = [Path(config.docs_dir), *(Path(d) for d in getattr(theme, "dirs", []))]
    for key in ("logo", "favicon"):
        value = theme.get(key)
        if not value:
            continue
        line = key_line(config, ["theme", key])
        allowed = (
            f"give a path inside docs/ (or the theme's custom_dir) to an image file, such as "
            f"`assets/brand/{key}.png`, or set extra.course.{key} to an image beside your config file"
        )
        problem = remote_problem(value)
        if problem:
            raise AuthorError(shown, line, f"theme.{key}: {problem}", allowed)
        found = next((Path(folder) / value for folder in folders if (Path(folder) / value).is_file()), None)
        if found is None:
            raise AuthorError(shown, line, f"theme.{key}: no file at {value!r}", allowed)
        if not inside(found, [material_folder()]):  # Material's own default favicon is trusted
            check_svg(found, shown_file(found))
    lines = config_lines(config)
    for key in ("extra_css", "extra_javascript"):
        for item in config.get(key) or []:
            value = str(getattr(item, "path", item))
            problem = remote_problem(value)
            if problem:
                line = next((n for n, text in enumerate(lines, 1) if value in text), key_line(config, [key]))
                raise AuthorError(
                    shown,
                    line,
                    f"{key}: {problem}",
                    "name a file inside docs/ (for example `assets/center.css`): a script or style from "
                    "another server could read what learners type",
                )


def material_folder() -> Path:
    """Return the folder of the installed Material theme."""
    import material

    return Path(material.__file__).resolve().parent


LINK_SCHEMES = ("http", "https", "mailto", "tel")


def link_problem(url: Any) -> str:
    """Say why a center's URL field may not become a link ("" for http(s) with a host, mailto:, tel:)."""
    text = str(url or "").strip()
    if re.search(r"[\x00-\x20\x7f-\x9f<>\"'`\\\u2028\u2029]", text):
        return f"{text!r} holds spaces, quotes or control characters"
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return f"{text!r} is not an address"
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return f"{text!r} is not a web, mailto: or tel: address"
    if scheme in ("http", "https") and not host:
        return f"{text!r} names no host"
    if scheme in ("mailto", "tel") and not parts.path:
        return f"{text!r} is empty after {scheme}:"
    return ""


# What the handouts' renderer may read, and the errors when it is asked for more. ---------------------


@dataclass
class Reading:
    """What the PDF renderer may read: files inside `roots`, relative URLs read against `base_url`.

    `root` is the project folder the sheets' `path`s are relative to (to find an error's line).
    """

    roots: tuple[str, ...] = ()
    base_url: str = ""
    root: str = "."


class RefusedRead(Exception):
    """The renderer was asked for a URL it may not read (the network, a file outside the course)."""

    def __init__(self, url: str, problem: str) -> None:
        """Keep the URL and why it was refused."""
        super().__init__(f"{url}: {problem}")
        self.url, self.problem = url, problem


def image_problems(markup: str, reading: Reading) -> list[tuple[str, str]]:
    """Return (url, problem) for each image or stylesheet in `markup` the renderer may not read."""
    found = []
    for match in re.finditer(
        r"""<(?:img|image|link|source)\b[^>]*?\s(?:src|href|srcset)\s*=\s*("[^"]*"|'[^']*')""", markup, re.I
    ):
        url = html.unescape(match.group(1)[1:-1]).strip()
        problem = local_problem(url, reading.roots, reading.base_url)
        if problem:
            found.append((url, problem))
    return found


def refused_error(url: str, problem: str, sources: tuple[str, ...], reading: Reading) -> AuthorError:
    """Return the author error for a refused URL at the worksheet file and line that name it."""
    allowed = (
        "an image in a worksheet must be a file inside docs/ or worksheets/ (for example "
        "`../../assets/images/steps.png`); the handouts read nothing from the network or elsewhere"
    )
    for shown in sources:
        try:
            lines = (Path(reading.root) / shown).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        line = next((n for n, text in enumerate(lines, 1) if url in text), 0)
        if line:
            return AuthorError(shown, line, f"worksheet image {problem}", allowed)
    where = sources[0] if len(sources) == 1 else "worksheets/"
    return AuthorError(where, 1, f"worksheet image {problem}", allowed)
