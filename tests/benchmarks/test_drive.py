"""The load driver posts every request a search sends, in turn, and counts the engine's time of all of them: a
search our engine answers with a second, typo-tolerant request costs both in the raw-engine peer."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.drive import drive


class FakeSearch(BaseHTTPRequestHandler):
    """Answers a POSTed body {"took": N} with {"took": N}; records the bodies it was sent."""

    protocol_version = "HTTP/1.1"  # keep-alive, as the driver's connections are
    received: list[dict] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append(body)
        answer = json.dumps({"took": body["took"]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def engine_port():
    FakeSearch.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSearch)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_request_of_two_bodies_posts_both_and_counts_both_engine_times(engine_port):
    one = ("/kb_search/_search", json.dumps({"took": 3}).encode())
    two = ("/kb_search/_search", json.dumps({"took": 2}).encode(), json.dumps({"took": 5}).encode())
    took = []
    figures = drive(engine_port, [one, two], clients=1, seconds=30, max_requests=2, took=took)
    assert (figures["n"], figures["errors"]) == (2, 0), "two searches, however many bodies each"
    assert took == [3, 7]
    assert FakeSearch.received == [{"took": 3}, {"took": 2}, {"took": 5}]
