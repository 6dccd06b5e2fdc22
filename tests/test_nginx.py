"""The nginx example (`deploy/nginx.conf`): headers in every location, the bare address redirected, caching.

The text checks always run. The snippet also goes into a server of its own on
127.0.0.1: `nginx -t` must accept it, and the responses are checked as a browser
would get them (bin/test installs Debian's nginx; without it the test fails, never skips).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import time

import pytest

from tests.conftest import ROOT

CONF = ROOT / "deploy" / "nginx.conf"
PREFIX = "/career/bounce-back"
WEB_ROOT = "/var/www/bounce-back/"
HEADERS = f"include {WEB_ROOT}nginx-headers.conf;"


def blocks(text: str) -> list[tuple[str, str]]:
    """Return every `location … { … }` as (its opening line, its own body without nested blocks)."""
    text = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # comments out
    found = []
    for match in re.finditer(r'location(?:[^{;"]|"[^"]*")*\{', text):  # a quoted pattern may hold braces
        depth, own, i = 1, [], match.end()
        while depth:
            char = text[i]
            depth += (char == "{") - (char == "}")
            if depth == 1 and char != "}":
                own.append(char)
            i += 1
        found.append((match.group(0), "".join(own)))
    return found


def test_every_location_that_sets_a_header_also_includes_the_security_headers():
    found = blocks(CONF.read_text(encoding="utf-8"))
    with_headers = [(head, body) for head, body in found if "add_header" in body]
    assert with_headers, "the example sets cache headers"
    for head, body in with_headers:
        # nginx drops the outer add_header lines in a location that has its own.
        assert HEADERS in body, f"{head}: sets a header but does not include nginx-headers.conf"


def test_the_address_without_its_slash_is_redirected():
    found = dict(blocks(CONF.read_text(encoding="utf-8")))
    exact = next(body for head, body in found.items() if head.startswith(f"location = {PREFIX} "))
    assert f"return 301 {PREFIX}/$is_args$args;" in exact


def test_hashed_assets_are_immutable_and_everything_else_is_revalidated(site):
    found = blocks(CONF.read_text(encoding="utf-8"))
    [(main, main_body)] = [(h, b) for h, b in found if h.startswith(f"location {PREFIX}/ ")]
    assert 'add_header Cache-Control "no-cache" always;' in main_body
    [(head, body)] = [(h, b) for h, b in found if "immutable" in b]
    # nginx needs the pattern in quotes: its braces would otherwise open a block.
    pattern = re.compile(re.fullmatch(r'location ~ "(\S+)" \{', head.strip()).group(1))
    assert "max-age=31536000" in body
    names = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in {".css", ".js"}]
    hashed = [n for n in names if re.search(r"\.[0-9a-f]{8,}\.", n)]
    ours = [n for n in names if n.startswith("assets/bounce-back/main.")]
    assert ours and set(ours) <= set(hashed), names
    for name in names:
        # Immutable exactly when the name carries the content's hash.
        assert bool(pattern.search("/" + name)) == (name in hashed), name


def free_port() -> int:
    """A port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> http.client.HTTPResponse:
    """One GET to the local nginx, without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_nginx_accepts_the_example_and_serves_the_course_as_documented(site, tmp_path):
    # Never a skip: a check that quietly does not run is no check (bin/test installs nginx).
    nginx = shutil.which("nginx", path=os.environ.get("PATH", "") + os.pathsep + "/usr/sbin")
    if nginx is None:
        pytest.fail(
            "nginx is not installed: run bin/test (it installs Debian's nginx) or apt-get install nginx"
        )
    snippet = CONF.read_text(encoding="utf-8").replace(WEB_ROOT, f"{site}/")
    port = free_port()
    temp = "\n".join(f"  {kind}_temp_path {tmp_path}/{kind};" for kind in ("client_body", "proxy", "fastcgi"))
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""daemon off;
master_process off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
  include /etc/nginx/mime.types;
  access_log off;
{temp}
  uwsgi_temp_path {tmp_path}/uwsgi;
  scgi_temp_path {tmp_path}/scgi;
  server {{
    listen 127.0.0.1:{port};
{snippet}
  }}
}}
""",
        encoding="utf-8",
    )
    check = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "nginx did not start"
                time.sleep(0.05)

        bare = get(port, PREFIX + "?from=mail")
        assert bare.status == 301
        assert bare.getheader("Location").endswith(f"{PREFIX}/?from=mail")

        home = get(port, PREFIX + "/")
        assert home.status == 200
        assert home.getheader("Cache-Control") == "no-cache"
        assert "default-src 'self'" in home.getheader("Content-Security-Policy")

        bundle = next((site / "assets" / "bounce-back").glob("main.*.js")).name
        asset = get(port, f"{PREFIX}/assets/bounce-back/{bundle}")
        assert asset.status == 200
        assert asset.getheader("Cache-Control") == "public, max-age=31536000, immutable"
        assert "default-src 'self'" in asset.getheader("Content-Security-Policy"), "headers kept"

        missing = get(port, f"{PREFIX}/no-such-page/")
        assert missing.status == 404
        assert missing.getheader("Content-Security-Policy")
        assert get(port, f"{PREFIX}/nginx-headers.conf").status == 404
    finally:
        server.terminate()
        server.wait(timeout=10)
