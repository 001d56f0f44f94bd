"""Driving a server with keep-alive HTTP clients: latency percentiles, throughput, errors (standard library only).

A request is a path (GET) or a (path, JSON bytes, ...) tuple: each body POSTed in turn on one connection, as our
engine sends a search's requests to Elasticsearch's _search (a second one only when the first found nothing). With
`took`, the `took` of the answers is collected too, summed over a request's bodies: Elasticsearch's own time for
the request, without the round trips.
"""

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request

Request = str | tuple[str, ...]  # a path, or a path and the bodies to POST to it
JSON_HEADERS = {"Content-Type": "application/json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    """Nearest rank; NaN when there is nothing to rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p * len(ordered)) - 1))] if ordered else float("nan")


def _send(connection: http.client.HTTPConnection, request: Request) -> tuple[int, list[bytes]]:
    """The status of the last answer and every answer's body."""
    if isinstance(request, str):
        connection.request("GET", request)
        response = connection.getresponse()
        return response.status, [response.read()]
    path, *bodies = request
    answers = []
    for body in bodies:
        connection.request("POST", path, body=body, headers=JSON_HEADERS)
        response = connection.getresponse()
        answers.append(response.read())
        if response.status != 200:
            break
    return response.status, answers


def drive(port: int, requests: list[Request], clients: int, seconds: float, max_requests: int, took: list | None = None, expect: bytes = b"") -> dict:
    """N threads with keep-alive connections, each going through `requests` from its own offset until time or count runs out.
    With `expect`, an answer without those bytes counts as `unexpected` (e.g. a search answered by the fallback engine)."""
    latencies: list[float] = []
    errors = [0]
    unexpected = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    budget = [max_requests]
    stride = max(1, len(requests) // max(1, clients))

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = offset
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            request = requests[index % len(requests)]
            index += 1
            started = time.perf_counter()
            try:
                status, answers = _send(connection, request)
                ok = status == 200
            except (OSError, http.client.HTTPException):
                ok, answers = False, [b""]
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            if ok and took is not None:
                took.append(sum(json.loads(answer).get("took", float("nan")) for answer in answers))
            with lock:
                latencies.append(elapsed * 1000)
                errors[0] += 0 if ok else 1
                unexpected[0] += 1 if ok and expect not in answers[-1] else 0
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i * stride,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    wall = time.perf_counter() - started
    figures = {f"p{p}": percentile(latencies, p / 100) for p in (50, 95, 99)}
    return {**figures, "rps": len(latencies) / wall, "n": len(latencies), "errors": errors[0], "unexpected": unexpected[0]}


def served(port: int, requests: list[Request], probes: int = 5) -> bool:
    """Whether the server has this kind of page (its first few distinct requests answer anything but 404), so that
    a page kind not built yet is reported as n/a. A 500 is a finding, not an absent feature: it is measured."""
    for request in list(dict.fromkeys(requests))[:probes]:
        try:
            with urllib.request.urlopen(_probe(port, request), timeout=30) as response:
                response.read()
            return True
        except urllib.error.HTTPError as error:
            if error.code != 404:
                return True
        except OSError:
            return True
    return False


def _probe(port: int, request: Request) -> urllib.request.Request:
    if isinstance(request, str):
        return urllib.request.Request(f"http://127.0.0.1:{port}{request}")
    path, body, *_later = request
    return urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=JSON_HEADERS)
