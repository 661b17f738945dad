"""Safe writes in a hostile or shared folder: planted links, stale temporaries, links and
special files the user meant, permissions, concurrent ``--output`` writers, and the
transient refusals of Windows (issues 10 and 14; SPEC "Data safety")."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from apel_rotasi.errors import UserError
from apel_rotasi.messages import Term
from apel_rotasi.store import files, safewrite

POSIX = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and modes as on POSIX")
NEW = b'[[apel]]\ndate = 2025-04-14\nnote = "baru"\n'
OLD = b'[[apel]]\ndate = 2025-04-07\nnote = "lama"\n'
VICTIM = b"not yours\n"


def kind(error: pytest.ExceptionInfo[UserError]) -> str:
    return error.value.message.kind


def locked_replace(path: Path, content: bytes) -> None:
    """A home file's write as the tool does it: under the lock."""
    with safewrite.locked(path):
        safewrite.replace(path, content)


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process's umask after a test that sets it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


# -- planted links and stale temporaries ------------------------------------------------


@POSIX
@pytest.mark.parametrize("name", ["history.toml", "pins.toml"])
@pytest.mark.parametrize("exists", [True, False], ids=["replaced", "created"])
def test_a_link_planted_under_the_temporary_name_never_redirects_the_write(
    tmp_path: Path, name: str, exists: bool
) -> None:
    home, outside = tmp_path / "home", tmp_path / "outside"
    home.mkdir()
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_bytes(VICTIM)
    target = home / name
    if exists:
        target.write_bytes(OLD)
    (home / f".{name}.tmp").symlink_to(victim)

    locked_replace(target, NEW)

    assert victim.read_bytes() == VICTIM
    assert not target.is_symlink()
    assert target.read_bytes() == NEW
    assert leftovers(home) == []


@POSIX
def test_a_dangling_link_or_a_link_to_a_folder_under_the_temporary_name_is_removed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "keep.txt").write_bytes(VICTIM)
    target = tmp_path / "history.toml"
    for planted in (tmp_path / "not-there", folder):
        (tmp_path / ".history.toml.tmp").symlink_to(planted)
        locked_replace(target, NEW)
        assert target.read_bytes() == NEW
        assert not os.path.lexists(tmp_path / ".history.toml.tmp")
    assert not (tmp_path / "not-there").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


def test_a_stale_temporary_from_a_crash_is_replaced_and_gone_after_the_write(
    tmp_path: Path,
) -> None:
    target = tmp_path / "pins.toml"
    target.write_bytes(OLD)
    (tmp_path / ".pins.toml.tmp").write_bytes(b"half a fi")
    locked_replace(target, NEW)
    assert target.read_bytes() == NEW
    assert leftovers(tmp_path) == []


@POSIX
def test_a_link_planted_under_an_output_temporary_name_is_passed_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name an output writer draws is taken by a link: it draws another and writes there;
    the link (someone else's, perhaps a concurrent writer's) is left alone."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM)
    draws = iter([b"\x00" * 4, b"\x00" * 4, b"\x01" * 4])
    monkeypatch.setattr(os, "urandom", lambda size: next(draws))
    output = tmp_path / "plan.csv"
    planted = tmp_path / f".plan.csv.{os.getpid()}-00000000.tmp"
    planted.symlink_to(victim)
    safewrite.write_output(str(output), b"a,b\r\n")
    assert output.read_bytes() == b"a,b\r\n"
    assert victim.read_bytes() == VICTIM
    assert planted.is_symlink()
    assert leftovers(tmp_path) == [planted.name]


@POSIX
def test_a_link_planted_as_the_lock_file_is_refused_and_its_target_untouched(
    tmp_path: Path,
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM)
    (tmp_path / "history.toml.lock").symlink_to(victim)
    with pytest.raises(UserError):
        locked_replace(tmp_path / "history.toml", NEW)
    assert victim.read_bytes() == VICTIM
    assert not (tmp_path / "history.toml").exists()


# -- links and special files the user meant ---------------------------------------------


