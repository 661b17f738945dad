"""A change reads its file once before the lock and reuses that read under the lock only
when the file's content is the same: what another writer put there in between is kept."""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from apel_rotasi.store import safewrite

IT2, KEMUNING, AAL = "16.71.06", "16.71.09", "16.71.15"
NOW = {"APEL_ROTASI_NOW": "2025-05-06T09:00:00+07:00"}


def kecamatan_by_date(home: Path) -> dict[str, str]:
    tables = tomllib.loads((home / "history.toml").read_text(encoding="utf-8"))["apel"]
    return {t["date"].isoformat(): t["kecamatan"] for t in tables}


def writer_before_the_lock(monkeypatch: pytest.MonkeyPatch, write: object) -> None:
    """Another writer changes the file between the dry run and the lock."""
    real = safewrite.locked

    @contextlib.contextmanager
    def locked(path: Path) -> Iterator[None]:
        write(path)  # type: ignore[operator]
        with real(path):
            yield

    monkeypatch.setattr(safewrite, "locked", locked)


def test_an_apel_another_writer_recorded_meanwhile_stays(cli, home, monkeypatch):
    cli.ok("record", "2025-04-14", IT2, env=NOW)

    def other(path: Path) -> None:
        with path.open("a", encoding="utf-8") as file:
            file.write(f'\n[[apel]]\ndate = 2025-04-21\nkecamatan = "{AAL}"\nleader = "sekda"\n')

    writer_before_the_lock(monkeypatch, other)
    cli.ok("record", "2025-04-28", KEMUNING, env=NOW)
    assert kecamatan_by_date(home) == {"2025-04-14": IT2, "2025-04-21": AAL, "2025-04-28": KEMUNING}


def test_a_change_of_the_same_length_and_time_stamps_is_seen(cli, home, monkeypatch):
    cli.ok("record", "2025-04-14", IT2, env=NOW)

    def other(path: Path) -> None:
        info = path.stat()
        path.write_text(path.read_text(encoding="utf-8").replace(IT2, AAL), encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))

    writer_before_the_lock(monkeypatch, other)
    cli.ok("record", "2025-04-28", KEMUNING, env=NOW)
    assert kecamatan_by_date(home) == {"2025-04-14": AAL, "2025-04-28": KEMUNING}


def test_what_another_writer_did_after_the_command_read_the_home_stays(cli, home, monkeypatch):
    """record validates history.toml once, as it loads the home; the change takes that read
    only while the file still holds the content it came from."""
    from apel_rotasi.commands import record

    cli.ok("record", "2025-04-14", IT2, env=NOW)
    real = record.change_history

    def after_the_load(*args: object, **kwargs: object) -> object:
        with (home / "history.toml").open("a", encoding="utf-8") as file:
            file.write(f'\n[[apel]]\ndate = 2025-04-21\nkecamatan = "{AAL}"\nleader = "sekda"\n')
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(record, "change_history", after_the_load)
    cli.ok("record", "2025-04-28", KEMUNING, env=NOW)
    assert kecamatan_by_date(home) == {"2025-04-14": IT2, "2025-04-21": AAL, "2025-04-28": KEMUNING}
