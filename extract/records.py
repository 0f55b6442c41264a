"""Records files (JSON Lines written by `extract run`) as opened by export, review, audit and evaluate.

A file is checked before anything is written: a missing, unreadable or empty file, or one whose first
line is not a record, is refused with one line naming the file and the problem, and exit code 1.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional, Union

EXIT_NOT_RECORDS = 1
WHAT = "JSON Lines from `extract run`, an object with an 'id' on each line"


def problem(path: Union[str, Path]) -> Optional[str]:
    """Why `path` cannot be read as records, naming it; None when its first line is a record."""
    try:
        with open(path, "rb") as f:
            number, first = next(((n, line) for n, line in enumerate(f, 1) if line.strip()), (0, None))
    except FileNotFoundError:
        return f"{path}: no such file"
    except IsADirectoryError:
        return f"{path}: a folder, not a records file ({WHAT})"
    except OSError as exc:
        return f"{path}: cannot be read ({exc.strerror or exc})"
    if first is None:
        return f"{path}: empty, no record in it"
    try:
        obj = json.loads(first)
    except (ValueError, RecursionError):
        obj = None
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        return f"{path}:{number}: not a record (expected {WHAT})"
    return None


def refuse(command: str, *paths: Union[str, Path]) -> Optional[int]:
    """Prints the first problem of `paths` as `extract COMMAND: …` and returns the exit code; None when all are fine."""
    for path in paths:
        if (why := problem(path)) is not None:
            print(f"extract {command}: {why}", file=sys.stderr)
            return EXIT_NOT_RECORDS
    return None
