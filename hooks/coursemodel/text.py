"""Text helpers every part shares: slugs, the course's Markdown, escaping, UI strings, paths.

One of each: the hooks, the loaders and the renderers all come here, so a
slug or an escaped title is made the same way everywhere.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import weakref
from pathlib import Path
from typing import Any

import markdown as markdown_lib

BASE_EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "pymdownx.smartsymbols"]
STRINGS_DIR = Path(__file__).resolve().parent / "strings"


def slugify(text: str) -> str:
    """Return `text` as lower-case words joined by hyphens ("Café, oui!" -> "cafe-oui").

    Latin letters lose their accents (so ids stay readable ASCII where they
    can); letters and digits of every other script are kept as they are, so
    a course in Russian or Chinese gets usable ids too.
    """
    out = []
    for char in unicodedata.normalize("NFKD", str(text)).lower():
        if unicodedata.combining(char):
            continue
        if char.isascii():
            out.append(char if char.isalnum() else "-")
        elif char.isalnum():
            out.append(char)
        else:
            out.append("-")
    return re.sub(r"-+", "-", "".join(out)).strip("-")


def make_markdown(config: Any = None) -> markdown_lib.Markdown:
    """Build the course's Markdown (same extensions as the pages) with raw HTML turned off.

    Author text must never become markup of its own, so `<script>` in a label
    shows as text; Markdown syntax (emphasis, links, code) still works.
    """
    if config is not None:
        md = markdown_lib.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
    else:
        md = markdown_lib.Markdown(extensions=BASE_EXTENSIONS)
    if "html_block" in md.preprocessors:
        md.preprocessors.deregister("html_block")
    if "html" in md.inlinePatterns:
        md.inlinePatterns.deregister("html")
    return md


# Labels are converted more than once (a list's label is also its lines' hidden labels;
# the browser data needs them as plain text), so each converter remembers its results.
_CONVERTED: weakref.WeakKeyDictionary[markdown_lib.Markdown, dict[str, str]] = weakref.WeakKeyDictionary()


def convert(md: markdown_lib.Markdown, text: str) -> str:
    """Return `md`'s HTML for `text`, converting each distinct text once per converter."""
    done = _CONVERTED.setdefault(md, {})
    if text not in done:
        done[text] = md.reset().convert(text)
    return done[text]


def plain_text(md: markdown_lib.Markdown, text: str) -> str:
    """Return inline Markdown as plain text ("Ask *one* person" -> "Ask one person")."""
    if not text:
        return ""
    rendered = convert(md, str(text))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


def escape(text: Any, *, quote: bool = True) -> str:
    """Escape author text for HTML or Markdown output, folded onto one line."""
    return html.escape(" ".join(str(text).split()), quote=quote)


def md_text(text: Any) -> str:
    """Escape author text for one line of generated Markdown (HTML and table pipes)."""
    return escape(text, quote=False).replace("|", "\\|")


def yaml_front(values: dict[str, Any]) -> str:
    """Return front-matter lines; JSON strings are valid YAML, so any text is safe."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())


def t(strings: dict[str, str], name: str, **values: Any) -> str:
    """Return UI string `name` with `{slot}`s filled; a missing string shows its name.

    Returns plain text: the templates escape it, and callers writing Markdown
    escape it with `md_text`.
    """
    text = strings.get(name) or name
    return re.sub(
        r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text
    )


def ui_strings(language: str, course_root: Path | None = None) -> dict[str, str]:
    """Return the UI strings for `language`, falling back to English per string.

    The engine's strings are generic; a course adds or rewords any of them in its own
    `strings/<language>.json` (in the folder holding docs/ and worksheets/). Per string:
    the engine's English, the course's English, the engine's language, the course's language.
    """
    layers = [STRINGS_DIR / "en.json"]
    if course_root is not None:
        layers.append(course_root / "strings" / "en.json")
    if language != "en":
        layers.append(STRINGS_DIR / f"{language}.json")
        if course_root is not None:
            layers.append(course_root / "strings" / f"{language}.json")
    from .fieldtypes import unit_strings  # here: the units import this module

    strings: dict[str, str] = {}
    for layer in layers:
        if layer.parent == STRINGS_DIR:
            # Field-type units bring their own words, under the course's.
            strings.update(unit_strings(layer.stem))
        if layer.is_file():
            strings.update(read_strings(layer))
    return strings


def read_strings(path: Path) -> dict[str, str]:
    """Return one strings file: a JSON object of names to text (a course's own is checked)."""
    from .errors import AuthorError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        line = getattr(err, "lineno", 1)
        raise AuthorError(
            str(path), line, "this strings file is not valid JSON", "a JSON object of names to text"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise AuthorError(str(path), 1, "a strings file maps names to text", '{"name": "words", …}')
    return data


def project_root(config: Any) -> Path:
    """Return the project root: the folder holding `docs/` and `worksheets/`.

    It is found from `docs_dir`, not from the config file, so a career
    center's own `mkdocs.yml` that INHERITs the course can live anywhere.
    """
    return Path(config.docs_dir).resolve().parent


def shown_path(config: Any, src_uri: str) -> str:
    """Return a docs file's path relative to the project root, for messages."""
    path = Path(config.docs_dir, src_uri).resolve()
    try:
        return path.relative_to(project_root(config)).as_posix()
    except ValueError:
        return path.as_posix()


def config_name(config: Any) -> str:
    """Return the config file's path as the author knows it (relative to the working folder)."""
    return shown_file(Path(getattr(config, "config_file_path", None) or "mkdocs.yml"))


def shown_file(path: Path) -> str:
    """Return a config file's path as the author knows it (relative to the working folder)."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def inherit_chain(config: Any) -> list[Path]:
    """Return the config file built, then the file it INHERITs, and so on to the course's own.

    The chain is followed as MkDocs does (each INHERIT relative to the file naming it); it
    stops at a file that cannot be read (left out) or that was already seen.
    """
    path, chain = Path(getattr(config, "config_file_path", None) or "mkdocs.yml"), []
    while path.resolve() not in {p.resolve() for p in chain}:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            break
        chain.append(path)
        parent = next((m.group(1) for text in lines if (m := _INHERIT.match(text))), "")
        if not parent:
            break
        path = path.parent / parent
    return chain


_INHERIT = re.compile(r"""^INHERIT\s*:\s*["']?([^"'#]*?)["']?\s*(?:#.*)?$""")
