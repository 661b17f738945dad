"""The tool's folders: the home a run uses, and the user folders platformdirs gives.

On Linux platformdirs answers by the XDG rule below whenever the XDG variable or HOME is
an absolute path; that case skips importing platformdirs (a visible share of a start),
and a test holds the answers equal. Anything else asks platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from apel_rotasi.errors import UserError

APP = "apel-rotasi"
HOME_ENV = "APEL_ROTASI_HOME"


def _xdg(variable: str, fallback: str) -> Path | None:
    if sys.platform != "linux":
        return None
    xdg, home = os.environ.get(variable, ""), os.environ.get("HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg, APP)
    if os.path.isabs(home):
        return Path(home, fallback, APP)
    return None


def user_cache_dir() -> Path:
    """Where the cache lives."""
    found = _xdg("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    from platformdirs import user_cache_path

    return user_cache_path(APP, appauthor=False)


def user_data_dir() -> Path:
    """The default home."""
    found = _xdg("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def resolve_home(option: Path | None) -> Path:
    """``--home``, else ``$APEL_ROTASI_HOME``, else the platform's user data folder."""
    if option is not None:
        home = option
    elif os.environ.get(HOME_ENV):
        home = Path(os.environ[HOME_ENV])
    else:
        home = user_data_dir()
    home = home.expanduser()
    if home.exists() and not home.is_dir():
        raise UserError("home_is_file", path=home)
    return home
