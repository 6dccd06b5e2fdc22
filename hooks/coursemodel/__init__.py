"""The course model: one validated description of the course, built once per build.

Hooks and scripts read it; nothing re-reads a course file or parses rendered
HTML to find out what the course holds. Import it by its plain name
(`import coursemodel`): MkDocs puts `hooks/` on the path when it loads a hook,
and the tests do the same, so there is one copy of it in a process.

- `model`: the data classes (Course, Module, Worksheet, Section, Field, …).
- `keys`: storage keys and names (the browser's twin is store.js).
- `formats`, `worksheets`, `modules`, `pages`, `load`: files → validated model.
- `render` and `templates/`: the markup made from it; `browser`: the data the scripts read.
- `state`: the one object per build that hooks share.
"""

from .errors import AuthorError
from .load import load_course
from .model import Choice, Column, Course, Field, Module, Page, Placement, Section, Source, Worksheet
from .state import build_of, course_of

__all__ = [
    "AuthorError",
    "Choice",
    "Column",
    "Course",
    "Field",
    "Module",
    "Page",
    "Placement",
    "Section",
    "Source",
    "Worksheet",
    "build_of",
    "course_of",
    "load_course",
]
