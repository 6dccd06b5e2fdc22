"""Links to the worksheet PDFs: each worksheet page, All worksheets and `worksheet-pdfs` markers.

Every PDF comes on two paper sizes: the center's default (`extra.course.paper`)
at `worksheets/pdf/<id>.pdf`, the other one under `worksheets/pdf/<size>/`.
The links name the default's size and offer the other beside it, so a learner
in the US can print on Letter and one elsewhere on A4 whatever the default.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .errors import AuthorError
from .text import md_text, ui_strings

PDF_DIR = "worksheets/pdf/"
WORKBOOK = "workbook.pdf"


def pdf_uri(worksheet_id: str, kind: str, paper_dir: str = "") -> str:
    """Return the site path of a worksheet's `blank` or `fillable` PDF, or of the workbook.

    `paper_dir` is "" for the default paper size, else `a4` or `letter`.
    """
    folder = PDF_DIR + (f"{paper_dir}/" if paper_dir else "")
    if kind == "workbook":
        return folder + WORKBOOK
    suffix = "-fillable" if kind == "fillable" else ""
    return f"{folder}{worksheet_id}{suffix}.pdf"


def _s(strings: dict, name: str) -> str:
    """Return UI string `name` (the course's strings; English ones for a bare dict in tests)."""
    return (strings or ui_strings("en"))[name]


def paper_label(paper: str, strings: dict) -> str:
    """Return a paper size's name for learners."""
    return _s(strings, f"pdf_paper_{paper}")


def _link(target: str, src_uri: str) -> str:
    """Return the relative Markdown link from page `src_uri` to site file `target`."""
    return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")


def _sizes(uri_of, published: dict[str, Path], src_uri: str, strings: dict, papers: tuple[str, str]) -> str:
    """Return " (A4) · [US Letter](…)": the default's size, then the other size when it was made."""
    default, other = papers
    if not default:
        return ""
    text = f" ({md_text(paper_label(default, strings))})"
    if other and uri_of(other) in published:
        text += f" · [{md_text(paper_label(other, strings))}]({_link(uri_of(other), src_uri)})"
    return text


def render_downloads(
    worksheet_id: str,
    published: dict[str, Path],
    src_uri: str,
    strings: dict,
    papers: tuple[str, str] = ("", ""),
) -> str:
    """Render the "print it or fill it in offline" block for one worksheet.

    `papers` is (default size, other size), e.g. ("a4", "letter"); empty when unknown.
    """
    heading = md_text(_s(strings, "pdf_heading"))
    kinds = [
        ("blank", worksheet_id, _s(strings, "pdf_blank")),
        ("fillable", worksheet_id, _s(strings, "pdf_fillable")),
    ]
    if pdf_uri("", "workbook") in published:
        kinds.append(("workbook", "", _s(strings, "pdf_workbook")))
    lines = []
    for kind, ws_id, text in kinds:
        target = _link(pdf_uri(ws_id, kind), src_uri)
        sizes = _sizes(lambda p, k=kind, w=ws_id: pdf_uri(w, k, p), published, src_uri, strings, papers)
        lines.append(f"- [{md_text(text)}]({target}){sizes}")
    body = "\n".join(lines)
    return (
        f'<div class="bb-downloads" data-pdfs="{worksheet_id}" markdown>\n\n'
        f"**{heading}**\n\n{body}\n\n</div>\n"
    )


def render_inline_downloads(
    worksheet_id: str,
    published: dict[str, Path],
    src_uri: str,
    strings: dict,
    papers: tuple[str, str] = ("", ""),
) -> str:
    """Render the one line under a worksheet a lesson places: "Print this worksheet (PDF): Blank · Fillable".

    The default paper size's two PDFs, then the other size's, as Markdown links (so MkDocs
    checks them); "" when this worksheet has no PDFs.
    """
    if pdf_uri(worksheet_id, "blank") not in published:
        return ""
    blank = md_text(_s(strings, "pdf_blank_short"))
    fillable = md_text(_s(strings, "pdf_fillable_short"))

    def pair(paper: str) -> str:
        """Return the blank and fillable links on one paper size ("" is the default)."""
        return (
            f"[{blank}]({_link(pdf_uri(worksheet_id, 'blank', paper), src_uri)}) · "
            f"[{fillable}]({_link(pdf_uri(worksheet_id, 'fillable', paper), src_uri)})"
        )

    default, other = papers
    line = f"**{md_text(_s(strings, 'pdf_module_heading'))}:** {pair('')}"
    if default:
        line += f" ({md_text(paper_label(default, strings))})"
    if other and pdf_uri(worksheet_id, "blank", other) in published:
        line += f" · {md_text(paper_label(other, strings))}: {pair(other)}"
    return line + "\n{ .bb-downloads-line }"


def render_index_downloads(
    titles: dict[str, str],
    published: dict[str, Path],
    src_uri: str,
    strings: dict,
    papers: tuple[str, str] = ("", ""),
) -> str:
    """Render the handouts section of All worksheets: the workbook, then each worksheet's PDFs."""
    heading = md_text(_s(strings, "pdf_index_heading"))
    workbook_text = md_text(_s(strings, "pdf_workbook"))
    blank = md_text(_s(strings, "pdf_blank_short"))
    fillable = md_text(_s(strings, "pdf_fillable_short"))
    default, other = papers
    lines = []
    for worksheet_id, title in titles.items():
        if pdf_uri(worksheet_id, "blank") not in published:
            continue
        line = (
            f"- {md_text(title)}: "
            f"[{blank}]({_link(pdf_uri(worksheet_id, 'blank'), src_uri)}) · "
            f"[{fillable}]({_link(pdf_uri(worksheet_id, 'fillable'), src_uri)})"
        )
        if default and other and pdf_uri(worksheet_id, "blank", other) in published:
            line += (
                f" · {md_text(paper_label(other, strings))}: "
                f"[{blank}]({_link(pdf_uri(worksheet_id, 'blank', other), src_uri)}) · "
                f"[{fillable}]({_link(pdf_uri(worksheet_id, 'fillable', other), src_uri)})"
            )
        lines.append(line)
    workbook = ""
    if pdf_uri("", "workbook") in published:
        sizes = _sizes(lambda p: pdf_uri("", "workbook", p), published, src_uri, strings, papers)
        link = _link(pdf_uri("", "workbook"), src_uri)
        workbook = f"[{workbook_text}]({link}){{ .md-button }}{sizes}\n\n"
    note = ""
    if default and other and pdf_uri("", "workbook", other) in published:
        note = _s(strings, "pdf_papers_note")
        note = md_text(note.replace("{paper}", paper_label(default, strings)))
        note = note.replace("{other}", md_text(paper_label(other, strings))) + "\n\n"
    body = "\n".join(lines)
    return (
        f'<div class="bb-downloads bb-downloads--index" data-pdfs="all" markdown>\n\n'
        f"## {heading}\n\n{note}{workbook}{body}\n\n</div>\n"
    )


def replace(
    match: re.Match[str],
    src_uri: str,
    published: dict[str, Path],
    strings: dict,
    titles: dict[str, str] | None = None,
    papers: tuple[str, str] = ("", ""),
) -> str:
    """Render one `worksheet-pdfs` marker; nothing when PDFs are off, an error for an unknown id."""
    name = match.group(1)
    if not published:
        return ""
    if name == "workbook":
        text = md_text(_s(strings, "pdf_workbook"))
        sizes = _sizes(lambda p: pdf_uri("", "workbook", p), published, src_uri, strings, papers)
        return f"[{text}]({_link(pdf_uri('', 'workbook'), src_uri)}){sizes}"
    if pdf_uri(name, "blank") not in published:
        line = match.string[: match.start()].count("\n") + 1
        known = ", ".join(["workbook", *sorted(titles or {})])
        problem = f"no worksheet `{name}` for `worksheet-pdfs`"
        raise AuthorError(f"docs/{src_uri}", line, problem, f"allowed: {known}")
    return render_downloads(name, published, src_uri, strings, papers)
