"""Fillable PDFs: repair the form fields WeasyPrint writes so every PDF reader can fill them.

`handouts.render_pdf` passes each fillable PDF through `repair_form_fields`;
it works on the PDF's bytes with pypdf and knows nothing of the course.
"""

from __future__ import annotations

import io
import re
from typing import Any


def repair_form_fields(data: bytes) -> bytes:
    """Give a WeasyPrint form one field per question, with unique names, readable everywhere.

    WeasyPrint names each radio button like its group, lists it both inside its
    group and as a top-level field, starts a new group on each page and calls
    the options `/0`, `/1`…; and a dotted name (`went-well.0`) is not a valid
    partial field name. Here every radio group becomes one parent field (even
    across pages) whose kids are unnamed widgets with an on-state named after
    the option (`/final-round`), and dotted names become a field hierarchy, so
    a reader shows `went-well.0` as field `0` of `went-well`. Each radio button
    gets both appearances (a dot for its option, an empty one for `/Off`), so a
    reader that draws from `/AS` (poppler, once a form is filled) shows the choice.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    acroform = writer.root_object.get("/AcroForm")
    if acroform is None:
        return data
    acroform = acroform.get_object()

    groups: dict[str, Any] = {}
    terminals: list[tuple[str, Any]] = []
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            widget = ref.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            parent = widget.get("/Parent")
            if parent is None:
                terminals.append((str(widget.get("/T", "")), ref))
                continue
            parent = parent.get_object()
            name = str(parent.get("/T", ""))
            options = [str(option) for option in parent.get("/Opt", [])]
            normal = widget["/AP"]["/N"]
            old = next(key for key in list(normal.keys()) if key != "/Off")
            index = old[1:]
            value = options[int(index)] if index.isdigit() and int(index) < len(options) else index
            state = NameObject("/" + re.sub(r"[^A-Za-z0-9_.-]", "-", value))
            normal.pop(old)
            _radio_appearances(widget, normal, state, writer)
            checked = widget.get("/AS") == old
            widget[NameObject("/AS")] = state if checked else NameObject("/Off")
            for key in ("/T", "/TU"):
                if key in widget:
                    del widget[key]
            group_ref = groups.get(name)
            if group_ref is None:
                group = DictionaryObject(
                    {
                        NameObject("/FT"): NameObject("/Btn"),
                        NameObject("/Ff"): NumberObject((1 << 14) + (1 << 15)),
                        NameObject("/T"): TextStringObject(name),
                        NameObject("/V"): NameObject("/Off"),
                        NameObject("/Kids"): ArrayObject(),
                    }
                )
                if "/TU" in parent:
                    group[NameObject("/TU")] = parent["/TU"]
                group_ref = groups[name] = writer._add_object(group)
                terminals.append((name, group_ref))
            group = group_ref.get_object()
            group["/Kids"].append(ref)
            if checked:
                group[NameObject("/V")] = state
            widget[NameObject("/Parent")] = group_ref

    for _name, ref in terminals:
        _tidy_appearance(ref.get_object(), writer)
    _add_zapf_dingbats(acroform, writer)

    fields = ArrayObject()
    nodes: dict[str, Any] = {}
    used: set[str] = set()
    for name, ref in terminals:
        base, number = name or "field", 1
        while name in used or not name:
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        parts = name.split(".")
        parent_ref = None
        for depth in range(len(parts) - 1):
            prefix = ".".join(parts[: depth + 1])
            if prefix not in nodes:
                node = DictionaryObject(
                    {NameObject("/T"): TextStringObject(parts[depth]), NameObject("/Kids"): ArrayObject()}
                )
                node_ref = nodes[prefix] = writer._add_object(node)
                if parent_ref is None:
                    fields.append(node_ref)
                else:
                    node[NameObject("/Parent")] = parent_ref
                    parent_ref.get_object()["/Kids"].append(node_ref)
            parent_ref = nodes[prefix]
        obj = ref.get_object()
        obj[NameObject("/T")] = TextStringObject(parts[-1])
        if parent_ref is None:
            fields.append(ref)
        else:
            obj[NameObject("/Parent")] = parent_ref
            parent_ref.get_object()["/Kids"].append(ref)
    acroform[NameObject("/Fields")] = fields
    _drop_orphans(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _radio_appearances(widget: Any, normal: Any, state: Any, writer: Any) -> None:
    """Give one radio button its two looks: a centred dot when on, nothing when `/Off`.

    The ring itself is drawn on the page (handout.css), so it shows in every
    reader, filled in or not. WeasyPrint's own on-look filled the whole ring and
    had no `/Off` look, which some readers need to switch between the two.
    """
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    x1, y1, x2, y2 = (float(value) for value in widget["/Rect"])
    width, height = abs(x2 - x1), abs(y2 - y1)
    looks = {state: _dot(width, height), NameObject("/Off"): b""}
    for name, content in looks.items():
        stream = DecodedStreamObject()
        stream.set_data(content)
        stream[NameObject("/Type")] = NameObject("/XObject")
        stream[NameObject("/Subtype")] = NameObject("/Form")
        stream[NameObject("/BBox")] = ArrayObject(
            [FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]
        )
        normal[name] = writer._add_object(stream)


def _dot(width: float, height: float) -> bytes:
    """Return the content stream of a filled circle in the middle of a `width` × `height` box."""
    cx, cy, r = width / 2, height / 2, min(width, height) * 0.3
    k = r * 0.5523  # control-point distance that makes four Bézier curves a circle
    path = [
        f"{cx + r:.3f} {cy:.3f} m",
        f"{cx + r:.3f} {cy + k:.3f} {cx + k:.3f} {cy + r:.3f} {cx:.3f} {cy + r:.3f} c",
        f"{cx - k:.3f} {cy + r:.3f} {cx - r:.3f} {cy + k:.3f} {cx - r:.3f} {cy:.3f} c",
        f"{cx - r:.3f} {cy - k:.3f} {cx - k:.3f} {cy - r:.3f} {cx:.3f} {cy - r:.3f} c",
        f"{cx + k:.3f} {cy - r:.3f} {cx + r:.3f} {cy - k:.3f} {cx + r:.3f} {cy:.3f} c",
    ]
    return ("0.067 g\n" + "\n".join(path) + "\nf\n").encode("ascii")


def _tidy_appearance(field: Any, writer: Any) -> None:
    """Make a field's look something every reader can redraw.

    WeasyPrint's default appearance string starts with a graphics-state
    operator (`/a1.0 gs`) that a DA may not hold (poppler then rejects it), and
    its ticks and dots carry no caption, so readers that redraw them draw
    nothing. Give checkboxes a check and radio buttons a dot (ZapfDingbats),
    sized to the box (poppler draws a size-0 "auto" caption barely visible),
    and every checkbox an empty `/Off` look beside its tick.
    """
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    widgets = [kid.get_object() for kid in field.get("/Kids", [])] or [field]
    for widget in [field, *widgets]:
        if "/DA" in widget:
            widget[NameObject("/DA")] = TextStringObject(re.sub(r"/\S+\s+gs\s*", "", str(widget["/DA"])))
    if field.get("/FT") != "/Btn":
        return
    radio = bool(int(field.get("/Ff", 0)) & (1 << 15))
    for widget in widgets:
        mk = widget.get("/MK")
        mk = mk.get_object() if mk is not None else DictionaryObject()
        mk[NameObject("/CA")] = TextStringObject("l" if radio else "4")
        widget[NameObject("/MK")] = mk
        x1, y1, x2, y2 = (float(value) for value in widget["/Rect"])
        # The dot fills about half the ring, the tick most of the box (ZapfDingbats glyphs are ~0.8 em).
        size = min(abs(x2 - x1), abs(y2 - y1)) * (0.6 if radio else 0.85)
        widget[NameObject("/DA")] = TextStringObject(f"/ZaDb {size:.1f} Tf 0 g")
        appearance = widget.get("/AP")
        normal = appearance.get_object().get("/N") if appearance is not None and not radio else None
        normal = normal.get_object() if normal is not None else None
        if normal is not None and "/Off" not in normal:
            off = DecodedStreamObject()
            off[NameObject("/Type")] = NameObject("/XObject")
            off[NameObject("/Subtype")] = NameObject("/Form")
            off[NameObject("/BBox")] = ArrayObject(
                [FloatObject(0), FloatObject(0), FloatObject(abs(x2 - x1)), FloatObject(abs(y2 - y1))]
            )
            normal[NameObject("/Off")] = writer._add_object(off)


def _add_zapf_dingbats(acroform: Any, writer: Any) -> None:
    """Name ZapfDingbats `/ZaDb` in the form's resources, for the tick and dot captions."""
    from pypdf.generic import DictionaryObject, NameObject

    resources = acroform.get("/DR")
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    if "/ZaDb" not in fonts:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/ZapfDingbats"),
            }
        )
        fonts[NameObject("/ZaDb")] = writer._add_object(font)
    resources[NameObject("/Font")] = fonts


def _drop_orphans(writer: Any) -> None:
    """Leave WeasyPrint's replaced radio groups out of the file (the keyword changed in pypdf 7)."""
    compress = getattr(writer, "compress_identical_objects", None)
    if compress is None:
        return
    from pypdf.errors import DeprecationError

    try:
        compress(remove_duplicates=False, remove_unreferenced=True)
    except (TypeError, DeprecationError):
        compress(remove_identicals=False, remove_orphans=True)
