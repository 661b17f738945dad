"""The README's examples and command reference are generated from the real CLI (cog)."""

import io
import sys
import tempfile

from cogapp import Cog
from conftest import REPO


def test_readme_is_what_the_cli_prints(tmp_path, monkeypatch):
    """cog runs in this process, as `uv run cog --check README.md` does in its own; the
    examples' home (docs/readme_cog.py) is made afresh inside the test's folder."""
    monkeypatch.chdir(REPO)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the README puts docs/ on it
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    said = io.StringIO()
    cog = Cog()
    cog.set_output(stdout=said, stderr=said)
    sys.modules.pop("readme_cog", None)  # imported afresh: a new example home
    try:
        status = cog.main(["cog", "--check", "--diff", "README.md"])
    finally:
        sys.modules.pop("readme_cog", None)
    assert status == 0, (
        f"README.md is out of date: run `uv run cog -r README.md`\n{said.getvalue()}"
    )


def test_readme_opens_with_the_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    head = text[: text.index("## Install")]
    assert (
        "uv run apel-rotasi plan" in head and "uv run pytest" in head and "pip install uv" in head
    )
    assert (REPO / ".ci" / "run").read_text().strip().endswith("uv run pytest")
