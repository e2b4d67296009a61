"""What one `gcc-bot check` of a one-line mail costs: nearly all of it is start-up.

    .venv/bin/python benchmarks/startup.py                 # this checkout
    .venv/bin/python benchmarks/startup.py --tree OTHER    # another checkout, same interpreter

The command is run `--runs` times, alternated with a bare `python -c pass` (the floor), and
the best and the median are reported in wall time and in processor time (the command and
its reader process together), with the load average before and after: on a shared machine
the wall time follows the load, the processor time much less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.letters import mail  # noqa: E402


def one_line_mail(folder: Path) -> Path:
    path = folder / "one-line.eml"
    path.write_bytes(mail(sender="jane@example.org", subject="Hello", body="Just one line of text.\n",
                          authenticated=False))
    return path


def measured(command: list[str], tree: Path, cwd: Path) -> tuple[float, float]:
    """Wall and processor seconds (user + system, reaped children included) of one run."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GCC_BOT_")}
    environment["PYTHONPATH"] = str(tree)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime


def summary(name: str, runs: list[tuple[float, float]]) -> str:
    walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
    return (f"{name:<28} wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
            f"processor best {min(cpus):.2f} s, median {statistics.median(cpus):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose bot is run")
    args = parser.parse_args()
    floor: list[tuple[float, float]] = []
    check: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        mail = one_line_mail(Path(folder))
        command = [sys.executable, "-c", "from bot.cli import app; app()", "check", str(mail), "--json"]
        load = os.getloadavg()[0]
        for _ in range(args.runs):
            floor.append(measured([sys.executable, "-c", "pass"], args.tree, Path(folder)))
            check.append(measured(command, args.tree.resolve(), Path(folder)))
    print(f"{args.tree.resolve()}: {args.runs} runs, load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after ({os.cpu_count()} cores)")
    print(summary("python -c pass", floor))
    print(summary("gcc-bot check one-line.eml", check))


if __name__ == "__main__":
    main()
