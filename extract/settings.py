"""Every tunable of the package in one place: limits, timeouts, defaults of the command line.

Imports nothing: any module may read it.
"""
from __future__ import annotations

# Seconds one regex call may take on untrusted text; a guard only, since the
# patterns have no nested unbounded repeats. Hitting it becomes a warning.
REGEX_TIMEOUT = 1.0
# Articles shorter than this run their regexes without the per-call timeout (see
# extract/language/guard.py): no call on so little text can run long, and each timeout costs
# two clock system calls per call and per match.
REGEX_GUARD_FROM = 10_000

# A 3-5 KB news article is the norm; a million characters is a long report,
# extracting from it takes seconds, and it is spaCy's own default max_length.
DEFAULT_MAX_CHARS = 1_000_000
# Real paragraphs stay under a few thousand characters; a longer line is
# an embedded blob (base64, a table dumped on one line, junk).
DEFAULT_MAX_LINE = 200_000

# A compressed input stops once it has decompressed to the larger of these
# (text compresses 3-10 times; a bomb 1000 times), and a JSON Lines file after
# this many lines, so a file of blank lines cannot keep a run busy for hours.
MAX_DECOMPRESSED_BYTES = 1 << 30
MAX_DECOMPRESSION_RATIO = 100
MAX_LINES_PER_FILE = 10_000_000

# Seconds of extraction one article may take: past it, the remaining steps are
# skipped and the record keeps what was found so far, with a warning. The finders
# are near-linear, so only a pathological page gets near it (a 1M-character page
# of figures takes about 15 s on one core); it keeps its batch-mates moving.
ARTICLE_TIME_BUDGET = 60.0

# `extract run`
DEFAULT_OUT = "outputs/records.jsonl"
DEFAULT_BATCH_SIZE = 64  # articles per atomically written batch

# `extract review`: the dashboard charts only times in this window; earlier or later ones are
# placeholders or typos (a site's 0001-01-01), which would stretch every time axis.
REVIEW_FIRST_YEAR = 1990
REVIEW_YEARS_AHEAD = 5  # past the current year: plans and targets ("đến năm 2030") still fit
