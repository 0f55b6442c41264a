"""The sidecar journal that makes `extract run` resumable.

`OUT.journal` records, after every batch, the output's committed byte length and
the number of input items behind it. A batch is appended to OUT and fsynced
before the journal is atomically replaced, so the journal never claims more
than is on disk; on restart OUT is truncated to the committed length (dropping
a torn tail or a batch whose journal update was lost) and that many input items
are skipped. A finished run removes its journal.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional


class JournalMismatch(Exception):
    """The journal belongs to another command: resuming would mix two runs."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    def __init__(self, out: Path, command: dict, bytes_: int, items: int, counts: dict):
        self.out = out
        self.path = out.with_name(out.name + ".journal")
        self.command = command
        self.bytes = bytes_
        self.items = items
        self.counts = counts
        self._file = None

    @classmethod
    def open(cls, out: Path, command: dict, restart: bool = False) -> "Journal":
        """Resumes the run recorded next to OUT, or starts one (always when `restart`)."""
        out.parent.mkdir(parents=True, exist_ok=True)
        j = cls(out, command, 0, 0, {})
        state = None if restart else j._read()
        if state is not None:
            if state.get("command") != command:
                raise JournalMismatch(
                    f"{j.path} records an unfinished run of another command; "
                    "rerun that command to finish it, or pass --restart to start over")
            size = out.stat().st_size if out.exists() else -1
            if size >= state["bytes"]:
                j.bytes, j.items, j.counts = state["bytes"], state["items"], state["counts"]
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
        state = {"command": self.command, "bytes": self.bytes, "items": self.items, "counts": self.counts}
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(state, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def commit(self, text: str, items: int, counts: dict) -> None:
        """Appends one batch's lines durably, then records them as done."""
        data = text.encode("utf-8")
        if data:
            self._file.write(data)
            self._file.flush()
            os.fsync(self._file.fileno())
        self.bytes += len(data)
        self.items += items
        self.counts = dict(counts)
        self._save()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def finish(self) -> None:
        """The run is complete: the journal goes, so the same command later starts afresh."""
        self.close()
        self.path.unlink(missing_ok=True)
        _fsync_dir(self.out.parent)
