"""The console script's own process: where it caches by default, and how it exits.

Each check runs in a fresh interpreter (``sys.executable -c …``). How fast the tool
starts is measured in bench/startup.py, never asserted here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import gc, json, sys
from apel_rotasi.script import main
sys.argv = ["apel-rotasi", *{args!r}]
before = sum(each["collections"] for each in gc.get_stats())
try:
    main()
except SystemExit as done:
    code = done.code or 0
else:
    code = 0
result = {{
    "code": code,
    "frozen": gc.get_freeze_count(),
    "collecting": gc.isenabled(),
    "collections": sum(each["collections"] for each in gc.get_stats()) - before,
}}
sys.stderr.write("\\nMODULES " + json.dumps(result) + "\\n")
"""


def probe(args: list[str], env: dict[str, str]) -> tuple[dict, str]:
    """Run the console script's ``main()`` on ``args`` in a new interpreter.

    Returns its exit code, how many objects it froze for shutdown, whether the garbage
    collector is on after it and how many collections ran in it, and its standard output.
    """
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("MODULES ")]
    assert done.returncode == 0 and lines, f"the probe failed:\n{done.stderr}"
    return json.loads(lines[-1].removeprefix("MODULES ")), done.stdout


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: an empty home and a cache of this test's own."""
    home = tmp_path / "home"
    home.mkdir()
    base = {k: v for k, v in os.environ.items() if not k.startswith("APEL_ROTASI_")}
    return {
        **base,
        "APEL_ROTASI_HOME": str(home),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "COLUMNS": "80",
    }


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG shortcut is for Linux")
def test_plan_in_the_default_home_caches_in_the_xdg_default_folder(env: dict[str, str]) -> None:
    home = Path(env.pop("APEL_ROTASI_HOME")).parent / "user"
    env = {k: v for k, v in env.items() if not k.startswith("XDG_")} | {"HOME": str(home)}
    args = ["plan", "--start", "2025-04-14", "--weeks", "1", "--format", "csv"]
    result, out = probe(args, env)
    assert result["code"] == 0
    assert out.splitlines()[1].startswith("2025-04-14,Senin,1,16.71.06,Ilir Timur II,")
    assert (home / ".cache" / "apel-rotasi").is_dir()  # the cache went to the XDG default


def test_the_console_script_leaves_the_heap_to_the_operating_system(env: dict[str, str]) -> None:
    """The run, its imports included, has no garbage collection passes, and the heap is
    frozen on the way out, so shutdown skips its own."""
    args = ["plan", "--start", "2025-04-14", "--weeks", "1", "-f", "csv"]
    result, out = probe(args, env)
    assert out.splitlines()[0].startswith("date,weekday,round,")
    assert result["code"] == 0 and result["frozen"] > 10_000, result
    assert result["collecting"] is False and result["collections"] == 0, result


def test_the_console_script_is_the_run_in_a_process_of_its_own() -> None:
    """``apel-rotasi`` enters through ``apel_rotasi.script``, which sets the collector for
    the process; ``apel_rotasi.cli.main`` is the run a program may call in its own."""
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="apel-rotasi")
    assert script.value == "apel_rotasi.script:main"
