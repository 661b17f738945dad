"""Dates and words in the output language: day and month names from Babel, cached."""

import datetime as dt
from typing import NamedTuple

from apel_rotasi import cache


class Names(NamedTuple):
    """A language's day names (Monday first) and month names (January first)."""

    days: tuple[str, ...]
    months: tuple[str, ...]

    def weekday(self, day: dt.date) -> str:
        return self.days[day.weekday()]

    def long_date(self, day: dt.date) -> str:
        """``Senin, 14 April 2025``: Babel's ``EEEE, d MMMM y``."""
        return f"{self.days[day.weekday()]}, {day.day} {self.months[day.month - 1]} {day.year}"

    def month(self, year: int, month: int) -> str:
        return f"{self.months[month - 1]} {year}"


def _from_babel(lang: str) -> dict[str, list[str]]:
    from babel.dates import get_day_names, get_month_names

    days = get_day_names("wide", locale=lang)
    months = get_month_names("wide", locale=lang)
    return {"days": [days[i] for i in range(7)], "months": [months[i] for i in range(1, 13)]}


def names(lang: str) -> Names:
    key = f"babel-{cache.package_version('babel')}-{lang}"
    data = cache.load(key)
    if not (
        isinstance(data, dict)
        and len(data.get("days") or ()) == 7
        and len(data.get("months") or ()) == 12
        and all(isinstance(x, str) for x in [*data["days"], *data["months"]])
    ):
        data = _from_babel(lang)
        cache.store(key, data)
    return Names(tuple(data["days"]), tuple(data["months"]))


TEXT = {
    "id": {
        "date": "Tanggal",
        "kecamatan": "Kecamatan",
        "leader": "Pemimpin",
        "note": "Keterangan",
        "short": "Singkatan",
        "kelurahan": "Kel.",
        "visits": "Kunj.",
        "last_visit": "Terakhir",
        "days_since": "Hari",
        "attendance": "Kehadiran",
        "shifted": "dipindah dari {date}",
        "holiday": "libur",
        "cancelled": "batal",
        "pinned": "ditetapkan",
        "no_rows": "Tidak ada baris.",
        "round_state": "Putaran {round}: {visited} dari {total} kecamatan sudah dikunjungi.",
        "recorded": "Tercatat: {date}, {kecamatan}, dipimpin {leader}, putaran {round} "
        "({visited} dari {total} dikunjungi).",
        "replaced": "Diganti: {date}, {kecamatan}, dipimpin {leader}, putaran {round} "
        "({visited} dari {total} dikunjungi).",
        "deleted": "Dihapus: apel {date} di {kecamatan}.",
        "present": "Hadir",
        "never": "belum",
        "pinned_message": "Ditetapkan: {date}: {what}.",
        "pin_cancel": "tidak ada apel ({reason})",
        "pin_leader": "dipimpin {leader}",
        "unpinned_message": "Penetapan dihapus: {date}.",
        "calendar_legend": "✓ apel tercatat · nama tanpa ✓: apel direncanakan · * hari libur",
        "led_by_default": "Semua apel dipimpin {leader}.",
        "report_legend": "Hari: sejak kunjungan terakhir. "
        "!: paling lama menunggu, kehadiran terendah.",
    },
    "en": {
        "date": "Date",
        "kecamatan": "Kecamatan",
        "leader": "Leader",
        "note": "Note",
        "short": "Short",
        "kelurahan": "Kel.",
        "visits": "Visits",
        "last_visit": "Last visit",
        "days_since": "Days",
        "attendance": "Attendance",
        "shifted": "moved from {date}",
        "holiday": "holiday",
        "cancelled": "cancelled",
        "pinned": "pinned",
        "no_rows": "No rows.",
        "round_state": "Round {round}: {visited} of {total} kecamatan visited.",
        "recorded": "Recorded: {date}, {kecamatan}, led by {leader}, round {round} "
        "({visited} of {total} visited).",
        "replaced": "Replaced: {date}, {kecamatan}, led by {leader}, round {round} "
        "({visited} of {total} visited).",
        "deleted": "Deleted: the apel of {date} at {kecamatan}.",
        "present": "Present",
        "never": "never",
        "pinned_message": "Pinned: {date}: {what}.",
        "pin_cancel": "no apel ({reason})",
        "pin_leader": "led by {leader}",
        "unpinned_message": "Pin removed: {date}.",
        "calendar_legend": "✓ apel recorded · name without ✓: apel planned · * holiday",
        "led_by_default": "Every apel led by {leader}.",
        "report_legend": "Days: since the last visit. !: waited longest, weakest attendance.",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    return TEXT[lang][key].format(**values)
