"""A Redis and a PostgreSQL of a test's own, on free ports, that the test may flush,
stop and start again. The shared services on the standard ports are never touched."""

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.kit.server import free_port


def _wait(check, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up in {timeout} s")


class OwnRedis:
    """`redis-server` on a free port, keeping nothing on disk (as the shared one)."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _client(self):
        import redis

        return redis.Redis(port=self.port, socket_connect_timeout=1)

    def _answers(self) -> bool:
        try:
            return bool(self._client().ping())
        except Exception:  # not up yet
            return False

    def start(self) -> None:
        options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), *options], stdout=subprocess.DEVNULL
        )
        _wait(self._answers, "redis-server")

    def stop(self) -> None:
        """A restart without persistence: everything Redis held is gone."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def flush(self) -> None:
        self._client().flushall()


def _accepts(url: str) -> bool:
    """Whether a PostgreSQL server (or PgBouncer) at `url` takes a connection."""
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=1).close()
        return True
    except psycopg.OperationalError:
        return False


def postgres_binaries() -> Path | None:
    """The folder with initdb and pg_ctl, or None when PostgreSQL is not installed."""
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


class OwnPostgres:
    """A PostgreSQL cluster in a temporary folder on a free port (`initdb`, `pg_ctl`).

    Run as the `postgres` user when the tests run as root (initdb refuses root)."""

    def __init__(self, binaries: Path):
        self.binaries = binaries
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="stack-explorer-pg-"))
        self.data = self.folder / "data"
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.binaries / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _answers(self) -> bool:
        return _accepts(f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres")

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user)
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "start"
        )
        _wait(self._answers, "PostgreSQL")

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as in a restart or failover."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def pgbouncer_binary() -> str | None:
    """PgBouncer, when installed (Debian puts it in /usr/sbin, off a user's PATH)."""
    found = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    return found if Path(found).exists() else None


class OwnPgBouncer:
    """PgBouncer on a free port in transaction mode (a server connection is lent for
    one transaction at a time), in front of the PostgreSQL at `upstream_port`.

    Run as the `postgres` user when the tests run as root (PgBouncer refuses root)."""

    def __init__(self, binary: str, upstream_port: int):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="stack-explorer-pgbouncer-"))
        ini = self.folder / "pgbouncer.ini"
        (self.folder / "users.txt").write_text('"postgres" ""\n')
        ini.write_text(
            "[databases]\n"
            f"* = host=127.0.0.1 port={upstream_port}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\n"
            f"unix_socket_dir = {self.folder}\n"
            "auth_type = trust\n"
            f"auth_file = {self.folder / 'users.txt'}\n"
            "pool_mode = transaction\n"
            "default_pool_size = 10\nmax_client_conn = 500\n"
            # psycopg sends these at connect; PgBouncer passes them on only when told
            "ignore_startup_parameters = extra_float_digits,options\n"
        )
        command = [binary, str(ini)]
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            command = ["runuser", "-u", "postgres", "--", *command]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=(self.folder / "log").open("w")
        )
        _wait(self._answers, "PgBouncer")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _answers(self) -> bool:
        return _accepts(f"postgresql://postgres@127.0.0.1:{self.port}/postgres")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)
