"""The one base class for errors a user can act on.

A :class:`UserError` carries a message for the user (Chinese, naming the file
and the problem); it is shown as it is, with no traceback, and the command
line exits with status 1.  Any other exception is a bug: it is shown once and
written with its traceback to the log file (:func:`models.paths.log_path`).
"""
from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action, worded for the user."""


class Cancelled(Exception):
    """The user cancelled long work (an export, a print, an import); nothing was written."""
