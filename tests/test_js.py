"""The pure parts of our JavaScript, under Node's own test runner (tests/js/*.test.mjs).

Messages, dates, calendar text and the store's records run without a browser: the
harness loads the same engine scripts the build bundles into a small stand-in page.
The browser tier still tests them in place.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT


def test_node_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Debian's nodejs (bin/test does when run as root)")
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert len(files) >= 3, files
    run = subprocess.run(
        [node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    summary = [line for line in run.stdout.splitlines() if line.startswith(("# pass", "# fail", "not ok"))]
    assert run.returncode == 0, "\n".join(summary) + "\n" + run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout, summary
