"""Real servers for the tests: a private redis-server, Celery workers and beats."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

PROJECT_ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float, interval: float = 0.05, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {message}")


class RedisServer:
    """A throwaway redis-server on its own port, which a test may stop and start again."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), *options, "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=10, message="redis-server to answer")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def flush(self):
        self.command("FLUSHALL")

    def command(self, *words: str) -> bytes:
        """One Redis command (RESP), its raw reply: enough for LLEN, DEL, FLUSHALL."""
        request = f"*{len(words)}\r\n" + "".join(f"${len(w)}\r\n{w}\r\n" for w in words)
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
            conn.sendall(request.encode())
            return conn.recv(4096)

    def queue_length(self, queue: str = "celery") -> int:
        return int(self.command("LLEN", queue)[1:].split(b"\r\n")[0])


class CeleryProcess:
    """`celery -A newsroom worker|beat` in its own process group, logging to a file."""

    def __init__(self, role: str, env: dict, log_dir: Path, name: str):
        self.role, self.env, self.name = role, env, name
        self.log_path = log_dir / f"{name}.log"
        self.process = None

    def start(self, ready_timeout: float = 30):
        command = [sys.executable, "-m", "celery", "-A", "newsroom", self.role]
        command += ["--loglevel=INFO", f"--logfile={self.log_path}"]
        if self.role == "worker":
            command += ["--concurrency=2", "--without-gossip", "--without-mingle"]
            command += ["-n", f"{self.name}@%h"]
        else:
            command += [f"--schedule={self.log_path.with_suffix('.schedule')}"]
        output = self.log_path.with_suffix(".out").open("ab")
        self.process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        ready_line = " ready." if self.role == "worker" else "beat: Starting"
        try:
            wait_for(lambda: ready_line in self.log(), ready_timeout, message=f"{self.name}")
        except TimeoutError as error:
            crash = self.log_path.with_suffix(".out").read_text(errors="replace")[-2000:]
            raise TimeoutError(f"{error} to start; its output ends:\n{crash}") from None
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self):
        """SIGKILL the whole process group: no cleanup, no acknowledgements, as in a crash."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def database_url(database: dict) -> str:
    """The test database as a DATABASE_URL, for processes that read only the environment.

    A Unix socket folder (the embedded server's) is the host, percent-encoded."""
    login = quote(database["USER"] or "postgres", safe="")
    if database["PASSWORD"]:
        login += ":" + quote(database["PASSWORD"], safe="")
    host = quote(database["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{login}@{host}:{database['PORT'] or 5432}/{quote(database['NAME'])}"
