"""``publish DIR``: the calendars and pages people subscribe to or open, written into a
folder that a shared drive or any web server serves as it is.

A subscribed calendar reloads a feed when its bytes change, so a feed is rewritten only
when one of its events changed, and an event keeps its stamp (and so its SEQUENCE) until
its content changes: ``published.json`` in the home remembers each day's. What DIR held
from an earlier publish is known from the manifest there, never guessed from its files.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from apel_rotasi import ledger
from apel_rotasi.clock import city_now
from apel_rotasi.commands.common import Context, changed_days, json_rows, national_calendar
from apel_rotasi.errors import UserError, reason
from apel_rotasi.i18n import word
from apel_rotasi.listings import Record, plan_records
from apel_rotasi.messages import Message, info, warning
from apel_rotasi.model import Kecamatan, Leader, Roster
from apel_rotasi.names import names
from apel_rotasi.outcome import Listing, Outcome
from apel_rotasi.store import safewrite
from apel_rotasi.store.published import Event, Published, published_path, read_published

MANIFEST = "apel-rotasi-manifest.json"
PAST_DAYS = 90  # a subscribed calendar keeps the apel of the recent past
MAX_MANIFEST_BYTES = 1024 * 1024
# The only names a publish writes: a manifest naming anything else is not followed.
OURS = re.compile(
    r"(index\.html|plan\.ics|history\.html|report\.html|findings\.html"
    r"|calendar-\d{4}-\d{2}\.html|(kecamatan|leader)/[A-Za-z0-9_-][A-Za-z0-9._-]*\.ics)"
)
ONE_SECOND = dt.timedelta(seconds=1)


def publish(context: Context, *, folder: str, weeks: int | None = None) -> Outcome:
    """Write DIR's files, remove those an earlier publish wrote that this one would not,
    and record what was put out in ``published.json``."""
    from apel_rotasi.commands.findings import findings
    from apel_rotasi.commands.listings import history, report
    from apel_rotasi.commands.plan import plan
    from apel_rotasi.render.ics import event_digests
    from apel_rotasi.store.home import ensure_home
    from apel_rotasi.store.published import write_published

    home, now, state, lang, today = context
    coming = plan(context, weeks=weeks)
    listing = coming.listing
    assert listing is not None and listing.calendar is not None
    rot = state.roster.rotation
    first = listing.rows[0]["date"] if listing.rows else today
    start = first if isinstance(first, dt.date) else today
    past = ledger.past_rows(
        state.roster,
        national_calendar(state, lang),
        state.history,
        state.pins,
        today - dt.timedelta(days=PAST_DAYS),
    )
    records = [
        *(r for r in plan_records(past, names(lang), lang) if r["date"] < start),
        *listing.rows,
    ]
    this_month = today.replace(day=1)
    months = [this_month, (this_month + dt.timedelta(days=31)).replace(day=1)]
    messages: list[Message] = list(coming.messages)
    ensure_home(home)
    with safewrite.locked(published_path(home)):  # one publish of a home at a time
        try:
            previous = read_published(home)
        except UserError as error:  # replaced below: its stamps are lost, not the publish
            messages.append(warning("published_unreadable", path=error.path or ""))
            previous = None
        cal = listing.calendar
        titles = dict(cal.titles)
        digests = event_digests(records, rot, lang, firm=cal.firm, titles=titles)
        stamps = kept_stamps(digests, previous, cal.stamp)
        files = {
            "index.html": index_page(listing, lang, state.roster, months),
            "history.html": _page(history(context).listing, lang),
            "report.html": _page(report(context).listing, lang),
            "findings.html": _page(findings(context).listing, lang),
            **{f"calendar-{m:%Y-%m}.html": _month(context, m) for m in months},
            **_feeds(records, state.roster, lang, cal.stamp, stamps, cal.firm, titles),
        }
        rows = json_rows(records, rot)
        put_out = Published(
            city_now(now, rot.timezone),
            str(Path(folder).absolute()),
            lang,
            tuple(rows),
            {day: Event(digest, stamps[day]) for day, digest in digests.items()},
        )
        written, unchanged, removed = write_folder(Path(folder), files)
        write_published(home, put_out)
    messages.append(
        info("published", folder=folder, written=written, unchanged=unchanged, removed=removed)
    )
    if previous is not None:
        count = len(changed_days(previous.rows, rows, start))
        kind = "published_changes" if count else "no_changes"
        messages.append(info(kind, count=count, at=previous.at.date()))
    return Outcome(lang, messages)


def _month(context: Context, month: dt.date) -> bytes:
    """A month's page, as ``calendar YYYY-MM --format html`` makes it."""
    from apel_rotasi.commands.calendar import calendar
    from apel_rotasi.render.output import month_page

    shown = calendar(context, month=f"{month:%Y-%m}").month
    assert shown is not None
    return month_page(shown, context.lang)


