"""Bounce Back benchmarks: build overhead, scaling, PDFs, asset weight, restore time, Lighthouse.

Run from the project root:  .venv/bin/python benchmarks/bench.py [--runs 5] [--skip lighthouse,pdf]

Prints one table (measure, result, goal, verdict). These are measurements, not
tests: nothing here fails CI. See benchmarks/README.md for the last recorded run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COURSE_PDF": "false"}

# Times `runs` builds of one config in a fresh interpreter, after one warm-up build
# (so imports and Jinja template compilation are not counted against either side).
TIMER = """
import json, sys, time, logging
logging.disable(logging.WARNING)
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for i in range(runs + 1):
    config = load_config(config_file, site_dir=site_dir)
    start = time.perf_counter()
    build(config)
    times.append(time.perf_counter() - start)
print(json.dumps(times[1:]))
"""


def timed_builds(config_file: Path, runs: int, env: dict | None = None) -> list[float]:
    """Build `config_file` `runs` times in one subprocess; return the seconds of each build."""
    with tempfile.TemporaryDirectory() as site:
        done = subprocess.run(
            [PY, "-c", TIMER, str(config_file), site, str(runs)],
            cwd=config_file.parent,
            env=env or ENV,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode:
        raise RuntimeError(f"build of {config_file} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Wraps every hook event handler with a timer, builds twice, reports the second build.
HOOK_TIMER = """
import collections, functools, json, logging, sys, time
logging.disable(logging.WARNING)
from mkdocs.commands.build import build
from mkdocs.config import load_config
spent = collections.Counter()
def run():
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            code = getattr(method, "__code__", None)
            if code and "/hooks/" in code.co_filename:
                key = code.co_filename.split("/hooks/")[1] + " on_" + event
                def timed(*a, _m=method, _k=key, **k):
                    start = time.perf_counter()
                    try:
                        return _m(*a, **k)
                    finally:
                        spent[_k] += time.perf_counter() - start
                methods[i] = functools.wraps(method)(timed)
    build(config)
run()
spent.clear()
run()
print(json.dumps(spent.most_common(4)))
"""


def hook_breakdown(config_file: Path) -> list[tuple]:
    """Return the slowest hook event handlers of one full build."""
    with tempfile.TemporaryDirectory() as site:
        done = subprocess.run(
            [PY, "-c", HOOK_TIMER, str(config_file), site],
            cwd=config_file.parent,
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        )
    slowest = json.loads(done.stdout.strip().splitlines()[-1])
    return [(f"  of which {name}", f"{seconds * 1000:.0f} ms", "", "") for name, seconds in slowest]


# Prints `extra` as the hooks' on_config handlers leave it, as JSON (valid YAML).
EXTRA_DUMP = """
import json, logging, sys
logging.disable(logging.WARNING)
from mkdocs.config import load_config
config = load_config(sys.argv[1])
config = config.plugins.on_config(config)
print(json.dumps(dict(config.extra), default=str))
"""


def without_hooks(text: str) -> str:
    """Return mkdocs.yml text without the engine: its `bounce-back` plugin entry removed (markers stay)."""
    return re.sub(r"^  - bounce-back:\n(?:[ \t]{6,}.*\n)*", "", text, flags=re.M)


def bench_hook_overhead(runs: int) -> list[tuple]:
    """Full-site build with our hooks ÷ the same content without them (PDFs off)."""
    config = ROOT / "mkdocs.yml"
    bare = ROOT / ".bench-no-hooks.yml"
    text = config.read_text(encoding="utf-8")
    # Our templates read `extra.course` as hooks/course.py completes it (strings, ids…);
    # give the hook-less build that finished value, so only the hooks' work is missing.
    extra = (
        subprocess.run(
            [PY, "-c", EXTRA_DUMP, str(config)], cwd=ROOT, env=ENV, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    bare_text = re.sub(r"^extra:\n(?:[ \t]+.*\n|[ \t]*#.*\n|\n)*", "", without_hooks(text), flags=re.M)
    bare_text += f"\nextra: {extra}\n"
    bare.write_text(bare_text, encoding="utf-8")
    try:
        with_hooks = timed_builds(config, runs)
        no_hooks = timed_builds(bare, runs)
    finally:
        bare.unlink()
    ratio = statistics.median(with_hooks) / statistics.median(no_hooks)
    return [
        ("Full build, with hooks (median)", f"{statistics.median(with_hooks) * 1000:.0f} ms", "", ""),
        ("Full build, hooks removed (median)", f"{statistics.median(no_hooks) * 1000:.0f} ms", "", ""),
        *hook_breakdown(config),
        ("Build time ratio, hooks ÷ no hooks", f"{ratio:.2f}", "≤ 1.10", verdict(ratio <= 1.10)),
    ]


GEN_MODULE = """---
number: {n}
title: Generated module {n}
minutes: 10
description: Generated module {n} for the scaling benchmark.
objectives: [Fill in worksheet {n}]
takeaways: [Worksheet {n} is done]
sources: [nexgoal]
---

