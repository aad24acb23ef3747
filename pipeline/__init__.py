"""difang: offline information extraction for Chinese local newspapers."""

__version__ = "0.1.0"
