"""The `jit` console script: Flask's CLI with the application loaded.

The commands themselves are registered on the app in jit.commands, so `app.test_cli_runner()`
and the console script run exactly the same code. Administrative commands act as the system;
commands on case data take --as USERNAME and go through the same policy as the web and the API.
"""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from jit.app import create_app


@click.group(
    cls=FlaskGroup,
    create_app=create_app,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)
def main() -> None:
    """SafeBorders JIT Toolkit."""
