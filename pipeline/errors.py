"""Every error difang raises on purpose, in one place, with the texts users see."""


class DifangError(Exception):
    """Base class: an error with a message meant for the user, printed without a traceback."""


class ConfigError(DifangError):
    """The config file or a --set override is invalid."""


class UsageError(DifangError):
    """The command line names paths that cannot be used (missing input, output inside input…)."""


class SchemaError(DifangError):
    """A table does not match its declared schema."""


class ModelError(DifangError):
    """A model cannot be loaded (missing, outside models/ without permission, or needs a download)."""


class DocumentError(DifangError):
    """One document cannot be processed; it is recorded as failed and the batch goes on."""
