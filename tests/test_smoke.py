"""The commands a newcomer tries first."""

from apel_rotasi import __version__


def test_version(cli):
    assert cli.ok("--version").stdout == f"apel-rotasi {__version__}\n"


def test_plan_on_the_bundled_roster(cli):
    out = cli.ok("plan", "--start", "2025-04-14", "--weeks", "3").stdout
    assert "Senin, 14 April 2025" in out and "Ilir Timur II" in out