@POSIX
@pytest.mark.parametrize("name", ["history.toml", "pins.toml"])
def test_a_home_file_that_links_to_a_shared_file_is_written_through(
    tmp_path: Path, name: str
) -> None:
    home, share = tmp_path / "home", tmp_path / "share"
    home.mkdir()
    share.mkdir()
    shared = share / name
    shared.write_bytes(OLD)
    (home / name).symlink_to(os.path.relpath(shared, home))

    locked_replace(home / name, NEW)

    assert (home / name).is_symlink()
    assert os.readlink(home / name) == os.path.relpath(shared, home)
    assert shared.read_bytes() == NEW
    assert leftovers(home) == leftovers(share) == []
    # The lock sits beside the shared file, where every home linking to it finds it.
    assert (share / f"{name}.lock").exists()


@POSIX
def test_a_chain_of_links_is_followed_to_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_bytes(OLD)
    (tmp_path / "middle.toml").symlink_to(real)
    (tmp_path / "history.toml").symlink_to(tmp_path / "middle.toml")
    locked_replace(tmp_path / "history.toml", NEW)
    assert real.read_bytes() == NEW
    assert (tmp_path / "middle.toml").is_symlink()
    assert (tmp_path / "history.toml").is_symlink()


@POSIX
@pytest.mark.parametrize("what", ["dangling", "device", "fifo", "folder"])
def test_a_home_file_that_is_no_regular_file_is_refused_unchanged(
    tmp_path: Path, what: str
) -> None:
    target = tmp_path / "history.toml"
    if what == "dangling":
        target.symlink_to(tmp_path / "share-not-mounted" / "history.toml")
    elif what == "device":
        target.symlink_to("/dev/zero")
    elif what == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    before = os.lstat(target)
    for write in (safewrite.replace, locked_replace):
        with pytest.raises(UserError) as error:
            write(target, NEW)
        assert kind(error) == ("file_dangling_link" if what == "dangling" else "write_not_a_file")
    assert os.lstat(target).st_mode == before.st_mode
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "share-not-mounted").exists()


@POSIX
def test_an_output_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    data = b"date,kecamatan\r\n" * 10_000  # more than a pipe holds at once

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    writer = threading.Thread(target=safewrite.write_output, args=(str(fifo), data), daemon=True)
    reader.start()
    writer.start()
    writer.join(timeout=20)
    reader.join(timeout=20)
    if writer.is_alive() or reader.is_alive():  # unblock whichever side waits, then fail
        with suppress(OSError):
            os.close(os.open(fifo, os.O_RDWR | os.O_NONBLOCK))
        pytest.fail("writing into a FIFO hung")
    assert received == [data]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


