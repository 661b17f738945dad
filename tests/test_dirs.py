"""The user folders: the same answer as platformdirs, without importing it on Linux."""

import sys

import platformdirs
import pytest

from apel_rotasi.store import dirs

# (environment, whether the answer comes without asking platformdirs)
ENVIRONMENTS = [
    ({"XDG_CACHE_HOME": "/srv/cache/", "XDG_DATA_HOME": "/srv/data/", "HOME": None}, True),
    ({"XDG_CACHE_HOME": "", "XDG_DATA_HOME": "", "HOME": "/home/sekda"}, True),
    ({"XDG_CACHE_HOME": " ", "XDG_DATA_HOME": " ", "HOME": "/home/sekda/"}, True),
    ({"HOME": "/home/sekda"}, True),
    ({"HOME": "/home/sekda", "XDG_CACHE_HOME": "rel", "XDG_DATA_HOME": "rel"}, True),
    ({"HOME": "relative"}, False),
    ({"HOME": ""}, False),
    ({"HOME": None}, False),
]


@pytest.fixture(
    params=ENVIRONMENTS, ids=lambda case: " ".join(f"{k}={v!r}" for k, v in case[0].items())
)
def answer(request, monkeypatch):
    """Call a dirs function in the environment; platformdirs unimportable for a shortcut."""
    environment, shortcut = request.param
    for key in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(key, raising=False)
    for key, value in environment.items():
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    if sys.platform != "linux" and shortcut:
        pytest.skip("the XDG shortcut is for Linux")

    def call(function):
        with monkeypatch.context() as inner:
            if shortcut:
                inner.setitem(sys.modules, "platformdirs", None)  # import fails if tried
            return function()

    return call


def test_the_cache_folder_is_platformdirs_answer(answer):
    expected = platformdirs.user_cache_path("apel-rotasi", appauthor=False)
    assert answer(dirs.user_cache_dir) == expected


def test_the_default_home_is_platformdirs_answer(answer):
    expected = platformdirs.user_data_path("apel-rotasi", appauthor=False)
    assert answer(dirs.user_data_dir) == expected


def test_the_default_home_on_windows_is_one_apel_rotasi_folder(monkeypatch):
    """Windows simulated: platformdirs asked for the tool's folders with no app author, so
    the home is %LOCALAPPDATA%\\apel-rotasi, not apel-rotasi\\apel-rotasi."""
    import ntpath

    import platformdirs
    from platformdirs import windows

    local = "C:\\Users\\Clerk\\AppData\\Local"
    monkeypatch.setattr(windows, "get_win_folder", lambda name: local)

    def as_on_windows(appname: str, appauthor: object = None, **_: object) -> str:
        with monkeypatch.context() as windows_paths:
            windows_paths.setattr(windows.os, "path", ntpath)
            return windows.Windows(appname=appname, appauthor=appauthor).user_data_dir

    monkeypatch.setattr(platformdirs, "user_data_path", as_on_windows)
    monkeypatch.setattr(dirs.sys, "platform", "win32")
    assert str(dirs.user_data_dir()) == "C:\\Users\\Clerk\\AppData\\Local\\apel-rotasi"
