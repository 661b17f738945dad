"""The built wheel carries the bundled roster and works without the repository."""

import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import BUNDLED, REPO


@pytest.mark.skipif(shutil.which("uv") is None, reason="uv builds the wheel")
def test_wheel_ships_the_roster_and_plans_from_it(tmp_path):
    subprocess.run(
        ["uv", "build", "--wheel", "-q", "-o", str(tmp_path / "dist")],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next((tmp_path / "dist").glob("apel_rotasi-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("apel_rotasi/data/kecamatan.toml") == BUNDLED.read_bytes()
        for name in ("wilayah.json.gz", "wilayah-LICENSE.md"):  # the list of regions
            assert archive.read(f"apel_rotasi/data/{name}") == (REPO / "data" / name).read_bytes()
        archive.extractall(tmp_path / "site")
    # The only copy in the repository is data/kecamatan.toml.
    assert sorted(
        p.relative_to(REPO).as_posix()
        for p in REPO.rglob("kecamatan.toml")
        if ".venv" not in p.parts
    ) == ["data/kecamatan.toml"]

    def run(code: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={
                "PYTHONPATH": str(tmp_path / "site"),
                "APEL_ROTASI_HOME": str(tmp_path / "home"),
                "XDG_CACHE_HOME": str(tmp_path / "cache"),
                "PATH": "/usr/bin:/bin",
            },
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split("\n", 1)

    first_line, csv_text = run(
        "import sys; from apel_rotasi.store import roster; print(roster.bundled_roster_path()); "
        "from apel_rotasi.cli import main; sys.argv = ['apel-rotasi', 'plan', '--start', "
        "'2025-04-14', '--weeks', '1', '--format', 'csv']; main()"
    )
    assert first_line.startswith(str(tmp_path / "site"))
    assert "2025-04-14,Senin,1,16.71.06,Ilir Timur II" in csv_text
    first_line, csv_text = run(
        "import sys; from apel_rotasi.store import roster; "
        "print(roster.bundled_path('wilayah.json.gz')); "
        "from apel_rotasi.cli import main; sys.argv = ['apel-rotasi', 'kecamatan', "
        "'--wilayah', '32.73', '--format', 'csv']; main()"
    )
    assert first_line.startswith(str(tmp_path / "site"))
    assert "1,32.73.01,Sukasari,,4,0," in csv_text
