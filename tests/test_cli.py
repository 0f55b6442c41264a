"""The command line as a user meets it: run on the corpus, schema, and bad input."""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys

import pytest
from conftest import CORPUS, ROOT

from extract import cli


def _extract(*args, **kw):
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, **kw)


def test_run_writes_one_valid_record_per_corpus_article(tmp_path):
    out = tmp_path / "records.jsonl"
    done = _extract("run", str(CORPUS), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == sorted(p.stem for p in CORPUS.glob("*.txt"))


def test_schema_command_prints_the_record_schema():
    done = _extract("schema")
    assert done.returncode == 0
    assert json.loads(done.stdout)["title"] == "Record"


def test_run_reads_standard_input(tmp_path):
    out = tmp_path / "stdin.jsonl"
    text = "Cái Bè: Sơ kết cải cách hành chính quý I năm 2023\n\nUBND huyện Cái Bè tiếp nhận 1.245 hồ sơ."
    done = _extract("run", "-", "--out", str(out), "--workers", "1", input=text)
    assert done.returncode == 0, done.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["title"] == "Cái Bè: Sơ kết cải cách hành chính quý I năm 2023"


def test_run_exits_non_zero_only_when_nothing_could_be_read(tmp_path):
    missing = tmp_path / "nothing-here.txt"
    done = _extract("run", str(missing), "--out", str(tmp_path / "o.jsonl"), "--workers", "1")
    assert done.returncode == 1
    assert "nothing-here.txt" in done.stderr
    assert not (tmp_path / "o.jsonl").exists()  # no empty output left behind


def test_run_keeps_the_text_of_stdin_articles_for_the_review_only_when_asked(tmp_path):
    from extract.review import build

    text = "UBND huyện Cái Bè tiếp nhận 1.245 hồ sơ trực tuyến."
    for keep in (False, True):
        out = tmp_path / f"stdin-{keep}.jsonl"
        done = _extract("run", "-", "--out", str(out), "--workers", "1", *(["--keep-text"] if keep else []), input=text)
        assert done.returncode == 0, done.stderr
        record = json.loads(out.read_text(encoding="utf-8"))
        assert ("text" in record) is keep
        page = (build(out, tmp_path / f"site-{keep}") / "articles" / "stdin.html").read_text(encoding="utf-8")
        assert ("1.245 hồ sơ trực tuyến" in page) is keep
        assert ("--keep-text" in page) is not keep  # the page says how to get the text


def test_help_says_what_the_tool_does_and_what_every_argument_is(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    top = capsys.readouterr().out
    assert "news articles" in top and "COMMANDS" not in top and "exit codes" in top and "130" in top
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(cli.COMMANDS)
    for name, command in sub.choices.items():
        bare = [a.dest for a in command._actions if not a.help]
        assert bare == [], f"extract {name}: arguments without help: {bare}"


RECORDS_COMMANDS = {
    "export": lambda f, d: ["export", f, "--to", "parquet", d],
    "review": lambda f, d: ["review", f, "--out", d],
    "audit": lambda f, d: ["audit", f],
    "evaluate": lambda f, d: ["evaluate", f, f],
}


@pytest.mark.parametrize("command", sorted(RECORDS_COMMANDS))
@pytest.mark.parametrize("case", ["missing", "folder", "empty", "not records"])
def test_records_commands_refuse_a_bad_file_in_one_line(tmp_path, capsys, command, case):
    path = tmp_path / "records.jsonl"
    if case == "folder":
        path.mkdir()
    elif case == "empty":
        path.write_text("\n")
    elif case == "not records":
        path.write_text("id\ttitle\nbai-1\tCải cách hành chính\n")
    dest = tmp_path / "dest"
    rc = cli.main(RECORDS_COMMANDS[command](str(path), str(dest)))
    err = capsys.readouterr().err
    assert rc == 1
    assert err.count("\n") == 1 and err.startswith(f"extract {command}: {path}") and "Traceback" not in err
    assert re.search(r"no such file|a folder|empty|not a record", err)
    assert not dest.exists()


def test_audit_skips_a_broken_line_with_one_message(tmp_path, capsys):
    good = json.dumps({"id": "a"})
    path = tmp_path / "r.jsonl"
    path.write_text(f"{good}\n{{broken\n")
    assert cli.main(["audit", str(path)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("1 articles") and out.err == f"extract audit: {path}:2: not a record (1 errors), skipped\n"


def test_exit_codes_agree_across_the_docs():
    from extract.batch import EXIT_INTERRUPTED

    docs = {name: (ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "docs/INPUTS.md", "docs/BATCH.md")}
    for name, text in docs.items():
        rows = dict(re.findall(r"^\| (\d+) \| (.*)$", text, re.M))
        interrupted = [code for code, meaning in rows.items() if "interrupt" in meaning]
        said = re.findall(r"(\d+) when interrupted", text)
        assert interrupted + said and set(interrupted + said) == {str(EXIT_INTERRUPTED)}, name


def test_the_command_leaves_pydantic_plugins_unloaded_unless_the_user_says_otherwise(tmp_path):
    """Looking for plugins reads every installed package's entry points at the first model (2% of a start-up)."""
    probe = ("import os, sys; import extract.cli as c; c.main = lambda: print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))"
             " or 0; c.entry()")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    seen = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert seen.stdout.strip() == "__all__"
    env["PYDANTIC_DISABLE_PLUGINS"] = "logfire"
    seen = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert seen.stdout.strip() == "logfire"