Some text for module {n}, with a list:

- one
- two

<!-- worksheet: gen-{n} -->
"""

GEN_WORKSHEET = """title: Generated worksheet {n}
minutes: 5
sections:
  - title: Questions
    fields:
      - id: name
        type: text
        label: Your name
      - id: story
        type: textarea
        label: What happened?
      - id: mood
        type: scale
        label: How do you feel?
      - id: next
        type: choice
        label: What next?
        options: [Rest, Apply again, Ask for feedback]
      - id: todo
        type: checklist
        label: To do
        items: [Thank them, Update CV]
"""


def make_project(folder: Path, modules: int = 0, worksheet_fields: int = 0) -> Path:
    """Make a course that shares our config, hooks, templates and assets, with generated content."""
    folder.mkdir(parents=True, exist_ok=True)
    nav = "nav:\n  - Start here: index.md\n  - Modules:\n      - modules/*.md\n\n"
    text = re.sub(
        r"^nav:\n(?:[ \t]+.*\n|\n)*", nav, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), flags=re.M
    )
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    (folder / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    docs = folder / "docs"
    (docs / "modules").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "sources.yml", docs / "sources.yml")
    (docs / "index.md").write_text(
        "---\ndescription: Generated course.\n---\n\n# Start\n\nHello.\n", encoding="utf-8"
    )
    sheets = folder / "worksheets"
    sheets.mkdir()
    for n in range(1, modules + 1):
        (docs / "modules" / f"{n:03d}-gen.md").write_text(GEN_MODULE.format(n=n), encoding="utf-8")
        (sheets / f"gen-{n}.yml").write_text(GEN_WORKSHEET.format(n=n), encoding="utf-8")
    if worksheet_fields:
        fields = "".join(
            f"      - id: f{i}\n        type: {kind}\n        label: Field {i}\n"
            for i, kind in ((i, "textarea" if i % 4 == 0 else "text") for i in range(worksheet_fields))
        )
        (sheets / "big.yml").write_text(
            f"title: Big worksheet\nsections:\n  - title: All\n    fields:\n{fields}", encoding="utf-8"
        )
    if not modules:
        (docs / "modules" / "001-gen.md").write_text(
            GEN_MODULE.format(n=1).replace("gen-1", "big"), encoding="utf-8"
        )
    return folder


def bench_scaling(runs: int) -> list[tuple]:
    """Build 10, 100 and 500 generated modules (one worksheet each); ms per built page."""
    rows, per_page = [], []
    for count in (10, 100, 500):
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp) / "course", modules=count)
            seconds = statistics.median(timed_builds(project / "mkdocs.yml", max(1, runs // 2)))
            with tempfile.TemporaryDirectory() as site:
                subprocess.run(
                    [PY, "-m", "mkdocs", "build", "-q", "-d", site],
                    cwd=project,
                    env=ENV,
                    check=True,
                    capture_output=True,
                )
                pages = len(list(Path(site).rglob("*.html")))
        per_page.append(seconds * 1000 / pages)
        rows.append(
            (
                f"{count} modules + {count} worksheets: {pages} pages",
                f"{seconds:.2f} s, {per_page[-1]:.1f} ms/page",
                "flat",
                "",
            )
        )
    growth = per_page[-1] / per_page[0]
    rows.append(("ms/page at 500 ÷ at 10", f"{growth:.2f}", "≤ 1.5 (flat)", verdict(growth <= 1.5)))
    return rows


def bench_pdfs() -> list[tuple]:
    """PDF time per worksheet: a cold cache, then a warm one (PDF build minus a no-PDF build)."""
    if not (ROOT / "hooks" / "coursemodel" / "steps" / "pdfs.py").exists():
        return [("PDF per worksheet", "n/a (no PDF hook yet)", "", "")]
    worksheets = len(list((ROOT / "worksheets").glob("*.yml")))
    with tempfile.TemporaryDirectory() as cache:
        env = {**ENV, "COURSE_PDF": "true", "COURSE_PDF_CACHE": cache}
        base = statistics.median(timed_builds(ROOT / "mkdocs.yml", 1))
        cold = _single_build(ROOT / "mkdocs.yml", env)
        warm = statistics.median(timed_builds(ROOT / "mkdocs.yml", 2, env))
    return [
        (
            f"PDFs, cold cache ({worksheets} worksheets)",
            f"{(cold - base) / worksheets * 1000:.0f} ms/worksheet",
            "",
            "",
        ),
        ("PDFs, cached", f"{max(warm - base, 0) / worksheets * 1000:.1f} ms/worksheet", "", ""),
    ]


def _single_build(config_file: Path, env: dict) -> float:
    """Time one cold build (no warm-up, so the PDF cache really starts empty) in-process."""
    script = TIMER.replace("range(runs + 1)", "range(runs)").replace("times[1:]", "times")
    with tempfile.TemporaryDirectory() as site:
        done = subprocess.run(
            [PY, "-c", script, str(config_file), site, "1"],
            cwd=config_file.parent,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout.strip().splitlines()[-1])[0]


ASSET_PAGES = {
    "Start page": "index.html",
    "Module 3": "modules/03-debrief/index.html",
    "My plan": "plan/index.html",
}
ASSET_REF = re.compile(
    r"""<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]*assets/bounce-back/[^"?#]+\.(?:js|css))"""
)
# Every stylesheet and script a page links (Material's and ours), for the page's whole weight.
ANY_REF = re.compile(
    r"""<(?:script[^>]*\bsrc|link[^>]*\brel="stylesheet"[^>]*\bhref)="([^"?#:]+\.(?:js|css))"""
)
# What the page's own scripts read of the course data, as JSON in its <head> (steps/pageassets.py).
PAGE_DATA = re.compile(r'<script type="application/json" id="bb-page-data">(.*?)</script>', re.S)
PAGE_GOAL_KB = 15


