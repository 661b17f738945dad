"""``python -m apel_rotasi``."""

from apel_rotasi.cli import main

main()
