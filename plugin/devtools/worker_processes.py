"""`secondround worker` subprocesses that a test or a bench can crash on purpose and clean up.

Each worker runs in its own session, so every process it starts belongs to that session: RQ's
scheduler (a forked child in the worker's process group) and, for RQ's forking Worker (a bench's
baseline), each work horse (a forked child that moves to a process group of its own).
`secondround worker` runs its jobs in its own process: SIGKILL to the session while it is busy
is a job crashing mid-run, the machine going away. `stop()` ends whatever is left of the session,
orphans included. Linux only (it reads /proc).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _stat(pid: int) -> tuple[str, int, int, int] | None:
    """(state, parent, process group, session) of a process, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[2]), int(fields[3])


def session_members(session: int) -> list[tuple[int, int, int]]:
    """Live (pid, parent, process group) of every process in a session."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        found = _stat(int(entry))
        if found is not None and found[3] == session and found[0] not in ("Z", "X"):
            members.append((int(entry), found[1], found[2]))
    return members


def secondround_command() -> list[str]:
    """The console script of the running interpreter's environment."""
    script = Path(sys.executable).parent / "secondround"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "plugin.cli"]


class WorkerProcess:
    """One `secondround worker` in a session of its own, with its log in a temporary file."""

    def __init__(
        self,
        env: dict[str, str],
        args: tuple[str, ...] = (),
        name: str = "worker",
        command: list[str] | None = None,
    ):
        """`secondround worker ARGS`, or `command` in its place (a bench's bare baseline)."""
        self.env = env
        self.command = command or [*secondround_command(), "worker", *args]
        self.name = name
        self.log_path = Path(tempfile.mkstemp(prefix=f"secondround-{name}-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None
        self.sessions: list[int] = []  # every session this worker ran in, for the final sweep

    def start(self) -> WorkerProcess:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        self.sessions.append(self.process.pid)
        return self

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def busy(self, connection) -> bool:
        """True while this worker runs a job (RQ's worker record says so)."""
        from rq import Worker

        return any(
            worker.pid == self.pid and worker.get_state() == "busy"
            for worker in Worker.all(connection=connection)
        )

    def kill(self) -> None:
        """SIGKILL the worker and every process it started at once: the machine went away."""
        if self.process is None:
            return
        self._kill_sessions(signal.SIGKILL)
        self.process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """Warm shutdown (SIGTERM), then SIGKILL whatever is left of every session it had."""
        if self.running():
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        self._kill_sessions(signal.SIGKILL)
        if self.process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)

    def _kill_sessions(self, sig: int) -> None:
        for _ in range(3):  # a process forked while we were killing gets the next round
            members = [pid for session in self.sessions for pid, _, _ in session_members(session)]
            if not members:
                return
            for pid in members:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
            time.sleep(0.05)

    def cpu_seconds(self) -> float:
        """CPU time of the running worker and the children it has reaped (user + system)."""
        if not self.running():
            return 0.0
        try:
            raw = Path(f"/proc/{self.process.pid}/stat").read_text()
        except FileNotFoundError:
            return 0.0
        fields = raw[raw.rindex(")") + 2 :].split()
        ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
        return ticks / os.sysconf("SC_CLK_TCK")

    def log_tail(self, characters: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-characters:]
        except FileNotFoundError:
            return ""

    def remove_log(self) -> None:
        self.log_path.unlink(missing_ok=True)
