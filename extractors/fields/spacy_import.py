"""spaCy imported without its command line, which the bot never runs.

`import spacy` loads spaCy's whole command line (weasel, two HTTP clients, Jinja, Rich:
about a third of spaCy's import, a quarter of a second of processor time, paid by every
`check` that reads a letter) to re-export one function, `spacy.info`. While spaCy is
imported here, `spacy.cli.info` is a stand-in whose `info` loads the real one when called;
the stand-in leaves sys.modules as soon as spaCy is in, so that a later `import spacy.cli`
loads the real command line. Import this module before any spaCy module. (It also keeps
catalogue from scanning every installed package's entry points at each registry lookup.)
"""

from __future__ import annotations

import sys
import types
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info, loaded when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _EntryPointsByGroup:
    """The entry points catalogue read once when it was imported, each group picked out once.
    spaCy asks catalogue for a group's entry points at every registry lookup, two hundred in
    building the six pipelines, and catalogue picks them out of all the installed packages'
    entry points every time (a tenth of a second of a `check`'s start-up)."""

    def __init__(self, found: Any) -> None:
        self._found = found
        self._groups: dict[str, Any] = {}

    def select(self, *, group: str) -> Any:
        if group not in self._groups:
            self._groups[group] = self._found.select(group=group)
        return self._groups[group]


def _index_entry_points() -> None:
    import catalogue

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(found, "select") and not isinstance(found, _EntryPointsByGroup):
        setattr(catalogue, "AVAILABLE_ENTRY_POINTS", _EntryPointsByGroup(found))


def import_spacy() -> None:
    """spaCy imported (once) with the stand-in for its command line."""
    if "spacy" in sys.modules:
        return
    stand_in = types.ModuleType("spacy.cli.info")
    setattr(stand_in, "info", _info)
    package = types.ModuleType("spacy.cli")
    setattr(package, "info", stand_in)
    sys.modules.update({"spacy.cli": package, "spacy.cli.info": stand_in})
    try:
        import spacy  # noqa: F401

        _index_entry_points()
    finally:
        for name, module in (("spacy.cli", package), ("spacy.cli.info", stand_in)):
            if sys.modules.get(name) is module:
                del sys.modules[name]


import_spacy()
