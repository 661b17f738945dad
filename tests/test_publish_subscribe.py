"""A published folder served over HTTP and synced by a real subscriber client
(vdirsyncer), as a calendar program that subscribes to ``plan.ics`` would follow it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar

# Sunday 4 May 2025, 20:00 in Palembang.
SUNDAY_EVENING = "2025-05-04T13:00:00+00:00"


def vdirsyncer() -> str:
    """The vdirsyncer of this environment, or the test is skipped."""
    found = Path(sys.executable).with_name("vdirsyncer")
    command = str(found) if found.exists() else shutil.which("vdirsyncer")
    if command is None:
        pytest.skip("vdirsyncer is not installed")
    try:
        subprocess.run([command, "--version"], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("vdirsyncer cannot run here")
    return command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``python -m http.server`` serving ``folder`` on 127.0.0.1, stopped at the end."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.skip("the HTTP server did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def sync(command: str, config: Path) -> None:
    for step in (["discover"], ["sync"]):
        done = subprocess.run(
            [command, "-c", str(config), *step],
            input="y\n",
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HOME": str(config.parent)},
        )
        assert done.returncode == 0, done.stdout + done.stderr


def synced(folder: Path) -> list[dict[str, str]]:
    """The events the client holds: one item file per event."""
    found = []
    for item in sorted(folder.rglob("*.ics")):
        for event in Calendar.from_ical(item.read_bytes()).walk("VEVENT"):
            found.append(
                {
                    "date": event.decoded("dtstart").date().isoformat(),
                    "summary": str(event.get("summary")),
                    "status": str(event.get("status")),
                }
            )
    return found


def test_a_subscribed_client_follows_a_cancel_and_the_move_it_causes(cli, home, monkeypatch):
    monkeypatch.setenv("APEL_ROTASI_NOW", SUNDAY_EVENING)
    command = vdirsyncer()
    for day, kecamatan in [
        ("2025-04-14", "IT II"),
        ("2025-04-21", "AAL"),
        ("2025-04-28", "Kemuning"),
    ]:
        cli.ok("record", day, kecamatan)
    out = home.parent / "web"
    cli.ok("publish", str(out))
    local = home.parent / "calendar"
    local.mkdir()
    config = home.parent / "vdirsyncer.conf"
    with served(out) as url:
        config.write_text(
            f"""[general]
status_path = "{home.parent / "status"}/"

[pair apel]
a = "apel_web"
b = "apel_local"
collections = null
conflict_resolution = "a wins"

[storage apel_web]
type = "http"
url = "{url}/plan.ics"

[storage apel_local]
type = "filesystem"
path = "{local}/"
fileext = ".ics"
""",
            encoding="utf-8",
        )
        sync(command, config)
        planned = {"summary": "Apel pagi: Kecamatan Ilir Barat II", "status": "TENTATIVE"}
        assert {"date": "2025-05-05", **planned} in synced(local)
        cli.ok("pin", "2025-05-05", "--cancel", "Apel gabungan di Kantor Wali Kota")
        cli.ok("publish", str(out))
        sync(command, config)
    events = synced(local)
    (cancelled,) = [e for e in events if e["date"] == "2025-05-05"]
    assert cancelled["status"] == "CANCELLED"
    assert "Apel gabungan di Kantor Wali Kota" in cancelled["summary"]
    moved = [e for e in events if e["summary"] == "Apel pagi: Kecamatan Ilir Barat II"]
    assert [e["date"] for e in moved] == ["2025-05-19"]  # 12 May is Waisak
    assert len(events) == len({e["date"] for e in events})  # one event a day
