"""``python -m apel_rotasi``."""

from apel_rotasi.script import main

main()
