"""What each command does, between the parsed options and the rendered output.

A command takes the ``Context`` the shell made (``common.open_home``: the home loaded, the
instant it runs, the language, the city's date), then by keyword what the user typed, and
returns an ``Outcome`` (``apel_rotasi.outcome``): the data to show and the messages to
say. It prints nothing; the CLI renders the outcome in the output language.
"""
