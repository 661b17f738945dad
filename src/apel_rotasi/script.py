"""The console script ``apel-rotasi`` and ``python -m apel_rotasi``: one short run in a
process of its own.

The garbage collector is off from before the first import to the exit. A run lasts a
fraction of a second and what it lets go is freed by reference counting; its passes over
the objects the imports make cost more than the few cycles left would. At the exit the
heap is frozen: CPython's shutdown would still collect every object, and the operating
system takes the memory back at once (atexit handlers, flushes and deallocation run as
before).
"""

import gc


def main() -> None:
    gc.disable()
    try:
        from apel_rotasi.cli import main as run

        run()
    finally:
        gc.freeze()
