"""Support for the fault tests: an Elasticsearch node of their own, stopped and started at will."""

import shutil
import socket
import subprocess
import tempfile

from .conftest import ES_PORTS, ES_SCRIPT, ROOT


def free_es_port(avoid: set[int] = frozenset()) -> int:
    """A port the cluster runner accepts (≤ 9299) that nothing listens on."""
    for port in ES_PORTS:
        if port in avoid:
            continue
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port between {ES_PORTS[-1]} and {ES_PORTS[0]} for a test node")


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
