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


def require_extra(module: str, extra: str, what: str) -> None:
    """Raise a ModelError naming the extra to install when the library `module` is not installed:
    the spaCy and HanLP backends and the tokens stage need libraries the default install leaves out."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ModelError(f"{what} needs {module}, which is not installed: pip install 'difang[{extra}]' (make test and make train install it)")

