"""Servers that the benchmarks and tests start end with the process that started them.

They run in a session of their own (``start_new_session``), so that Ctrl-C in a terminal reaches
only the bench or pytest, which then stops them itself. A run that is killed (a CI time limit,
``timeout``, SIGKILL) never gets to: on 2026-12-07 a test run cut short by ``timeout`` left a
gunicorn master and its two workers, each with the model loaded, serving for ever on a free port.
"""
from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (AttributeError, OSError):  # not Linux
    _prctl = None


def ends_with_parent(sig: int = signal.SIGTERM):
    """A ``preexec_fn`` for ``subprocess.Popen``: the child gets ``sig`` when the process that
    started it ends, however it ends (Linux's parent-death signal; gunicorn's master stops its
    workers on SIGTERM). None where the platform has no such signal."""
    if _prctl is None:
        return None
    parent = os.getpid()

    def arm() -> None:
        _prctl(_PR_SET_PDEATHSIG, int(sig))
        if os.getppid() != parent:  # the parent ended before the signal was armed
            os._exit(1)

    return arm
