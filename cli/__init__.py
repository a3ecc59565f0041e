"""The ``milia`` command: a thin click layer over :mod:`ingredients`."""
