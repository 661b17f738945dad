"""The files of the home: reading, validating and safely writing them."""
