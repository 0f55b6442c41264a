"""The sidecar journal that makes `extract run` resumable.

`OUT.journal` records, after every batch, the output's committed byte length and
the number of input items behind it. A batch is appended to OUT and fsynced
before the journal is atomically replaced, so the journal never claims more
than is on disk; on restart OUT is truncated to the committed length (dropping
a torn tail or a batch whose journal update was lost) and that many input items
are skipped. A finished run removes its journal.

A fingerprint of every input file (size, mtime, a hash of its first and last
blocks) is written once to `OUT.journal.inputs`, its digest into the journal:
a resume over changed inputs is refused, since skipping "that many items" of
other inputs would leave duplicates and gaps.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

_BLOCK = 1 << 16  # bytes hashed at each end of an input file


class JournalMismatch(Exception):
    """The journal belongs to another command, or its inputs changed: resuming would mix two runs."""


class OutputError(Exception):
    """OUT or its journal could not be written (disk full, read-only, quota): what was committed is intact."""


def _writes(method):
    """OSError while writing OUT or its journal becomes OutputError, so the run tells it from other faults."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc
    return wrapper


def fingerprint(files: Iterable[Path]) -> list[list]:
    """[path, size, mtime_ns, hash of the first and last blocks] of each file, in reading order."""
    prints = []
    for f in files:
        try:
            prints.append([str(f), *_file_print(f)])
        except OSError as e:  # unreadable now: its record says so, and a later change still shows
            prints.append([str(f), None, None, e.strerror])
    return prints


def _file_print(f: Path) -> tuple[int, int, str]:
    # os-level calls: a buffered file object costs more than the read of a small page; non-blocking, so that
    # a FIFO given as an input never hangs the run here
    fd = os.open(f, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        h = hashlib.blake2b(_read_up_to(fd, min(_BLOCK, st.st_size)), digest_size=12)
        if st.st_size > _BLOCK:
            os.lseek(fd, max(_BLOCK, st.st_size - _BLOCK), os.SEEK_SET)
            h.update(_read_up_to(fd, _BLOCK))
        return st.st_size, st.st_mtime_ns, h.hexdigest()
    finally:
        os.close(fd)


def _read_up_to(fd: int, n: int) -> bytes:
    """n bytes, or fewer at the end of the file (a read may return less than asked)."""
    parts, got = [], 0
    while got < n:
        chunk = os.read(fd, n - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _digest(prints: list) -> str:
    return hashlib.blake2b(json.dumps(prints).encode(), digest_size=16).hexdigest()


def _changed(before: Optional[list], now: list) -> str:
    """What differs between two fingerprints, in words."""
    if before is None:
        return "files added, removed or modified"
    old, new = {p[0]: p for p in before}, {p[0]: p for p in now}
    for path in old.keys() - new.keys():
        return f"{path} is gone"
    for path in new.keys() - old.keys():
        return f"{path} is new"
    for path in old:
        if old[path] != new[path]:
            return f"{path} changed (size, time or content)"
    return "the files' order changed"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    def __init__(self, out: Path, command: dict, bytes_: int, items: int, counts: dict):
        self.given: Optional[list] = None
        self.inputs: Union[list, Callable[[], list], None] = None
        self._digested: Optional[str] = None
        self.out = out
        self.path = out.with_name(out.name + ".journal")
        self.command = command
        self.bytes = bytes_
        self.items = items
        self.counts = counts
        self._file = None

    @classmethod
    @_writes
    def open(cls, out: Path, command: dict, restart: bool = False, given: Optional[list] = None,
             inputs: Union[list, Callable[[], list], None] = None) -> "Journal":
        """Resumes the run recorded next to OUT, or starts one (always when `restart`). `given` is the input
        paths as typed (records keep that spelling), `inputs` their files' fingerprint, or the function that
        takes it: called now to resume, at the first commit of a fresh run (its workers start meanwhile)."""
        out.parent.mkdir(parents=True, exist_ok=True)
        j = cls(out, command, 0, 0, {})
        state = None if restart else j._read()
        if state is not None and callable(inputs):
            inputs = inputs()
        j.given, j.inputs = given, inputs
        if state is not None:
            if state.get("command") != command:
                raise JournalMismatch(
                    f"{j.path} records an unfinished run of another command; "
                    "rerun that command to finish it, or pass --restart to start over")
            if state.get("given", given) != given:
                raise JournalMismatch(
                    f"the unfinished run was given its inputs as {' '.join(state['given'])} and the records keep "
                    "that spelling in source.path: resume with the same paths from the same folder, "
                    "or pass --restart to start over")
            if state.get("inputs") not in (None, j._inputs_digest()):
                raise JournalMismatch(
                    f"an input changed since the run was interrupted ({_changed(j._read_inputs(), inputs)}): "
                    "resuming would skip the wrong items; pass --restart to start over")
            size = out.stat().st_size if out.exists() else -1
            if size >= state["bytes"]:
                j.bytes, j.items, j.counts = state["bytes"], state["items"], state["counts"]
        if state is None or state.get("inputs") is None:
            j._save_inputs()
        j._save()  # first, so a kill during truncation still resumes from this state
        with out.open("ab") as f:
            f.truncate(j.bytes)
            os.fsync(f.fileno())
        _fsync_dir(out.parent)
        j._file = out.open("ab")
        return j

    def _read(self) -> Optional[dict]:
        if not self.path.exists():
            return None
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
            int(state["bytes"]), int(state["items"]), dict(state["counts"])
        except (ValueError, KeyError, TypeError) as exc:
            raise JournalMismatch(f"{self.path} is unreadable ({exc}); pass --restart to start over") from exc
        return state

    def _save(self) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        state = {"command": self.command, "bytes": self.bytes, "items": self.items, "counts": self.counts,
                 "given": self.given, "inputs": self._inputs_digest()}
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(state, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    @property
    def inputs_path(self) -> Path:
        return self.path.with_name(self.path.name + ".inputs")

    def _inputs_digest(self) -> Optional[str]:
        if self.inputs is None or callable(self.inputs):  # none, or not taken yet: no batch is committed
            return None
        if self._digested is None:  # the journal is rewritten after every batch: the fingerprint is hashed once
            self._digested = _digest(self.inputs)
        return self._digested

    def _save_inputs(self) -> None:
        """The full fingerprint, once per run (the journal, rewritten after every batch, holds its digest)."""
        if self.inputs is None or callable(self.inputs):
            return
        tmp = self.inputs_path.with_name(self.inputs_path.name + ".tmp")
        tmp.write_text(json.dumps(self.inputs, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.inputs_path)

    def _read_inputs(self) -> Optional[list]:
        try:
            return json.loads(self.inputs_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    @_writes
    def commit(self, data: bytes, items: int, counts: dict) -> None:
        """Appends one batch's lines (UTF-8) durably, then records them as done."""
        if callable(self.inputs):  # the first commit of a fresh run: the fingerprint, before any batch counts
            self.inputs = self.inputs()
            self._save_inputs()
        if data:
            self._file.write(data)
            self._file.flush()
            os.fsync(self._file.fileno())
        self.bytes += len(data)
        self.items += items
        self.counts = dict(counts)
        self._save()

    @_writes
    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    @_writes
    def finish(self) -> None:
        """The run is complete: the journal goes, so the same command later starts afresh."""
        self.close()
        self.path.unlink(missing_ok=True)
        self.inputs_path.unlink(missing_ok=True)
        _fsync_dir(self.out.parent)
