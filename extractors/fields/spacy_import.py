"""spaCy imported without its command line, which the bot never runs.

`import spacy` loads spaCy's whole command line (weasel, two HTTP clients, Jinja, Rich:
about a third of spaCy's import, a quarter of a second of processor time, paid by every
`check` that reads a letter) to re-export one function, `spacy.info`. While spaCy is
imported here, `spacy.cli.info` is a stand-in whose `info` loads the real one when called;
the stand-in leaves sys.modules as soon as spaCy is in, so that a later `import spacy.cli`
loads the real command line. Import this module before any spaCy module.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info, loaded when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


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
    finally:
        for name, module in (("spacy.cli", package), ("spacy.cli.info", stand_in)):
            if sys.modules.get(name) is module:
                del sys.modules[name]


import_spacy()
