"""The README's examples and command reference are generated from the real CLI (cog)."""

import subprocess
import sys

from conftest import REPO


def test_readme_is_what_the_cli_prints():
    done = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", "README.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (
        f"README.md is out of date: run `uv run cog -r README.md`\n{done.stdout}{done.stderr}"
    )


def test_readme_opens_with_the_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    head = text[: text.index("## Install")]
    assert (
        "uv run apel-rotasi plan" in head and "uv run pytest" in head and "pip install uv" in head
    )
    assert (REPO / ".ci" / "run").read_text().strip().endswith("uv run pytest")
