"""Helpers shared by the staff pages' views."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def messages_of(error):
    """The Vietnamese messages of a service's ``ValidationError``, or of a form's ``errors`` (strings)."""
    if isinstance(error, ValidationError):
        return error.messages
    if isinstance(error, dict):
        return [message for messages in error.values() for message in messages]
    return [str(error)]


def report_errors(request, error):
    for message in messages_of(error):
        messages.error(request, message)


def add_service_errors(form, error):
    """Put a service's ``ValidationError`` on the form: next to the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
