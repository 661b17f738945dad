"""findings.toml is as safe as history.toml (SPEC Data safety): a `kill -9` at each moment
of a change leaves the old or the new file, in agreement with the journal, and several
clerks adding findings at once lose none and number none twice. Only the process under
test (the one killed, the clerks) is a real one; the rest runs in-process."""

from __future__ import annotations

import json
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import run_process, stress
from test_journal import MOMENTS, _journal_lines, killed_at

NOW = "2025-06-03T09:00:00+07:00"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APEL_ROTASI_NOW", NOW)


def _findings(home: Path) -> dict[int, dict[str, Any]]:
    path = home / "findings.toml"
    if not path.exists():
        return {}
    tables = tomllib.loads(path.read_text(encoding="utf-8")).get("finding", [])
    return {t["id"]: {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in t.items()}
            for t in tables}  # fmt: skip


def _replayed(found: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    state: dict[int, dict[str, Any]] = {}
    for line in found:
        if line["file"] == "findings.toml":
            table = line["after"] or line["before"]
            if line["after"] is None:
                state.pop(table["id"], None)
            else:
                state[table["id"]] = line["after"]
    return state


# `finding done` in the quick profile; every kind of change in the thorough one (.ci/run)
CHANGES = [
    ["finding", "done", "1", "--result", "Teguran"],
    ["finding", "add", "2025-04-14", "Tiga lurah tidak hadir"],
    ["finding", "edit", "1", "--owner", "Camat"],
][: stress(1, 3)]


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("command", CHANGES)
def test_a_kill_at_each_moment_of_a_finding_change(cli, home, moment, command):
    cli.ok("record", "2025-04-14", "IT II")
    cli.ok("finding", "add", "2025-04-14", "Absen rusak")
    old = _findings(home)
    journaled = len(_journal_lines(home))
    killed_at(moment, command)
    found = _journal_lines(home)
    took = len(found) > journaled
    assert took == (moment in ("line-written", "renamed"))
    expected = _replayed(found)
    if moment == "line-written":  # pending: the old file, the new one beside it
        assert _findings(home) == old and (home / ".findings.toml.tmp").exists()
    else:
        assert _findings(home) == expected
    shown = json.loads(cli.ok("findings", "-f", "json").stdout)
    assert {r["id"]: r["text"] for r in shown} == {i: t["text"] for i, t in expected.items()}
    check = cli.ok("check")
    assert check.stdout == "OK\n", check.stderr
    # the next change completes what the journal holds, and leaves no temporary file
    cli.ok("finding", "edit", "1", "--letter", "800/1")
    assert _findings(home) == _replayed(_journal_lines(home))
    assert not list(home.glob(".*.tmp"))
    if took:
        cli.ok("undo")  # the letter
        cli.ok("undo")  # the killed command's change
        assert _findings(home) == old


CLERKS = stress(4, 8)


def test_clerks_adding_findings_at_once_lose_none(cli, home):
    """Each clerk a real process, two findings each, all at once."""
    cli.ok("record", "2025-04-14", "IT II")
    texts = [f"Temuan {n}" for n in range(2 * CLERKS)]
    with ThreadPoolExecutor(CLERKS) as pool:
        runs = list(pool.map(lambda t: run_process("finding", "add", "2025-04-14", t), texts))
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
    found = _findings(home)
    assert sorted(found) == list(range(1, len(texts) + 1))  # numbered in order, none twice
    assert sorted(t["text"] for t in found.values()) == sorted(texts)
    journaled = [line for line in _journal_lines(home) if line["file"] == "findings.toml"]
    assert len(journaled) == len(texts)
    assert sorted(p.name for p in home.iterdir() if p.name.startswith(".")) == []
