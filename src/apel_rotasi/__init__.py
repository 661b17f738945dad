"""Plan and record the rotating apel pagi of a Sekretaris Daerah across the kecamatan."""

__version__ = "1.1.0"
