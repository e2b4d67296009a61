"""Child processes that end with the process that started them.

The bot reads letters in a reader process and the reader may start LibreOffice; when
the bot is killed (or kills a reader that overran its time), nothing it started may live
on burning a core. Linux delivers a signal to a child when its parent ends
(prctl PR_SET_PDEATHSIG); elsewhere only the explicit kills on timeout remain.
"""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a child: SIGKILL it the moment `parent` (the thread that forked it) ends. Ends at
    once when the parent is already gone."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        os._exit(1)
