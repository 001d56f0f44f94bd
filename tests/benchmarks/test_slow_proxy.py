"""The fault-injection proxy passes traffic through, and holds it back by a delay that can change while it runs."""

import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from benchmarks.slow_proxy import SlowProxy

ROOT = Path(__file__).resolve().parents[2]


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from the engine"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def engine():
    """A tiny HTTP server on loopback standing in for the search engine."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def fetch(url: str, timeout: float) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def test_with_no_delay_the_proxy_passes_requests_through(engine):
    with SlowProxy(engine) as proxy:
        assert fetch(proxy.url, timeout=2) == "hello from the engine"


def test_a_delay_longer_than_the_client_timeout_makes_the_client_time_out(engine):
    with SlowProxy(engine, delay=2.0) as proxy:
        started = time.monotonic()
        with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
            fetch(proxy.url, timeout=0.5)
        assert time.monotonic() - started < 1.5


def test_the_delay_can_be_changed_while_the_proxy_runs(engine):
    with SlowProxy(engine) as proxy:
        proxy.delay = 0.4
        started = time.monotonic()
        assert fetch(proxy.url, timeout=3) == "hello from the engine"
        assert time.monotonic() - started >= 0.4

        proxy.delay = 0
        started = time.monotonic()
        assert fetch(proxy.url, timeout=3) == "hello from the engine"
        assert time.monotonic() - started < 0.3


def test_a_dead_target_closes_the_client_connection_instead_of_hanging():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]  # nothing listens there once the probe is closed
    with SlowProxy(dead_port, connect_timeout=1) as proxy:
        started = time.monotonic()
        with pytest.raises((urllib.error.URLError, ConnectionError, http.client.HTTPException)):
            fetch(proxy.url, timeout=3)
        assert time.monotonic() - started < 2


def test_from_the_shell_the_delay_file_slows_a_running_proxy(engine, tmp_path):
    delay_file = tmp_path / "delay"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "benchmarks/slow_proxy.py", "--port", str(port), "--target", str(engine), "--delay-file", str(delay_file)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert "slow proxy" in process.stdout.readline()
        url = f"http://127.0.0.1:{port}/"
        assert fetch(url, timeout=2) == "hello from the engine"
        delay_file.write_text("2")
        with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
            fetch(url, timeout=0.5)
        delay_file.unlink()
        assert fetch(url, timeout=2) == "hello from the engine"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
