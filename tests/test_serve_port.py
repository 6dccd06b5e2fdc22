"""bin/serve's "is the port free?" check, run as bin/serve runs it (without installing anything)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

from tests.conftest import ROOT


def port_check() -> str:
    """The Python one-liner bin/serve runs to see whether the address is free."""
    text = (ROOT / "bin" / "serve").read_text("utf-8")
    return re.search(r"python -c '([^']+)' \"\$addr\"", text).group(1)


def free(address: str) -> bool:
    """Whether bin/serve's check finds `address` (host:port) free."""
    return subprocess.run([sys.executable, "-c", port_check(), address], capture_output=True).returncode == 0


def test_a_port_in_use_is_refused_and_one_in_time_wait_is_free():
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    assert not free(f"127.0.0.1:{port}"), "a server is listening there"
    # Close the server's side of a connection first, as a stopped preview does: TIME_WAIT on the port.
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = listener.accept()
    accepted.close()
    listener.close()
    client.recv(1)
    client.close()
    assert free(f"127.0.0.1:{port}"), "a port in TIME_WAIT is free for MkDocs' server (SO_REUSEADDR)"
