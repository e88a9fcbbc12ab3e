"""Measuring: subprocesses (wall, CPU, peak memory) and latency samples (percentiles).

Index builds run in a child process so each gets its own peak RSS: the child reports its
own high-water mark (VmHWM, which exec resets), and a sampler thread adds up the RSS of the
whole process tree, which is what matters when a writer forks workers. (``wait4``'s
ru_maxrss is no use here: a forked child inherits the harness's high-water mark.)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.corpora import REPO

SAMPLE_EVERY = 0.05  # seconds between process-tree RSS samples
_PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass
class Run:
    """One measured child process, plus the JSON object it printed last."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float  # the larger of the child's own VmHWM and the sampled tree sum
    report: dict

    @property
    def cpu_per_wall(self) -> float:
        return self.cpu_s / self.wall_s if self.wall_s else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "cpu_per_wall": round(self.cpu_per_wall, 2)}


def child_env() -> dict[str, str]:
    """Children import parley and bench from this checkout, whatever the venv points at."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


def run_worker(*args: str) -> Run:
    """Run ``python -m bench.worker ARGS`` and measure it; raise if it fails."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.worker", *args], cwd=REPO, env=child_env(),
                            stdout=subprocess.PIPE, text=True)
    sampler = _TreeSampler(proc.pid)
    sampler.start()
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"bench.worker {' '.join(args)} failed with status {proc.returncode}")
    last_line = output.strip().splitlines()[-1]
    report = json.loads(last_line)
    peak = max(sampler.peak / MB, report.get("vm_hwm_mb", 0.0))
    return Run(round(wall, 3), round(usage.ru_utime + usage.ru_stime, 3), round(peak, 1), report)


class _TreeSampler(threading.Thread):
    """Polls /proc for the summed RSS of a process and its descendants; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak = pid, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(SAMPLE_EVERY):
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except OSError:
            pass
    return found


def own_peak_mb() -> float:
    """This process's RSS high-water mark (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


@dataclass(frozen=True)
class Latency:
    """Percentiles of a set of samples, in milliseconds."""

    n: int
    p50: float
    p95: float
    max: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Latency:
        ms = sorted(s * 1000 for s in seconds)
        return cls(len(ms), round(_percentile(ms, 50), 2), round(_percentile(ms, 95), 2), round(ms[-1], 2))


def _percentile(sorted_values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), exact for small samples."""
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[int(pct) - 1]


def timed(call: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result
