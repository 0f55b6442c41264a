"""Derived data kept beside its source in __pycache__, as Python keeps bytecode: read back when its key
still matches, written atomically, and skipped silently where the folder cannot be written (a read-only
install then rebuilds at every start)."""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, Optional


def load(path: Path) -> Optional[Any]:
    """The pickled value, or None when there is none yet or it cannot be read."""
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, truncated, or written by another version: rebuilt by the caller
        return None


def store(path: Path, value: Any, stale: str) -> None:
    """Writes `value` to `path` in place of the files matching `stale` (the same source's older keys)."""
    try:
        path.parent.mkdir(exist_ok=True)
        for old in path.parent.glob(stale):
            old.unlink(missing_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:  # a read-only install
        pass
