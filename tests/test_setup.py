"""The set-up scripts as a new user meets them: one line per step, the noise in a log shown on failure.

Each runs in a copy of scripts/ with a stand-in for pip or apt-get that talks as much as the real one."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

NOISY = "#!/bin/sh\nfor i in $(seq 600); do echo \"Collecting package-$i (from -r requirements)\"; done\necho oops >&2\nexit {rc}\n"


def project_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def stand_in(path: Path, rc: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NOISY.format(rc=rc))
    path.chmod(0o755)
    return path


def run(root: Path, script: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "SETUP_LOG"}
    return subprocess.run(["bash", str(root / "scripts" / script)], capture_output=True, text=True,
                          env={**clean, **env}, timeout=60)


@pytest.mark.parametrize("script", ["setup.sh", "ensure_chromium.sh"])
def test_a_step_prints_one_line_and_keeps_the_log(tmp_path, script):
    root = project_copy(tmp_path)
    env = {"APT_GET": str(stand_in(tmp_path / "bin" / "apt-get", 0)), "CHROMIUM": str(tmp_path / "no-chromium")}
    stand_in(root / ".venv" / "bin" / "python", 0)
    done = run(root, script, **env)
    shown = (done.stdout + done.stderr).splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert 1 <= len(shown) <= 3 and all(line.endswith("done") for line in shown), shown
    log = (root / "outputs" / "setup.log").read_text()
    assert log.count("Collecting package-") == 600 * len(shown)
    if script == "ensure_chromium.sh":
        assert "about 160 MB" in done.stdout


@pytest.mark.parametrize("script", ["setup.sh", "ensure_chromium.sh"])
def test_a_failed_step_shows_its_log(tmp_path, script):
    root = project_copy(tmp_path)
    env = {"APT_GET": str(stand_in(tmp_path / "bin" / "apt-get", 3)), "CHROMIUM": str(tmp_path / "no-chromium")}
    stand_in(root / ".venv" / "bin" / "python", 3)
    done = run(root, script, **env)
    assert done.returncode == 3
    assert "FAILED (exit 3)" in done.stdout and "oops" in done.stdout
    assert f"full log: {root / 'outputs' / 'setup.log'}" in done.stdout
    assert len(done.stdout.splitlines()) < 50  # the tail of the log, not all of it
    assert not (root / ".venv" / ".extract-installed").exists()  # a failed install is retried next time


def test_nothing_to_do_prints_nothing(tmp_path):
    root = project_copy(tmp_path)
    stand_in(root / ".venv" / "bin" / "python", 0)
    assert run(root, "setup.sh").returncode == 0
    again = run(root, "setup.sh")
    assert again.returncode == 0 and again.stdout + again.stderr == ""
