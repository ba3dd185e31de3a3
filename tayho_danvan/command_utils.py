"""Argument checks shared by the management commands (Vietnamese messages, non-zero exit)."""

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from campaigns.lookup import campaign_for_year


def campaign_or_error(year, organiser_code=None):
    """The campaign of ``year`` (see ``campaigns.lookup.campaign_for_year``), else ``CommandError``."""
    try:
        return campaign_for_year(year, organiser_code)
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
