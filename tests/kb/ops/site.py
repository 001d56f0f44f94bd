"""A site of its own in real processes, for what runs beside the web server: the worker, the scheduler, backups.

The test database of the suite lives inside one process and one transaction; these tests need several processes
sharing one committed database, as under `make run`. Each test gets a database of its own, copied from one that
is migrated once per session: a SQLite file, or a PostgreSQL database beside the suite's own when the suite runs on
PostgreSQL. The processes are `manage.py` commands, with the development settings `make run` uses.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[3]


class Site:
    def __init__(self, workdir: Path, database_url: str):
        self.workdir = workdir
        self.database_url = database_url
        self.env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
        self.env.update(
            DJANGO_SETTINGS_MODULE="kb.settings.dev",
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(workdir / "media"),
            BACKUP_ROOT=str(workdir / "backups"),
            SEARCH_BACKEND="database",
            PYTHONDONTWRITEBYTECODE="1",
        )
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def command(self, *args: str, timeout: float = 600) -> subprocess.Popen:
        """`manage.py ARGS` started in the background; its output goes to a log file (see `output`)."""
        log = self.workdir / f"{args[0]}-{len(self.processes)}.log"
        with log.open("w") as stream:
            process = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, stdout=stream, stderr=subprocess.STDOUT)
        self.processes.append((process, log))
        return process

    def output(self, process: subprocess.Popen) -> str:
        return next(log for started, log in self.processes if started is process).read_text()

    def finish(self, process: subprocess.Popen, timeout: float = 600) -> str:
        """Wait for a background command; its output, or a failure that shows it."""
        process.wait(timeout=timeout)
        output = self.output(process)
        assert process.returncode == 0, f"{process.args[2:]} exited with {process.returncode}:\n{output[-3000:]}"
        return output

    def manage(self, *args: str, stdin: str | None = None, timeout: float = 600) -> str:
        """`manage.py ARGS` run to the end; what it printed. A failure shows its output."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, input=stdin, capture_output=True, text=True, timeout=timeout
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)} exited with {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    def refused(self, *args: str) -> str:
        """`manage.py ARGS`, expected to fail; what it said."""
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600)
        assert done.returncode != 0, f"manage.py {' '.join(args)} succeeded:\n{done.stdout[-2000:]}"
        return done.stdout + done.stderr

    def probe(self, name: str, *args):
        """A function of tests/kb/ops/probes.py run in a process of the site (Django set up, the site's database)."""
        code = f"import json; from tests.kb.ops import probes; print(json.dumps(probes.{name}(*{args!r})))"
        return json.loads(self.manage("shell", "--verbosity", "0", "--command", code).strip().splitlines()[-1])

    def wait_for(self, name: str, until: Callable, *args, deadline_seconds: float = 120, pause: float = 1.0):
        """Probe again until `until(result)` holds (bounded); the last result."""
        deadline = time.monotonic() + deadline_seconds
        while not until(result := self.probe(name, *args)):
            assert time.monotonic() < deadline, f"{name}{args} still gives {result!r} after {deadline_seconds} s"
            time.sleep(pause)
        return result

    def stop(self) -> None:
        for process, _ in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=20)


def suite_database_url() -> str | None:
    """The PostgreSQL server the suite runs on, or None on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


class SqliteDatabases:
    """A migrated SQLite file, copied for each test."""

    def __init__(self, folder: Path):
        self.template = folder / "template.sqlite3"

    def url(self, path: Path) -> str:
        return f"sqlite:///{path}"

    def create_template(self, migrate: Callable[[str], None]) -> None:
        migrate(self.url(self.template))

    def copy(self, workdir: Path) -> str:
        target = workdir / "site.sqlite3"
        for suffix in ("", "-wal"):  # the last process to close it folds the log into the file; copy it if it is there
            if Path(f"{self.template}{suffix}").exists():
                shutil.copyfile(f"{self.template}{suffix}", f"{target}{suffix}")
        return self.url(target)

    def drop(self, url: str) -> None:
        pass

    def drop_template(self) -> None:
        pass


class PostgresDatabases:
    """A migrated PostgreSQL database on the suite's server, cloned (CREATE DATABASE ... TEMPLATE) for each test."""

    def __init__(self, server_url: str):
        self.config = dj_database_url.parse(server_url)
        self.prefix = f"test_{self.config['NAME']}_site"
        self.template = f"{self.prefix}_template"
        self.count = 0

    def url(self, name: str) -> str:
        c = self.config
        return f"postgres://{c['USER']}:{c['PASSWORD']}@{c['HOST']}:{c['PORT'] or 5432}/{name}"

    def _execute(self, *statements: str) -> None:
        import psycopg

        c = self.config
        with psycopg.connect(
            host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], password=c["PASSWORD"], dbname="postgres", autocommit=True
        ) as admin:
            for statement in statements:
                admin.execute(statement)

    def create_template(self, migrate: Callable[[str], None]) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)', f'CREATE DATABASE "{self.template}"')
        migrate(self.url(self.template))

    def copy(self, workdir: Path) -> str:
        self.count += 1
        name = f"{self.prefix}_{self.count}"
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self.url(name)

    def drop(self, url: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{dj_database_url.parse(url)["NAME"]}" WITH (FORCE)')

    def drop_template(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
