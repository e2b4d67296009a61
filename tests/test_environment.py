"""The environment the suite runs in is the one the accuracy figures were measured in.

What OCR reads on a scan moves with library versions (OpenCV 5.0 -> 5.1 alone changed
the reading of several corpus letters), so `./dev` installs with `constraints.txt`
and this test says at once, by name, when the environment has drifted from it."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parents[1] / "constraints.txt"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)$")


def pinned() -> dict[str, str]:
    """Every `name==version` line of constraints.txt, by normalised name."""
    pins: dict[str, str] = {}
    for line in CONSTRAINTS.read_text().splitlines():
        if match := PIN.match(line.strip()):
            pins[normalised(match[1])] = match[2]
    return pins


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed() -> dict[str, str]:
    return {normalised(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}


def test_every_installed_package_has_its_measured_version() -> None:
    have = installed()
    drifted = {name: (version, have[name]) for name, version in pinned().items()
               if name in have and have[name] != version}
    assert not drifted, f"installed versions differ from constraints.txt: {drifted}"


def test_every_dependency_of_the_project_is_pinned() -> None:
    pins = pinned()
    requirements = metadata.requires("gcc-bot") or []
    names = {normalised(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])
             for requirement in requirements}
    assert not names - pins.keys(), f"not in constraints.txt: {sorted(names - pins.keys())}"
