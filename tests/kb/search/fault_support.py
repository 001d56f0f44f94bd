"""Support for the fault tests: an Elasticsearch node of their own (stopped and started at will) and a slow proxy."""

import shutil
import socket
import subprocess
import tempfile
import threading
import time

from .conftest import ES_PORTS, ES_SCRIPT, ROOT


def free_es_port(avoid: set[int] = frozenset()) -> int:
    """A port the cluster runner accepts (≤ 9299) that nothing listens on."""
    for port in ES_PORTS:
        if port in avoid:
            continue
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port between 9241 and 9299 for a test node")


class Node:
    """A real Elasticsearch node with its own port and data directory, so that stopping it harms no other test."""

    def __init__(self):
        self.data_dir = tempfile.mkdtemp(prefix="kb-fault-es-")
        self.port = free_es_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def _es(self, *args: str, timeout: int) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(ES_SCRIPT), *args, "--data", self.data_dir], cwd=ROOT, capture_output=True, text=True, timeout=timeout)

    def start(self) -> None:
        done = self._es("start", "--port", str(self.port), "--heap", "256m", "--timeout", "150", timeout=200)
        if done.returncode != 0:
            raise RuntimeError(f"could not start the fault-test node on {self.port}: {(done.stderr or done.stdout)[-500:]}")

    def stop(self) -> None:
        done = self._es("stop", "--timeout", "60", timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"could not stop the fault-test node: {done.stderr[-500:]}")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


class SlowProxy:
    """A TCP proxy on loopback that holds every request for `delay` seconds before passing it on."""

    def __init__(self, upstream_port: int, delay: float = 0.0):
        self.upstream_port = upstream_port
        self.delay = delay
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                client.close()
                continue
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, slow: bool) -> None:
        source.settimeout(None)
        try:
            while chunk := source.recv(65536):
                if slow and self.delay:
                    time.sleep(self.delay)
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.close()
                except OSError:
                    pass

    def close(self) -> None:
        self._closed = True
        self._server.close()
