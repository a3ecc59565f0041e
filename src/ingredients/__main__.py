"""``python -m ingredients``: the ``milia`` command."""

from milia_cli.main import run

run()
