"""A private, throw-away redis-server for the tests, the demo and the benchmarks."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import redis

HOW_TO_GET_REDIS = (
    "no Redis available: install redis-server (Debian/Ubuntu: apt-get install redis-server; "
    "macOS: brew install redis) so a private one can be started, "
    "or set REDIS_URL to a Redis you can use, e.g. REDIS_URL=redis://127.0.0.1:6379/0"
)


class RedisUnavailable(RuntimeError):
    """No Redis could be found or started; the message says how to get one."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except (redis.RedisError, ValueError, OSError):
        return False


class PrivateRedis:
    """redis-server on a free loopback port with its own directory, stopped on close."""

    def __init__(self, *, appendonly: bool = False, port: int | None = None):
        self.appendonly = appendonly
        self.port = port or free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="secondround-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RedisUnavailable(HOW_TO_GET_REDIS)
        args = [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--dir",
            str(self.directory),
            "--save",
            "",
            "--appendonly",
            "yes" if self.appendonly else "no",
            "--appendfsync",
            "everysec",
            "--logfile",
            str(self.directory / "redis.log"),
        ]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if answers(self.url):
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        self.stop(remove_directory=False)
        raise RedisUnavailable(f"redis-server did not start; see {self.directory / 'redis.log'}")

    def stop(self, *, remove_directory: bool = True) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if remove_directory:
            shutil.rmtree(self.directory, ignore_errors=True)

    def restart(self) -> None:
        """Stop and start the same server on the same port and directory (data kept on disk)."""
        self.stop(remove_directory=False)
        self.start()

    def __enter__(self) -> PrivateRedis:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def redis_for_tests(environ_url: str | None) -> tuple[str, PrivateRedis | None]:
    """Private server when redis-server is installed, else REDIS_URL, else a clear error."""
    if shutil.which("redis-server"):
        server = PrivateRedis().start()
        return server.url, server
    if environ_url and answers(environ_url):
        return environ_url, None
    raise RedisUnavailable(HOW_TO_GET_REDIS)


def redis_for_demo(environ_url: str | None) -> tuple[str, PrivateRedis | None]:
    """REDIS_URL when it answers, else a private server, else a clear error."""
    if environ_url and answers(environ_url):
        return environ_url, None
    if shutil.which("redis-server"):
        server = PrivateRedis().start()
        return server.url, server
    raise RedisUnavailable(HOW_TO_GET_REDIS)
