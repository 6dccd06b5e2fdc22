"""The GitHub Pages workflow, run here step by step: what it would publish has the site, handouts and bundles.

`.github/workflows/pages.yml` is read as GitHub reads it. Every `run:` step of the build job
runs in a fresh copy of the repository with the runner's shell (`bash -eo pipefail`) and the
step's `env:`; a step that fails fails the test with its output. The `actions/*` steps are
replaced by what they do on a runner: `checkout` is the copy, `setup-python` puts the base
Python of this environment (a bare interpreter, no packages) first on PATH, and
`upload-pages-artifact` names the folder this test then checks. Any other `uses:` step, or a
step key the test does not know, fails the test, so the workflow cannot grow a step that is
never tried here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# What a fresh checkout does not have (environments, installed helpers, builds, caches).
SKIP = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", "dist", ".cache", "gallery", "__pycache__", "*.egg-info"
)
RUN_KEYS = {"run", "env", "name", "working-directory"}
USES_KEYS = {"uses", "with", "name", "id"}
MINE = {"VIRTUAL_ENV", "PYTHONPATH", "OFFLINE", "SCORM"}


def load_workflow() -> dict:
    """Read the workflow file (PyYAML reads GitHub's `on:` key as True; it is not used here)."""
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def setup_python(folder: Path, version: str) -> Path:
    """Do what actions/setup-python does: a bare `python`/`python3` of this machine first on PATH."""
    base = Path(getattr(sys, "_base_executable", sys.executable))
    found = subprocess.run(
        [str(base), "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert found == version, f"the workflow asks for Python {version}; this machine's is {found}"
    folder.mkdir()
    for name in ("python", "python3"):
        (folder / name).symlink_to(base)
    return folder


def expression(value: str) -> str:
    """Evaluate the one kind of expression a step's env may hold: a repository variable, unset here."""
    value = re.sub(r"\$\{\{\s*vars\.[A-Za-z_]+\s*\}\}", "", value)
    assert "${{" not in value, f"expressions other than `vars.*` are not evaluated here: {value}"
    return value


def run_step(step: dict, repo: Path, env: dict[str, str], number: int) -> None:
    """Run one `run:` step as the runner would; fail with its output when it fails."""
    unknown = set(step) - RUN_KEYS
    assert not unknown, f"step {number}: this test does not know {sorted(unknown)}; teach it"
    script = step["run"]
    assert "${{" not in script, f"step {number}: expressions are not evaluated here: {script}"
    step_env = {**env, **{key: expression(str(value)) for key, value in (step.get("env") or {}).items()}}
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=repo / step.get("working-directory", "."),
        env=step_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        pytest.fail(
            f"workflow step {number} failed (exit {done.returncode}): {script}\n"
            f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}"
        )


def run_build_job(workflow: dict, repo: Path, tmp: Path) -> Path:
    """Run the build job's steps in `repo`; return the folder the artefact step would upload."""
    # The runner's environment: none of the build switches the test session sets (COURSE_PDF=false).
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_") and k not in MINE}
    env.update(CI="true", GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(repo))
    # What GitHub sets on every runner (a fork of Jo's); `vars.SITE_URL` unset is an empty string.
    env.update(GITHUB_REPOSITORY="Jo/bounce-back", GITHUB_REPOSITORY_OWNER="Jo")
    artefact = None
    for number, step in enumerate(workflow["jobs"]["build"]["steps"], start=1):
        if "run" in step:
            run_step(step, repo, env, number)
            continue
        unknown = set(step) - USES_KEYS
        assert not unknown, f"step {number}: this test does not know {sorted(unknown)}; teach it"
        action = step["uses"].split("@")[0]
        if action == "actions/checkout":
            continue  # the copy of the repository is the checkout
        if action == "actions/setup-python":
            python = setup_python(tmp / "python", str(step["with"]["python-version"]))
            env["PATH"] = f"{python}{os.pathsep}{env['PATH']}"
        elif action == "actions/upload-pages-artifact":
            artefact = repo / step["with"]["path"]
        else:
            pytest.fail(f"step {number}: `uses: {step['uses']}` has no stand-in in this test; add one")
    assert artefact is not None, "the build job uploads no Pages artefact"
    return artefact


def test_the_pages_workflow_publishes_the_site_handouts_and_bundles(tmp_path):
    workflow = load_workflow()
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    # Deploying is GitHub's own action on the uploaded artefact: nothing of ours runs there.
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]

    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=SKIP)
    # An unedited fork: mkdocs.yml keeps the preview address; the workflow finds the Pages one.
    assert "127.0.0.1" in (repo / "mkdocs.yml").read_text(encoding="utf-8")
    site = run_build_job(workflow, repo, tmp_path)

    assert (site / "index.html").is_file() and (site / "404.html").is_file()
    # The address the handouts and the sitemap carry is the fork's Pages address.
    assert "https://jo.github.io/bounce-back/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "_headers").is_file(), "the security headers file for static hosts"
    data = json.loads((site / "assets" / "bounce-back" / "course-data.json").read_text(encoding="utf-8"))
    pdfs = {p.name: p for p in (site / "worksheets" / "pdf").rglob("*.pdf")}
    for ws_id in data["worksheets"]:
        for name in (f"{ws_id}.pdf", f"{ws_id}-fillable.pdf"):
            assert name in pdfs, f"handout {name} is not in the published site"
            assert pdfs[name].read_bytes()[:5] == b"%PDF-", name
    assert "workbook.pdf" in pdfs
    page = (site / "worksheets" / "index.html").read_text(encoding="utf-8")
    assert "workbook.pdf" in page, "All worksheets links the workbook"

    course_id = data["id"]
    downloads = site / "downloads"
    with zipfile.ZipFile(downloads / f"{course_id}-offline.zip") as offline:
        names = set(offline.namelist())
        assert f"{course_id}/index.html" in names
        assert any(n.startswith(f"{course_id}/worksheets/pdf/") for n in names), "handouts in the zip"
    for kind in ("scorm2004", "scorm12"):
        with zipfile.ZipFile(downloads / f"{course_id}-{kind}.zip") as package:
            names = set(package.namelist())
            assert {"imsmanifest.xml", "scorm.html", "index.html"} <= names, kind
