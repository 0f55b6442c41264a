"""The byte fuzzer's inputs (scripts/fuzz_bytes.py) through the reader: no exception escapes it."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

SPEC = importlib.util.spec_from_file_location("fuzz_bytes", Path(__file__).parents[1] / "scripts" / "fuzz_bytes.py")
fuzz_bytes = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(fuzz_bytes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_no_exception_escapes_the_reader(seed, tmp_path):
    name, data = fuzz_bytes.make(random.Random(seed))
    fuzz_bytes.check(name, data, tmp_path)


def test_a_corrupt_gzip_from_the_fuzzer_is_read_without_escaping(tmp_path):
    data = bytearray(fuzz_bytes.gzip.compress(fuzz_bytes.VI.encode() * 500))
    data[30:60] = bytes(30)
    fuzz_bytes.check("a.jsonl.gz", bytes(data), tmp_path)
    fuzz_bytes.check("a.txt.gz", bytes(data), tmp_path)