def loaded_by(site: Path, page_path: str) -> list[Path]:
    """Return our files a page loads: those its HTML links (a page links every feature it uses)."""
    folder = site / "assets" / "bounce-back"
    text = (site / page_path).read_text(encoding="utf-8")
    names = {ref.rsplit("/", 1)[1] for ref in ASSET_REF.findall(text)}
    return [folder / name for name in sorted(names)]


def page_data_bytes(site: Path, page_path: str) -> int:
    """Return the gzipped bytes of the course data a page carries in its <head> (0 when none)."""
    found = PAGE_DATA.search((site / page_path).read_text(encoding="utf-8"))
    return len(gzip.compress(found.group(1).encode("utf-8"), 9)) if found else 0


def page_total(site: Path, page_path: str) -> int:
    """Return a page's first-load weight, gzipped file by file: its HTML and every CSS and JS it links."""
    page = site / page_path
    text = page.read_text(encoding="utf-8")
    files = {(page.parent / ref).resolve() for ref in ANY_REF.findall(text)}
    return len(gzip.compress(text.encode("utf-8"), 9)) + gzipped(sorted(p for p in files if p.is_file()))


def gzipped(paths: list[Path]) -> int:
    """Return the bytes of the files gzipped one by one, as a host sends them."""
    return sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)


def build_both(tmp: Path) -> tuple[Path, Path]:
    """Build the course and stock Material from the same Markdown into `tmp`; return both site folders."""
    site, stock = tmp / "site", tmp / "stock"
    subprocess.run(
        [PY, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
    )
    # Beside mkdocs.yml, so docs_dir and the rest resolve as they do for the course.
    stock_config = ROOT / ".bench-stock-material.yml"
    stock_config.write_text(stock_material_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), "utf-8")
    try:
        subprocess.run(
            [PY, "-m", "mkdocs", "build", "-q", "-f", str(stock_config), "-d", str(stock)],
            cwd=ROOT,
            env=ENV,
            check=True,
            capture_output=True,
        )
    finally:
        stock_config.unlink()
    return site, stock


