"""Running manage.py for the benchmark, and reading processes' memory and listening ports from /proc."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
QUERY_COUNTS = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for path in json.loads(sys.argv[1]):
    client.get(path)  # caches warm, as in a running worker
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    out[path] = [status, len(queries)]
print(json.dumps(out))
"""


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)


def manage_ok(env: dict, *args: str) -> str:
    result = manage(env, *args)
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def listening_pid(port: int) -> int | None:
    """The process that listens on 127.0.0.1/0.0.0.0:port (from /proc/net/tcp*), so we measure the right engine node."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                if os.readlink(fd).removeprefix("socket:[").removesuffix("]") in inodes:
                    return int(fd_dir.parent.name)
        except OSError:
            continue
    return None


def count_queries(env: dict, paths: list[str]) -> dict:
    result = subprocess.run([PYTHON, "-c", QUERY_COUNTS, json.dumps(paths)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        print(f"(query counts failed: {result.stderr.strip()[-300:]})", file=sys.stderr)
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])
