"""Entry point of the ``milia`` command."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="milia-risk", prog_name="milia")
def main() -> None:
    """Estimate the milia / pore-clogging risk of a cosmetic from its ingredient list."""


if __name__ == "__main__":
    main()
