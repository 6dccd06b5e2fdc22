"""The calendar file's TEXT values, checked in Node (`node --test tests/js/`).

`tests/js/ics.test.js` loads the engine's ics.js (hooks/coursemodel/assets/) as a page would and
checks that every SUMMARY, DESCRIPTION and calendar name holds only what RFC
5545 allows in TEXT: line breaks of every kind (VT, FF, NEL, U+2028, U+2029) as
`\\n`, other controls (NUL, DEL, C1) and lone surrogates dropped.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT


def test_calendar_text_is_rfc_5545_text_in_node():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Node.js (bin/test installs npm, which brings it)")
    done = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "js" / "ics.test.js")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout and "# pass 3" in done.stdout, done.stdout
