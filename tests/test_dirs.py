"""The user folders: the same answer as platformdirs, without importing it on Linux."""

import os
import subprocess
import sys

import platformdirs
import pytest

from apel_rotasi import dirs

ENVIRONMENTS = [
    {"XDG_CACHE_HOME": "/srv/cache/", "XDG_DATA_HOME": "/srv/data/"},
    {"XDG_CACHE_HOME": "", "XDG_DATA_HOME": ""},
    {"XDG_CACHE_HOME": "relative", "XDG_DATA_HOME": "relative"},
    {"HOME": "/home/sekda"},
    {"HOME": "/home/sekda", "XDG_CACHE_HOME": "rel", "XDG_DATA_HOME": "rel"},
    {"HOME": "relative"},
    {"HOME": ""},
]


@pytest.fixture(params=ENVIRONMENTS, ids=lambda env: " ".join(f"{k}={v!r}" for k, v in env.items()))
def env(request, monkeypatch):
    for key in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(key, raising=False)
    for key, value in request.param.items():
        monkeypatch.setenv(key, value)


def test_the_cache_folder_is_platformdirs_answer(env):
    assert dirs.user_cache_dir() == platformdirs.user_cache_path("apel-rotasi", appauthor=False)


def test_the_default_home_is_platformdirs_answer(env):
    assert dirs.user_data_dir() == platformdirs.user_data_path("apel-rotasi", appauthor=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG shortcut is for Linux")
def test_plan_in_the_default_home_does_not_import_platformdirs(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("APEL_ROTASI_", "XDG_"))}
    env["HOME"] = str(tmp_path)
    probe = (
        "import sys\n"
        "from apel_rotasi.cli import app\n"
        "try:\n"
        "    app(['plan', '--start', '2025-04-14', '--weeks', '1', '--format', 'csv'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print('platformdirs' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "2025-04-14,Senin,1,16.71.06,Ilir Timur II,IT II,Aprizal Hasyim,planned,"
    assert lines[-1] == "False"
