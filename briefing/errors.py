"""One error hierarchy for the whole package; each error carries the CLI exit code for its case."""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the package raises on purpose; the message is one line for the user."""

    exit_code = 1


class UsageError(BriefingError):
    """The command line or API call asks for something that cannot be done as asked."""

    exit_code = 2


class ConfigError(BriefingError):
    """A configuration, manifest or theme file is invalid."""

    exit_code = 2


class SourceError(BriefingError):
    """A source cannot be found, read or used."""

    exit_code = 3


class NoSourcesError(SourceError):
    """Nothing usable was left to make a briefing from."""


class ExportError(BriefingError):
    """A briefing could not be written in the requested format or place."""

    exit_code = 4
