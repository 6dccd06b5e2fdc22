"""Settings of one build, typed: what the `bounce-back` plugin's options say.

They are read once, in the plugin's `on_config`, and kept on the build's state
(`Build.options`); no step reads an environment variable. A course that wants an
environment override writes `!ENV` in its `mkdocs.yml`, as the flagship does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.base import BaseConfigOption, ValidationError

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off", ""}


@dataclass(frozen=True)
class BuildOptions:
    """One build's switches."""

    pdf: bool = True
    pdf_paper: str = ""  # "", "a4" or "letter": over `extra.course.paper` for this build
    pdf_cache: str = ".cache/pdfs"
    minify: bool = True
    scorm: bool = False
    staff_pages: bool | None = None  # None: `extra.course.staff_pages.include` decides
    offline: bool = False
    command: str = "build"  # "serve" for a preview

    @property
    def preview(self) -> bool:
        """Return True for `mkdocs serve`: a local preview, never deployed."""
        return self.command == "serve"


def to_flag(value: Any) -> bool:
    """Return `value` as a yes/no: a YAML boolean, or true/false, 1/0, yes/no, on/off as text."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(text)


class Flag(BaseConfigOption[Any]):
    """A yes/no option that also accepts the words an environment variable carries ("false", "0")."""

    def __init__(self, default: bool | None = None) -> None:
        """Keep the default (None: not set)."""
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool | None:
        """Return the value as a bool, or say which words are allowed."""
        if value is None:
            return self.default
        try:
            return to_flag(value)
        except ValueError:
            raise ValidationError(f"{value!r} is not yes or no; write true or false") from None
