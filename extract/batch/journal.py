"""The sidecar journal that makes `extract run` resumable.

`OUT.journal` records, after every batch, the output's committed byte length and
the number of input items behind it. A batch is appended to OUT and fsynced
before the journal is atomically replaced, so the journal never claims more
than is on disk; on restart OUT is truncated to the committed length (dropping
a torn tail or a batch whose journal update was lost) and that many input items
are skipped. A finished run removes its journal.

Each commit first fingerprints the input files its batch reached (size, mtime,
a hash of their first and last blocks), in reading order; the fingerprints go
to `OUT.journal.inputs`, the digest of all taken so far and their count into
the journal. A resume fingerprints as many files again and is refused if they
differ, since skipping "that many items" of other inputs would leave duplicates
and gaps. Files the run has not reached may change: they are read afresh. Taken
batch by batch, the fingerprint costs no pause before the first commit however
many files there are, and a file is read for it while still in the page cache.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

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


def fingerprint(f: Union[str, Path]) -> list:
    """[path, size, mtime_ns, hash of the first and last blocks] of an input file."""
    try:
        return [str(f), *_file_print(f)]
    except OSError as e:  # unreadable now: its record says so, and a later change still shows
        return [str(f), None, None, e.strerror]


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


class _Taken:
    """The input files' fingerprints taken so far, in reading order: how many, the last one's path, and the
    digest of their list as JSON, kept as they come (the list is never held whole)."""

    def __init__(self, files: Iterable[Union[str, Path]]):
        self.files: Iterator[Union[str, Path]] = iter(files)
        self.count = 0
        self.last: Optional[str] = None
        self._hash = hashlib.blake2b(b"[", digest_size=16)

    def take(self, n: Optional[int] = None, through: Optional[str] = None) -> Iterator[list]:
        """Fingerprints the next files: `n` of them, or up to the file named `through` (as an item's source names
        it), or all; a `through` already taken takes none."""
        if through is not None and self.last is not None and _names(self.last, through):
            return
        for f in islice(self.files, n):  # n None: all
            entry = fingerprint(f)
            self._hash.update((b", " if self.count else b"") + json.dumps(entry).encode())
            self.count += 1
            self.last = entry[0]
            yield entry
            if through is not None and _names(entry[0], through):
                return

    def digest(self) -> str:
        closed = self._hash.copy()
        closed.update(b"]")
        return closed.hexdigest()


def _names(listed: str, source: str) -> bool:
    """Whether an item's source path names this listed input file. Reading names a file given as an argument
    str(Path(argument)); the endswith spares building a Path for every file of a folder."""
    return listed == source or (listed.endswith(os.path.basename(source)) and str(Path(listed)) == source)


def _changed(before: Optional[list], now: list, later: Iterable[str] = ()) -> str:
    """What differs, in words, between the fingerprints a run took and those of as many files now (`now`, in
    reading order; `later`, the paths listed after them)."""
    if before is None:
        return "files added, removed or modified"
    listed = {p[0] for p in now}.union(map(str, later))
    for p in before:
        if p[0] not in listed:
            return f"{p[0]} is gone"
    old = {p[0] for p in before}
    for p in now:
        if p[0] not in old:
            return f"{p[0]} is new"
    for was, now_ in zip(before, now):
        if was != now_:
            return f"{was[0]} changed (size, time or content)" if was[0] == now_[0] else "the files' order changed"
    return "files added, removed or modified"  # the saved fingerprints are not those the journal's digest covers


def _read_prints(path: Path) -> Optional[list]:
    """The fingerprints saved in a file, one JSON array a line; None if it is missing or in another form (an
    older run wrote them as one array)."""
    try:
        with path.open(encoding="utf-8") as f:
            entries = [json.loads(line) for line in f]
    except (OSError, ValueError):
        return None
    return entries if all(isinstance(e, list) and e and isinstance(e[0], str) for e in entries) else None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    def __init__(self, out: Path, command: dict, bytes_: int, items: int, counts: dict):
        self.given: Optional[list] = None
        self.inputs: Optional[_Taken] = None
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
             files: Optional[Iterable[Union[str, Path]]] = None) -> "Journal":
        """Resumes the run recorded next to OUT, or starts one (always when `restart`). `given` is the input
        paths as typed (records keep that spelling), `files` the input files in reading order, listed lazily:
        a resume fingerprints as many as the run had reached, a fresh run none until its first commit."""
        out.parent.mkdir(parents=True, exist_ok=True)
        j = cls(out, command, 0, 0, {})
        state = None if restart else j._read()
        j.given, j.inputs = given, None if files is None else _Taken(files)
        taken = False
        tmp = j.inputs_path.with_name(j.inputs_path.name + ".tmp")
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
            if state.get("inputs") is not None:
                j._check_inputs(state["inputs"], state.get("inputs_files"), tmp)  # or refused
                taken = True
            size = out.stat().st_size if out.exists() else -1
            if size >= state["bytes"]:
                j.bytes, j.items, j.counts = state["bytes"], state["items"], state["counts"]
        if j.inputs is not None:
            if not taken:
                tmp.write_bytes(b"")
            os.replace(tmp, j.inputs_path)  # exactly the fingerprints taken: a resume's, or none yet
        j._save()  # first, so a kill during truncation still resumes from this state
        with out.open("ab") as f:
            f.truncate(j.bytes)
            os.fsync(f.fileno())
        _fsync_dir(out.parent)
        j._file = out.open("ab")
        return j

    def _check_inputs(self, digest: str, count: Optional[int], tmp: Path) -> None:
        """Fingerprints the files the interrupted run had reached (`count`; None, from a journal older than the
        count: all) into `tmp`, and refuses the resume if they are not the ones it took."""
        now: list = []
        if self.inputs is not None:
            with tmp.open("w", encoding="utf-8") as f:
                for entry in self.inputs.take(count):
                    f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            if self.inputs.digest() == digest:
                return
            now = _read_prints(tmp) or []
            tmp.unlink()
        why = _changed(_read_prints(self.inputs_path), now, self.inputs.files if self.inputs is not None else ())
        raise JournalMismatch(f"an input changed since the run was interrupted ({why}): "
                              "resuming would skip the wrong items; pass --restart to start over")

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
                 "given": self.given, "inputs": None if self.inputs is None else self.inputs.digest(),
                 "inputs_files": None if self.inputs is None else self.inputs.count}
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(state, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    @property
    def inputs_path(self) -> Path:
        return self.path.with_name(self.path.name + ".inputs")

    @_writes
    def commit(self, data: bytes, items: int, counts: dict, through: Optional[str] = None) -> None:
        """Appends one batch's lines (UTF-8) durably, then records them as done. `through` is the input file
        the batch's last article came from: the files up to it are fingerprinted first, before the batch counts."""
        if self.inputs is not None and through is not None:
            entries = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.inputs.take(through=through))
            if entries:  # for the refusal's message only: the journal's digest is what a resume checks
                with self.inputs_path.open("a", encoding="utf-8") as f:
                    f.write(entries)
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
