"""Runs the real app with `reflex run` in a subprocess, on free ports and its own database.

Used by the browser tests (in the repository) and by the benchmarks (in a copy of it).
"""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(db_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "REFLEX_DB_URL": db_url,
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_CHECK_LATEST_VERSION": "false",
        **extra,
    }


def prepare_database(env: dict[str, str]) -> None:
    """Apply the committed migrations and sync content, as `make run` does."""
    subprocess.run(
        [str(BIN / "stack-explorer"), "db", "migrate"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


POSTGRES_ADMIN_URL = os.environ.get("E2E_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("E2E_REDIS_URL", "redis://127.0.0.1:6379/9")


@contextlib.contextmanager
def fresh_postgres():
    """A new, empty PostgreSQL database for one test session; dropped afterwards."""
    import psycopg

    name = f"stack_explorer_e2e_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_services_available() -> bool:
    """Whether the PostgreSQL and Redis used by production mode answer (printing why not)."""
    import psycopg
    import redis

    try:
        psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3).close()
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # any failure means "not available"
        print(f"production services unavailable: {error}".splitlines()[0], file=sys.stderr)
        return False
    return True


def fresh_redis() -> str:
    """The test Redis database, emptied so no state from an earlier run is reused."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    return REDIS_URL


_BUILT_FOR_PORT = (
    "from stack_explorer.reflex_internals import built_for_port; print(built_for_port())"
)
_CURRENT_BUILD_PORT = (
    "from pathlib import Path; from stack_explorer import launch;"
    "from stack_explorer.reflex_internals import built_for_port;"
    "port = built_for_port();"
    "print(port if port and launch.is_current(Path.cwd(), port) else '')"
)


def current_build_port(env: dict[str, str]) -> int | None:
    """The port of the production build in .web when `stack-explorer run` made it from
    the sources as they are now (the tests of `make run` leave one), and the port is
    free: a server there can serve it without building again."""
    done = subprocess.run(
        [str(BIN / "python"), "-c", _CURRENT_BUILD_PORT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    port = done.stdout.strip()
    if done.returncode != 0 or not port.isdigit():
        return None
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", int(port))) == 0:
            return None  # something serves there now
    return int(port)


class ServerStopped(RuntimeError):
    """The server process ended while it was being used."""


class AppServer:
    """`reflex run` in dev mode (frontend + backend ports) or prod mode (one port),
    in `app_dir` (the repository, or a benchmark's copy of an app)."""

    def __init__(
        self,
        mode: str,
        env: dict[str, str],
        log_path: Path,
        app_dir: Path = ROOT,
        name: str = "stack-explorer",
        port: int | None = None,
    ):
        self.mode = mode
        self.env = env
        self.log_path = log_path
        self.app_dir = app_dir
        self.name = name
        self.process: subprocess.Popen | None = None
        self.frontend_port = port or free_port()
        self.backend_port = self.frontend_port if mode.startswith("prod") else free_port()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.frontend_port}"

    @property
    def backend_url(self) -> str:
        return f"http://127.0.0.1:{self.backend_port}"

    def start(self, timeout: float = 420, frontend: bool = True, rebuild: bool = True) -> None:
        """Start the app; `frontend=False` starts only the backend of a production
        build (for websocket-only tests); `rebuild=False` serves the production build
        made by an earlier start on this port (`stack-explorer serve`) without
        building it again."""
        env_mode = "prod" if self.mode.startswith("prod") else "dev"
        args = [str(BIN / "reflex"), "run", "--env", env_mode, "--loglevel", "info"]
        if frontend:
            args += ["--frontend-port", str(self.frontend_port)]
            if env_mode == "prod":
                args.append("--single-port")
        else:
            args.append("--backend-only")
        args += ["--backend-port", str(self.backend_port)]
        if frontend and env_mode == "prod" and not rebuild and self._built_here():
            args = [str(BIN / "stack-explorer"), "serve", "--port", str(self.frontend_port)]
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            args,
            cwd=self.app_dir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"reflex run exited early; see {self.log_path}")
            if answers(f"{self.backend_url}/ping") and (not frontend or answers(self.url + "/")):
                return
            time.sleep(1)
        raise RuntimeError(f"app did not start in {timeout}s; see {self.log_path}")

    def _built_here(self) -> bool:
        """Whether the build in this app's .web is for this server's port (another
        server, `make run` say, may have built it since)."""
        done = subprocess.run(
            [str(BIN / "python"), "-c", _BUILT_FOR_PORT],
            cwd=self.app_dir,
            env=self.env,
            capture_output=True,
            text=True,
        )
        return done.returncode == 0 and done.stdout.strip() == str(self.frontend_port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def assert_running(self) -> None:
        """Fail loudly if the server stopped (a crash, or someone else's kill)."""
        if self.process is None or self.process.poll() is not None:
            tail = self.log_path.read_text(errors="replace")[-2000:]
            raise ServerStopped(f"{self.name}: the server stopped:\n{tail}")

    def processes(self) -> list:
        """The server's process tree: the `reflex run` process and its workers."""
        import psutil

        if self.process is None or self.process.poll() is not None:
            return []
        try:
            root = psutil.Process(self.process.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def worker_count(self) -> int:
        """Processes under the `reflex run` process (the backend workers)."""
        return max(0, len(self.processes()) - 1)

    def rss_bytes(self) -> int:
        import psutil

        total = 0
        for proc in self.processes():
            with contextlib.suppress(psutil.NoSuchProcess):
                total += proc.memory_info().rss
        return total

    def __enter__(self) -> "AppServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def restart(self) -> None:
        """Stop and start again, serving the same build."""
        self.stop()
        self.start(rebuild=False)

    def kill(self, timeout: float = 30) -> None:
        """SIGKILL the whole process group (reflex, its workers, node), as a crash would,
        then wait until the ports can be bound again, so that `start()` gets them."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=timeout)
        self.process = None
        deadline = time.monotonic() + timeout
        for port in {self.frontend_port, self.backend_port}:
            while True:
                with socket.socket() as sock:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    try:
                        sock.bind(("127.0.0.1", port))
                        break
                    except OSError:
                        if time.monotonic() > deadline:
                            raise RuntimeError(f"port {port} still taken after SIGKILL") from None
                time.sleep(0.2)


def answers(url: str) -> bool:
    """Whether the URL answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