@POSIX
def test_output_to_dev_stdout_writes_into_standard_output(tmp_path: Path) -> None:
    """In a process of its own, whose standard output is a pipe: the bytes arrive whole and
    /dev/stdout is still the system's link."""
    before = os.lstat("/dev/stdout")
    script = (
        "from apel_rotasi.store.safewrite import write_output; "
        "write_output('/dev/stdout', b'date,note\\r\\n2025-04-14,\\xe2\\x9c\\x93\\r\\n')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=60, cwd=tmp_path
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == "date,note\r\n2025-04-14,✓\r\n".encode()
    assert os.lstat("/dev/stdout").st_mode == before.st_mode
    assert os.listdir(tmp_path) == []


@POSIX
def test_output_through_a_link_to_a_device_writes_into_the_device(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(os.devnull)
    safewrite.write_output(str(link), b"a,b\r\n")
    assert link.is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert leftovers(tmp_path) == []


@POSIX
def test_output_through_a_link_to_a_regular_file_replaces_the_file_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    (tmp_path / "exports").mkdir()
    real = tmp_path / "exports" / "plan.csv"
    real.write_bytes(b"old\r\n")
    link = tmp_path / "plan.csv"
    link.symlink_to(real)
    safewrite.write_output(str(link), b"new\r\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\r\n"


@pytest.mark.parametrize("typed", ["newdir/", "newdir" + os.sep, "existing"])
def test_an_output_that_names_a_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    with pytest.raises(UserError) as error:
        safewrite.write_output(typed, b"a,b\r\n")
    assert kind(error) == "output_is_folder"
    assert sorted(os.listdir(tmp_path)) == ["existing"]
    assert os.listdir(tmp_path / "existing") == []


def test_an_output_in_a_missing_folder_is_an_error_that_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(UserError) as error:
        safewrite.write_output(str(tmp_path / "no-such-folder" / "plan.csv"), b"a\r\n")
    assert kind(error) == "write_failed"
    assert os.listdir(tmp_path) == []


def test_output_bytes_are_written_as_given(tmp_path: Path) -> None:
    output = tmp_path / "plan.csv"
    data = b'tanggal,catatan\r\n2025-04-14,"baris\r\nkedua"\r\n'
    safewrite.write_output(output, data)
    assert output.read_bytes() == data
    safewrite.write_output(output, "teks ✓\n")
    assert output.read_bytes() == "teks ✓\n".encode()


# -- permissions -------------------------------------------------------------------------


@POSIX
@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "mode"), [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_new_files_and_the_lock_follow_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    os.umask(mask)
    locked_replace(tmp_path / "history.toml", NEW)
    safewrite.write_output(str(tmp_path / "plan.csv"), b"a\r\n")
    for name in ("history.toml", "history.toml.lock", "plan.csv"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == mode, name


@POSIX
@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o660, 0o604])
def test_a_replaced_file_keeps_its_permission_bits(tmp_path: Path, mode: int) -> None:
    os.umask(0o022)
    history, output = tmp_path / "history.toml", tmp_path / "plan.csv"
    for path in (history, output):
        path.write_bytes(OLD)
        path.chmod(mode)
    locked_replace(history, NEW)
    safewrite.write_output(str(output), NEW)
    for path in (history, output):
        assert path.read_bytes() == NEW
        assert stat.S_IMODE(os.stat(path).st_mode) == mode, path.name


@POSIX
@pytest.mark.usefixtures("umask")
def test_a_linked_file_keeps_the_permission_bits_of_the_file_it_links_to(
    tmp_path: Path,
) -> None:
    os.umask(0o022)
    shared = tmp_path / "shared.toml"
    shared.write_bytes(OLD)
    shared.chmod(0o660)
    (tmp_path / "history.toml").symlink_to(shared)
    locked_replace(tmp_path / "history.toml", NEW)
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o660


# -- the lock ----------------------------------------------------------------------------


def test_a_failed_command_leaves_no_new_lock_file(tmp_path: Path) -> None:
    target = tmp_path / "history.toml"
    with pytest.raises(UserError), safewrite.locked(target):
        raise UserError("write_busy", path=str(target))
    assert os.listdir(tmp_path) == []


def test_a_lock_file_that_was_there_before_a_failure_stays(tmp_path: Path) -> None:
    target = tmp_path / "history.toml"
    safewrite.lock_path(target).touch()
    with pytest.raises(UserError), safewrite.locked(target):
        raise UserError("write_busy", path=str(target))
    assert os.listdir(tmp_path) == ["history.toml.lock"]


def test_a_lock_removed_after_a_failure_still_excludes_the_next_writers(
    tmp_path: Path,
) -> None:
    """Writers waiting on a lock file that a failed writer removes start over on a new one,
    so no two of them ever hold the lock at once."""
    target = tmp_path / "history.toml"
    holding, overlaps = [0], []
    guard = threading.Lock()

    def write(fail: bool) -> None:
        try:
            with safewrite.locked(target):
                with guard:
                    holding[0] += 1
                    overlaps.append(holding[0])
                try:
                    if fail:
                        raise UserError("write_busy", path=str(target))
                finally:
                    with guard:
                        holding[0] -= 1
        except UserError:
            pass

    workers = [threading.Thread(target=write, args=(i % 2 == 0,)) for i in range(24)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert max(overlaps) == 1
    assert len(overlaps) == 24


# -- concurrent --output writers -------------------------------------------------------------

WRITER = """
import sys, time
from apel_rotasi.store.safewrite import write_output
start, output, index = float(sys.argv[1]), sys.argv[2], int(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
line = f"{index:02d},{'x' * 60}\\r\\n".encode()
write_output(output, line * 4000)
"""


def test_twelve_concurrent_writers_of_one_output_all_succeed_with_one_whole_file(
    tmp_path: Path,
) -> None:
    output = tmp_path / "plan.csv"
    start = time.time() + 2  # every writer starts at once, after the slowest import
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(start), str(output), str(index)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for index in range(12)
    ]
    results = [(w.communicate(timeout=120)[1], w.returncode) for w in writers]
    assert results == [(b"", 0)] * 12
    content = output.read_bytes()
    first = content[:2]
    assert content == (first + b"," + b"x" * 60 + b"\r\n") * 4000
    assert leftovers(tmp_path) == []


def test_concurrent_writers_in_one_process_draw_different_temporary_names(
    tmp_path: Path,
) -> None:
    output = tmp_path / "plan.json"
    payloads = [f'[{{"writer": {i}}}]\n'.encode() * 2000 for i in range(12)]
    errors: list[BaseException] = []

    def write(data: bytes) -> None:
        try:
            safewrite.write_output(str(output), data)
        except BaseException as error:  # reported below, where the test can fail
            errors.append(error)

    threads = [threading.Thread(target=write, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert output.read_bytes() in payloads
    assert leftovers(tmp_path) == []


# -- Windows: a folder that cannot be opened, a file held by another program ---------------


def sharing_violation(path: object) -> PermissionError:
    """What os.replace raises on Windows while another program holds the file."""
    error = PermissionError(13, "The process cannot access the file", str(path))
    error.winerror = 32  # type: ignore[attr-defined]
    return error


def test_a_folder_that_cannot_be_opened_does_not_fail_a_write_that_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def windows_open(path: object, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if os.path.isdir(str(path)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", windows_open)
    locked_replace(tmp_path / "history.toml", NEW)
    safewrite.write_output(str(tmp_path / "plan.csv"), b"a\r\n")
    assert (tmp_path / "history.toml").read_bytes() == NEW
    assert (tmp_path / "plan.csv").read_bytes() == b"a\r\n"


@pytest.mark.parametrize("output", [False, True], ids=["history", "output"])
def test_a_file_held_for_a_moment_is_retried_until_it_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: bool
) -> None:
    real_replace = os.replace
    failures = [2]

    def held_replace(source: object, target: object) -> None:
        if failures[0]:
            failures[0] -= 1
            raise sharing_violation(target)
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", held_replace)
    target = tmp_path / ("plan.csv" if output else "history.toml")
    target.write_bytes(OLD)
    if output:
        safewrite.write_output(str(target), NEW)
    else:
        locked_replace(target, NEW)
    assert failures == [0]
    assert target.read_bytes() == NEW
    assert leftovers(tmp_path) == []


def test_a_file_held_too_long_is_an_error_that_names_the_likely_holder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def held_replace(source: object, target: object) -> None:
        raise sharing_violation(target)

    monkeypatch.setattr(os, "replace", held_replace)
    monkeypatch.setattr(files, "HELD_RETRY_SECONDS", 0.2)
    target = tmp_path / "history.toml"
    target.write_bytes(OLD)
    with pytest.raises(UserError) as error:
        locked_replace(target, NEW)
    assert kind(error) == "file_held"
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_temporary_file_held_at_creation_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open
    failures = [2]

    def held_open(path: object, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if str(path).endswith(".tmp") and failures[0]:
            failures[0] -= 1
            raise sharing_violation(path)
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", held_open)
    locked_replace(tmp_path / "pins.toml", NEW)
    assert failures == [0]
    assert (tmp_path / "pins.toml").read_bytes() == NEW


@POSIX
def test_a_real_permission_error_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On POSIX, "permission denied" is no other program's passing hold: it fails at once."""
    calls = [0]

    def denied(source: object, target: object) -> None:
        calls[0] += 1
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(UserError) as error:
        locked_replace(tmp_path / "history.toml", NEW)
    assert kind(error) == "write_failed"
    assert error.value.message.params["reason"] == Term("OS_ERRORS", "EACCES")
    assert calls == [1]
    assert leftovers(tmp_path) == []
