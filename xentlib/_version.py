"""The version of a checkout that was never pip-installed: read from its pyproject.toml."""

import tomllib
from pathlib import Path


def version_from_checkout() -> str:
    """project.version of the pyproject.toml beside the package, or "0+unknown" without one."""
    try:
        with open(Path(__file__).resolve().parent.parent / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0+unknown"