def bench_module_weight() -> list[tuple]:
    """Per module page: our JS + CSS (and page data) gzipped, and the whole page against stock Material's."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site, stock = build_both(Path(tmp))
        ratios = []
        for page in sorted((site / "modules").glob("*/index.html")):
            path = page.relative_to(site).as_posix()
            ours = gzipped(loaded_by(site, path))
            data = page_data_bytes(site, path)
            total = page_total(site, path)
            bare = page_total(stock, path) if (stock / path).exists() else 0
            ratios.append(total / bare if bare else 0)
            rows.append(
                (
                    f"  {page.parent.name}: our JS + CSS (+ page data) · page total ours / stock",
                    f"{ours / 1024:.1f} KB (+ {data / 1024:.1f}) · {total / 1024:.1f} / {bare / 1024:.1f} KB"
                    + (f" = {total / bare:.2f}" if bare else ""),
                    f"≤ {PAGE_GOAL_KB} KB",
                    verdict(ours + data <= PAGE_GOAL_KB * 1024),
                )
            )
    good = [r for r in ratios if r]
    head = (
        "Module pages, gzipped (HTML + every CSS/JS linked), median ratio ours ÷ stock Material",
        f"{statistics.median(good):.2f}" if good else "n/a",
        "",
        "",
    )
    return [head, *rows]


def bench_asset_bytes() -> list[tuple]:
    """Bytes of our JS and CSS as built (bundled and minified by hooks/assets.py), gzipped, and per page."""
    with tempfile.TemporaryDirectory() as site:
        subprocess.run(
            [PY, "-m", "mkdocs", "build", "-q", "-d", site],
            cwd=ROOT,
            env=ENV,
            check=True,
            capture_output=True,
        )
        folder = Path(site) / "assets" / "bounce-back"
        ours = sorted(p for p in folder.rglob("*") if p.suffix in (".js", ".css"))
        raw = sum(p.stat().st_size for p in ours)
        each = gzipped(ours)
        per_page = []
        for label, path in ASSET_PAGES.items():
            files = loaded_by(Path(site), path)
            size = gzipped(files)
            per_page.append(
                (
                    f"  loaded by {label} ({len(files)} files), gzipped",
                    f"{size / 1024:.1f} KB",
                    f"≤ {PAGE_GOAL_KB} KB",
                    verdict(size <= PAGE_GOAL_KB * 1024),
                )
            )
    return [
        (
            f"Our JS + CSS ({len(ours)} files, as shipped: bundled, minified), raw",
            f"{raw / 1024:.1f} KB",
            "",
            "",
        ),
        ("Our JS + CSS, all files, gzipped file by file", f"{each / 1024:.1f} KB", "", ""),
        *per_page,
    ]


RESTORE_PROBE = """
(() => {
  const name = '%s';
  let t0 = null;
  document.addEventListener('DOMContentLoaded', () => { t0 = performance.now(); }, true);
  document.addEventListener('bb:restored', () => { window.__bbRestoredEvent = performance.now() - t0; });
  const poll = () => {
    const last = document.querySelector('[name="' + name + '"]');
    if (t0 !== null && last && last.value === 'answer ' + name) {
      window.__bbRestored = performance.now() - t0;
    } else { setTimeout(poll, 0); }
  };
  setTimeout(poll, 0);
})();
"""


def bench_restore(runs: int) -> list[tuple]:
    """Time from DOMContentLoaded until the last of 200 fields shows its saved answer."""
    from playwright.sync_api import sync_playwright

    fields = 200
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "course", worksheet_fields=fields)
        site = Path(tmp) / "site"
        subprocess.run(
            [PY, "-m", "mkdocs", "build", "-q", "-d", str(site)],
            cwd=project,
            env=ENV,
            check=True,
            capture_output=True,
        )
        server, base = _serve(site)
        answers = {f"f{i}": f"answer f{i}" for i in range(fields)}
        stored = json.dumps({"v": 1, "answers": answers, "updated": "2026-01-01T00:00:00Z"})
        emits = "bb:restored" in (ROOT / "hooks" / "coursemodel" / "assets" / "worksheets.js").read_text()
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "worksheets/big/")
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["bb:bounce-back:ws:big", stored])
            page.add_init_script(RESTORE_PROBE % f"f{fields - 1}")
            for _ in range(runs + 1):
                page.goto(base + "worksheets/big/")
                page.wait_for_function("window.__bbRestored !== undefined", timeout=10000)
                times.append(page.evaluate("window.__bbRestored"))
            browser.close()
        server.shutdown()
    median = statistics.median(times[1:])
    how = "bb:restored event" if emits else "poll until the last field shows its value"
    return [
        (
            f"Restore {fields}-field worksheet ({how}, median)",
            f"{median:.1f} ms",
            "≤ 50 ms",
            verdict(median <= 50),
        )
    ]


def _serve(folder: Path, compress: bool = False):
    """Serve `folder` on 127.0.0.1 in a thread; return (server, base URL).

    With `compress`, text files are sent gzipped, as any real static host does
    (Lighthouse would otherwise time an uncompressed download on its slow network).
    """
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: D102
            pass

        def do_GET(self):  # noqa: N802, D102
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            kind = self.guess_type(str(path))
            textual = kind.startswith("text/") or kind in ("application/javascript", "application/json")
            if not (
                compress and path.is_file() and textual and "gzip" in self.headers.get("Accept-Encoding", "")
            ):
                return super().do_GET()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


LIGHTHOUSE_PAGES = {"Start page": "", "Module 3": "modules/03-debrief/", "My plan": "plan/"}
SIDE_BY_SIDE = "Module 3"
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def stock_material_config(text: str) -> str:
    """Return mkdocs.yml text as stock Material: no hooks, no template overrides, no course block, auto nav.

    The same Markdown, theme, palette, features and extensions; what is missing is all of ours
    (markers stay HTML comments, no module header, no worksheets, none of our CSS or JS).
    """
    text = without_hooks(text)
    text = re.sub(r"^[ \t]+custom_dir:.*\n", "", text, flags=re.M)
    for block in ("extra", "nav", "watch"):
        text = re.sub(rf"^{block}:\n(?:[ \t]+.*\n|[ \t]*#.*\n|\n)*", "", text, flags=re.M)
    return text + "\nextra:\n  generator: false\n"


def lighthouse(binary: Path, url: str, report: Path) -> dict | None:
    """Run Lighthouse (mobile, its default) on one URL; return the JSON report, or None."""
    report.unlink(missing_ok=True)
    subprocess.run(
        [
            str(binary),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,
        capture_output=True,
        timeout=300,
    )
    return json.loads(report.read_text(encoding="utf-8")) if report.exists() else None


def scores_of(data: dict) -> dict[str, int]:
    """Return the category scores of a Lighthouse report, 0–100."""
    return {k: round((v["score"] or 0) * 100) for k, v in data["categories"].items()}


def bench_lighthouse(pairs: int = 3) -> list[tuple]:
    """Lighthouse (mobile) on the start page, a module and My plan; the module also against stock Material."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return [("Lighthouse", "n/a (run npm install)", "", "")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site, stock = build_both(Path(tmp))
        server, base = _serve(site, compress=True)
        stock_server, stock_base = _serve(stock, compress=True)
        report = Path(tmp) / "report.json"
        for label, path in LIGHTHOUSE_PAGES.items():
            data = lighthouse(binary, base + path, report)
            if data is None:
                rows.append((f"Lighthouse {label}", "failed to run", "", "✗"))
                continue
            scores = scores_of(data)
            ok = all(scores.get(k, 0) >= goal for k, goal in GOALS.items())
            failing = [
                a["id"]
                for a in data["audits"].values()
                if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"
            ]
            result = " / ".join(f"{scores.get(k, 0)}" for k in GOALS)
            if failing:
                result += f" (failing: {', '.join(failing[:4])})"
            rows.append((f"Lighthouse {label} (perf/a11y/bp/seo)", result, "95/100/100/100", verdict(ok)))
        # Side by side: the same page of both builds, alternately (so load on a shared machine
        # hits both alike), `pairs` times each; medians.
        side: dict[str, list[dict[str, float]]] = {"ours": [], "stock": []}
        for _ in range(pairs):
            for name, url in (("ours", base), ("stock", stock_base)):
                data = lighthouse(binary, url + LIGHTHOUSE_PAGES[SIDE_BY_SIDE], report)
                if data is not None:
                    tbt = data["audits"]["total-blocking-time"]["numericValue"]
                    cls = data["audits"]["cumulative-layout-shift"]["numericValue"]
                    side[name].append({**scores_of(data), "tbt": tbt, "cls": cls})
        server.shutdown()
        stock_server.shutdown()
        loaded = gzipped(loaded_by(site, LIGHTHOUSE_PAGES[SIDE_BY_SIDE] + "index.html"))
    if side["ours"] and side["stock"]:
        medians = {
            name: {
                k: statistics.median(r[k] for r in runs)
                for k in ("performance", "accessibility", "tbt", "cls")
            }
            for name, runs in side.items()
        }
        pair = "{performance:.0f}/{accessibility:.0f} (TBT {tbt:.0f} ms, CLS {cls:.3f})"
        rows.append(
            (
                f"{SIDE_BY_SIDE}, median of {pairs}, perf/a11y: ours · stock Material (no hooks)",
                f"{pair.format(**medians['ours'])} · {pair.format(**medians['stock'])}",
                "",
                "",
            )
        )
    else:
        rows.append((f"{SIDE_BY_SIDE} side by side", "a Lighthouse run failed", "", "✗"))
    rows.append(
        (
            f"  our JS + CSS loaded by {SIDE_BY_SIDE}, gzipped",
            f"{loaded / 1024:.1f} KB",
            f"≤ {PAGE_GOAL_KB} KB",
            verdict(loaded <= PAGE_GOAL_KB * 1024),
        )
    )
    return rows


