"""Helpers of the management commands: Vietnamese messages and a non-zero exit on bad input (DESIGN.md,
"Interfaces": exit status). Imports no app.
"""

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def or_command_error(lookup, *args, **kwargs):
    """``lookup(*args, **kwargs)``; a ``ValidationError`` it raises becomes a ``CommandError`` with the
    same Vietnamese messages, so the command exits non-zero and prints them.
    """
    try:
        return lookup(*args, **kwargs)
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc


def writable_xlsx(output):
    """``output`` if it names an .xlsx file in a writable folder; ``CommandError`` otherwise."""
    if not output.lower().endswith(".xlsx"):
        raise CommandError("Tệp xuất phải có đuôi .xlsx.")
    folder = Path(output).resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise CommandError(
            f"Không ghi được tệp “{output}”: thư mục “{folder}” không tồn tại hoặc không ghi được."
        )
    return output