def kept_stamps(
    digests: Mapping[dt.date, str], previous: Published | None, stamp: dt.datetime
) -> dict[dt.date, dt.datetime]:
    """Each day's stamp: the last publish's while its event is the same, else ``stamp``
    (when the inputs last changed), and always later than the one it replaces, so that
    SEQUENCE goes up for a changed event and never goes down."""
    before = previous.events if previous is not None else {}
    stamps = {}
    for day, digest in digests.items():
        last = before.get(day)
        if last is not None and last.digest == digest:
            stamps[day] = last.stamp
        else:
            stamps[day] = stamp if last is None else max(stamp, last.stamp + ONE_SECOND)
    return stamps


def _feeds(
    records: Sequence[Record],
    roster: Roster,
    lang: str,
    stamp: dt.datetime,
    stamps: Mapping[dt.date, dt.datetime],
    firm: frozenset[dt.date],
    titles: Mapping[str, str | None],
) -> dict[str, bytes]:
    """``plan.ics``, and one feed per kecamatan and per leader of the roster (an empty
    one too, so that a subscription made today keeps working)."""
    from apel_rotasi.render.ics import plan_to_ics

    rot = roster.rotation

    def feed(chosen: Sequence[Record], name: str | None = None) -> bytes:
        return plan_to_ics(
            chosen, rot, stamp, lang, firm=firm, titles=titles, stamps=stamps, name=name
        )

    feeds = {"plan.ics": feed(records)}
    for kec in roster.kecamatan:
        mine = [r for r in records if r["kecamatan_code"] == kec.code]
        name = word(lang, "ics_calendar_of", who=f"Kecamatan {kec.name}", city=rot.city)
        feeds[kecamatan_feed(kec)] = feed(mine, name)
    for leader in roster.leaders:
        mine = [r for r in records if r["leader"] == leader.name]
        name = word(lang, "ics_calendar_of", who=leader.name, city=rot.city)
        feeds[leader_feed(leader)] = feed(mine, name)
    return feeds


