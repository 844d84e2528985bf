"""Errors the command line turns into a one-line message and an exit code."""


class UsageError(Exception):
    """Something the user can fix: a missing path, a bad setting (exit 2)."""


class PipelineFailed(RuntimeError):
    """A pipeline step raised; the message names the error (exit 1)."""
