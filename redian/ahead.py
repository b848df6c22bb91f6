"""Per-item work done ahead, in a second process, while the caller works through earlier items.

Placing headlines into stories is sequential (each placement depends on the ones before it), but
a large part of each new headline's cost is not: its cleaned title, match key, profile and meaning
vector depend on the headline alone.  Over a year of hot lists that is about 40% of a batch, and
the machines this runs on have a second core idle.  :func:`ahead` hands that part to a worker
process that runs a chunk ahead of the caller.

The answers cannot change with it.  The caller computes every chunk the worker has not delivered
when it is needed (while the worker starts up, or if it is slow or dies) with the same function,
and tells the worker to skip past it.  The worker only ever saves time, and a batch gives the same
result on one core or two, bit for bit (``tests/test_ahead.py``).

The worker is a fresh interpreter (``python -c``) talking over a socket pair, not a
``multiprocessing`` child: forking a process that holds threads (numpy's BLAS pool, a web
server's) can deadlock the child, and multiprocessing's spawn re-runs the caller's main script,
which breaks any script without a ``__main__`` guard.  Starting one costs half a second of
imports, during which the caller works on its own, so it is used only for batches large enough
to gain (:data:`MIN_ITEMS`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Generator, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

__all__ = ["MIN_ITEMS", "ahead", "goes_ahead", "spare_cores"]

T = TypeVar("T")
R = TypeVar("R")

#: below this many items the worker's start-up (imports, models) costs more than it saves
MIN_ITEMS = 20_000
#: items per message: big enough that pickling and the socket cost little per item, small enough
#: that the caller never waits long for the first one
CHUNK = 256
_INDEX_BYTES = 4
_START = "from redian.ahead import _serve; _serve"
#: chunks the worker may run ahead of the caller
_QUEUED = 4


def spare_cores() -> int:
    """Cores this process may run on besides its own (0 on a one-core machine or container)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # (not Linux)
        cores = os.cpu_count() or 1
    return max(cores - 1, 0)


def goes_ahead(items: int, parallel: bool | None = None) -> bool:
    """Whether :func:`ahead` would start a worker for this many items (``parallel`` as there)."""
    if parallel is None:
        parallel = items >= MIN_ITEMS and spare_cores() > 0
    return parallel and items > 0 and os.name == "posix" and bool(sys.executable)


def ahead(
    work: Callable[[T], R], items: Sequence[T], parallel: bool | None = None, chunk: int | None = None
) -> Generator[R, None, None]:
    """``work(item)`` for each item, in order, computed ahead by a worker process when it pays.

    ``work`` must be picklable (a module-level function, or an instance of a module-level class)
    and pure for the answers to be the same either way: it may keep a cache, since the caller's
    copy and the worker's see different items.  ``parallel`` None decides by the batch's size and
    the machine's cores; True and False force it (tests).  ``chunk``: items per message
    (:data:`CHUNK`)."""
    chunk = chunk or CHUNK
    worker = None
    if goes_ahead(len(items), parallel):
        try:
            worker = _Worker(work, items, chunk)
        except (OSError, ValueError, TypeError, AttributeError, pickle.PicklingError):
            worker = None  # no interpreter or process to start, or work that cannot travel: alone
    if worker is None:
        for item in items:
            yield work(item)
        return
    try:
        for start in range(0, len(items), chunk):
            index = start // chunk
            done: list[R] | None = worker.take(index)
            if done is None:
                done = [work(item) for item in items[start : start + chunk]]
                worker.skip(index)
            yield from done
    finally:
        worker.close()


