"""The board's accounts page (issue [F] 6): the people of its units, which of them are locked out by
too many wrong passwords (django-axes), and two buttons per person: lift the lockout, set a new
temporary password (shown once, to hand over; the person changes it at "Đổi mật khẩu").

Scoped like the rest of the admin (``admin_scope.board_units``); an archive board reads the list and
acts on nobody. Reviewers' own accounts are not here: another board member or an administrator
handles those.
"""

import secrets

from axes.models import AccessAttempt
from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .admin_scope import board_acts, board_units
from .models import Membership, MembershipRole

# Letters and digits a person reads aloud without confusion (no 0/O, 1/l/I).
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_LENGTH = 14  # characters: above the 12 the validators ask for


def managed_users(user):
    """Queryset of the accounts ``user``'s board looks after (one query): plain accounts (no admin
    access, no superuser) whose every role is staff or leader of a unit inside the board's units. An
    account with any other role, or any role elsewhere, belongs to someone else to look after: a board
    must never reset a password that opens more than its own units."""
    units = board_units(user)
    inside = Membership.objects.filter(unit__in=units).exclude(role=MembershipRole.REVIEWER)
    elsewhere = Membership.objects.exclude(unit__in=units) | Membership.objects.filter(
        role=MembershipRole.REVIEWER
    )
    return (
        get_user_model()
        .objects.filter(pk__in=inside.values("user_id"), is_superuser=False, is_staff=False)
        .exclude(pk__in=elsewhere.values("user_id"))
        .order_by("username")
    )


def locked_usernames(usernames):
    """The ``usernames`` (an iterable of str) locked out now: at the failure limit (one query)."""
    attempts = AccessAttempt.objects.filter(
        username__in=list(usernames), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    return set(attempts.values_list("username", flat=True))


def temporary_password():
    """A random password of ``TEMPORARY_LENGTH`` characters from ``ALPHABET``."""
    return "".join(secrets.choice(ALPHABET) for _ in range(TEMPORARY_LENGTH))


def accounts_view(model_admin, request):
    """GET: the list. POST ``unlock`` or ``reset`` with ``user`` (a pk): the action, then the list again.

    Raises 404 for a person outside the board's units, 403 for a board that only reads (an archive).
    """
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    people = managed_users(request.user)
    if request.method == "POST":
        if not board_acts(request.user):
            raise PermissionDenied
        chosen = str(request.POST.get("user", ""))
        person = people.filter(pk=chosen).first() if chosen.isdigit() and len(chosen) < 12 else None
        if person is None:
            raise Http404("Không tìm thấy tài khoản.")
        name = person.get_full_name() or person.username
        if "unlock" in request.POST:
            removed = reset_lockout(username=person.username)
            text = f"Đã mở khóa đăng nhập cho {name}." if removed else f"{name} không bị khóa."
            model_admin.message_user(request, text, messages.SUCCESS)
        elif "reset" in request.POST:
            password = temporary_password()
            person.set_password(password)
            person.save(update_fields=["password"])
            reset_lockout(username=person.username)
            model_admin.message_user(
                request,
                f"Mật khẩu tạm của {name} ({person.username}): {password} — hãy trao tận tay, "
                "và nhắc đổi ngay ở mục “Đổi mật khẩu” sau khi đăng nhập. Mật khẩu này chỉ hiện một lần.",
                messages.WARNING,
            )
        return redirect("admin:units_unit_accounts")
    rows = list(people.prefetch_related("memberships__unit"))
    locked = locked_usernames(p.username for p in rows)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Tài khoản cán bộ các đơn vị",
        "rows": [(person, person.username in locked) for person in rows],
        "can_act": board_acts(request.user),
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/units/accounts.html", context)