def verdict(ok: bool) -> str:
    """Return a tick or a cross."""
    return "✓" if ok else "✗"


def machine() -> str:
    """Describe the machine: cores, memory, CPU model, versions."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0
    versions = subprocess.run(
        [PY, "-c", "import mkdocs, material, markdown; print(mkdocs.__version__, material.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return (
        f"{os.cpu_count()} cores, {mem:.0f} GiB, {cpu}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, MkDocs {versions[0] if versions else '?'}, "
        f"Material {versions[1] if len(versions) > 1 else '?'}, {chromium}, Node {node}"
    )


def main() -> None:
    """Run every benchmark (or those not skipped) and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per build (median is reported)")
    parser.add_argument(
        "--skip", default="", help="comma-separated: hooks,scaling,pdf,bytes,weight,restore,lighthouse"
    )
    parser.add_argument(
        "--lighthouse-pairs",
        type=int,
        default=3,
        help="Lighthouse runs of the module page per build, ours and stock Material taking turns",
    )
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    steps = [
        ("hooks", lambda: bench_hook_overhead(args.runs)),
        ("scaling", lambda: bench_scaling(args.runs)),
        ("pdf", bench_pdfs),
        ("bytes", bench_asset_bytes),
        ("weight", bench_module_weight),
        ("restore", lambda: bench_restore(args.runs * 2)),
        ("lighthouse", lambda: bench_lighthouse(args.lighthouse_pairs)),
    ]
    rows = []
    for name, step in steps:
        if name in skip:
            continue
        start = time.monotonic()
        try:
            rows += step()
        except Exception as err:  # a benchmark that breaks must not hide the others' results
            last = [line for line in str(err).splitlines() if line.strip()][-1:] or ["?"]
            rows.append((name, f"error: {last[0]}"[:160], "", "✗"))
        print(f"[{name} done in {time.monotonic() - start:.0f} s]", file=sys.stderr)
    width = max(len(r[0]) for r in rows)
    rwidth = max(len(r[1]) for r in rows)
    print(f"Machine: {machine()}\n")
    print(f"| {'measure'.ljust(width)} | {'result'.ljust(rwidth)} | goal | ok |")
    print(f"|{'-' * (width + 2)}|{'-' * (rwidth + 2)}|------|----|")
    for measure, result, goal, ok in rows:
        print(f"| {measure.ljust(width)} | {result.ljust(rwidth)} | {goal} | {ok} |")


if __name__ == "__main__":
    main()