class _Worker:
    """The worker process, seen from the caller: a thread takes its chunks off the socket as
    they come (so that it is never held back by the caller's pace and can run several chunks
    ahead), and the caller takes them from a bounded queue."""

    def __init__(self, work: Callable[[Any], Any], items: Sequence[Any], chunk: int) -> None:
        # (pickled before any process starts: work that cannot be pickled fails here, alone)
        payload = pickle.dumps((work, items, chunk), protocol=pickle.HIGHEST_PROTOCOL)
        mine, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            # (the caller's import path, as multiprocessing passes it: ``work`` may live anywhere)
            [sys.executable, "-c", f"import sys; sys.path[:] = {sys.path!r}; {_START}({theirs.fileno()})"],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.sock = mine
        self.conn = Connection(os.dup(mine.fileno()))
        self.inbox: queue.Queue[tuple[int, bytes] | None] = queue.Queue(maxsize=_QUEUED)
        self.pending: dict[int, bytes] = {}
        self.alive = True
        # the items go over first, in the reader thread: the worker reads them only once its
        # imports are done, and the caller starts on the first chunks meanwhile
        self.started = False
        self.done = -1  # the last chunk the caller did itself
        self.sending = threading.Lock()  # (the caller and the reader thread both send)
        self.reader = threading.Thread(target=self._read, args=(payload,), daemon=True)
        self.reader.start()

    def take(self, index: int) -> list[Any] | None:
        """Chunk ``index`` if the worker has delivered it, without waiting."""
        while True:
            try:
                message = self.inbox.get_nowait()
            except queue.Empty:
                break
            if message is None:
                self.alive = False
                break
            self.pending[message[0]] = message[1]
        for old in [i for i in self.pending if i < index]:  # (done by the caller meanwhile)
            del self.pending[old]
        body = self.pending.pop(index, None)
        if body is None:
            return None
        done: list[Any] = pickle.loads(body)
        return done

    def skip(self, index: int) -> None:
        """Tell the worker the caller did chunk ``index`` itself."""
        with self.sending:
            self.done = index
            if self.alive and self.started:  # (else the reader thread tells it once it can)
                self._tell(index)

    def _tell(self, index: int) -> None:
        try:
            self.conn.send_bytes(index.to_bytes(_INDEX_BYTES, "little"))
        except OSError:
            self.alive = False

    def close(self) -> None:
        self.alive = False
        with contextlib.suppress(OSError):  # (shut down, not only closed: it wakes the reader)
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        self.conn.close()  # the worker sees the socket close and stops
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        while self.reader.is_alive():  # (a reader blocked on a full queue: free it)
            with contextlib.suppress(queue.Empty):
                self.inbox.get_nowait()
            self.reader.join(timeout=0.05)

    def _read(self, payload: bytes) -> None:
        try:
            self.conn.send_bytes(payload)
            with self.sending:
                self.started = True
                if self.done >= 0:  # (the chunks the caller did while the worker started)
                    self._tell(self.done)
            while self.alive:
                message = self.conn.recv_bytes()
                self.inbox.put((int.from_bytes(message[:_INDEX_BYTES], "little"), message[_INDEX_BYTES:]))
        except (OSError, EOFError):
            pass  # the worker died, or the caller finished first: it works alone
        finally:
            if self.alive:
                self.inbox.put(None)


def _serve(fd: int) -> None:
    """The worker: chunk after chunk, skipping the ones the caller did itself.  Sending blocks
    once the caller's queue is full, so the worker stays a few chunks ahead at most and memory
    stays bounded."""
    conn = Connection(fd)
    try:
        work, items, chunk = pickle.loads(conn.recv_bytes())
        index = 0
        chunks = (len(items) + chunk - 1) // chunk
        while index < chunks:
            while conn.poll():
                index = max(index, int.from_bytes(conn.recv_bytes(), "little") + 1)
            if index >= chunks:
                break
            done = [work(item) for item in items[index * chunk : (index + 1) * chunk]]
            payload = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
            conn.send_bytes(index.to_bytes(_INDEX_BYTES, "little") + payload)
            index += 1
    except (OSError, EOFError, KeyboardInterrupt):
        pass  # the caller finished or stopped: nothing left to do
    except Exception:
        pass  # bad input or a bug in ``work``: the caller meets it itself, with its own error
    finally:
        conn.close()
