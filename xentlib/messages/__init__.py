"""The message tables, one module per area; importing this package registers them with xentlib.i18n."""

from . import checks, errors, explorers  # noqa: F401