def file_name(text: str) -> str:
    """A code or id as a file name any system and any web server takes as it is."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).lstrip(".") or "-"


def index_page(listing: Listing, lang: str, roster: Roster, months: Sequence[dt.date]) -> bytes:
    """The coming plan as ``plan --format html`` draws it, with the folder's files linked
    (relative links: the folder works from a shared drive as from a web server) and how
    to subscribe."""
    import dataclasses

    from apel_rotasi.render import html
    from apel_rotasi.render.output import listing_page

    day_names = names(lang)
    city = word(lang, "publish_plan_ics", city=listing.city)
    pages = (
        (word(lang, "page_history"), "history.html"),
        (word(lang, "page_report"), "report.html"),
        (word(lang, "page_findings"), "findings.html"),
        *(
            (
                f"{word(lang, 'page_calendar')}, {day_names.month(m.year, m.month)}",
                f"calendar-{m:%Y-%m}.html",
            )
            for m in months
        ),
    )
    asides = (
        html.Aside(word(lang, "publish_calendars"), links=((city, "plan.ics"),)),
        html.Aside(
            word(lang, "publish_how"),
            items=(word(lang, "publish_subscribe"), word(lang, "publish_import")),
        ),
        html.Aside(
            word(lang, "publish_feeds"),
            links=tuple((f"Kecamatan {k.name}", kecamatan_feed(k)) for k in roster.kecamatan),
        ),
        html.Aside(
            word(lang, "publish_leaders"),
            links=tuple(
                (f"{ldr.title} {ldr.name}" if ldr.title else ldr.name, leader_feed(ldr))
                for ldr in roster.leaders
            ),
        ),
        html.Aside(word(lang, "publish_pages"), links=pages),
    )
    page = listing_page(listing, lang)
    return html.to_html(dataclasses.replace(page, asides=(*page.asides, *asides)))


def kecamatan_feed(kecamatan: Kecamatan) -> str:
    return f"kecamatan/{file_name(kecamatan.code)}.ics"


def leader_feed(leader: Leader) -> str:
    return f"leader/{file_name(leader.id)}.ics"


def _page(listing: Listing | None, lang: str) -> bytes:
    from apel_rotasi.render.output import listing_bytes

    assert listing is not None
    return listing_bytes(listing, "html", lang)


def write_folder(folder: Path, files: Mapping[str, bytes]) -> tuple[int, int, int]:
    """Write ``files`` into ``folder``: each replaced atomically, none whose bytes would
    not change, then those the last manifest names that this publish does not removed.
    The manifest first names both, so a publish cut short still removes them next time.
    How many were written, unchanged, removed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError("folder_not_writable", path=folder, reason=reason(error)) from None
    if not folder.is_dir():
        raise UserError("publish_not_folder", path=folder)
    manifest = folder / MANIFEST
    before = _manifest_names(manifest)
    stale = sorted(before - files.keys())
    _put(manifest, _manifest_bytes([*files, *stale]))
    written = unchanged = 0
    for name, data in files.items():
        if _put(folder / name, data):
            written += 1
        else:
            unchanged += 1
    removed = 0
    for name in stale:
        path = folder / name
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed += 1
        except FileNotFoundError:
            pass
        except OSError as error:
            raise UserError("write_failed", path=path, reason=reason(error)) from None
    _put(manifest, _manifest_bytes(list(files)))
    return written, unchanged, removed


def _put(path: Path, data: bytes) -> bool:
    """Replace ``path`` by ``data`` unless it holds them already; whether it was written."""
    try:
        found = os.lstat(path)
        if stat.S_ISREG(found.st_mode) and found.st_size == len(data):
            with open(path, "rb") as handle:
                if handle.read(len(data) + 1) == data:
                    return False
    except FileNotFoundError:
        pass
    except OSError as error:
        raise UserError("file_unreadable", path=path, reason=reason(error)) from None
    try:
        path.parent.mkdir(exist_ok=True)
    except OSError as error:
        raise UserError("folder_not_writable", path=path.parent, reason=reason(error)) from None
    safewrite.replace(path, data)
    return True


def _manifest_bytes(names: Sequence[str]) -> bytes:
    data = {"generator": "apel-rotasi publish", "files": sorted(set(names))}
    return (json.dumps(data, indent=1) + "\n").encode("utf-8")


def _manifest_names(path: Path) -> set[str]:
    """The files the last publish wrote, as its manifest names them; only names a publish
    writes are taken, so a damaged or planted manifest removes nothing else."""
    try:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_MANIFEST_BYTES:
            return set()
        data = json.loads(path.read_bytes())
        names = data["files"] if isinstance(data, dict) else []
    except (OSError, ValueError, KeyError):
        return set()
    return {n for n in names if isinstance(n, str) and OURS.fullmatch(n) and ".." not in n}
