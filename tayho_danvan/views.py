"""Where each role lands after logging in: the one view that knows every floor's pages (so it lives
on the top floor, beside the root URLconf).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from campaigns import permissions
from units.models import MembershipRole
from units.scoping import role_units


@login_required
def home(request):
    """Send each role where it works: staff to their unit, the board to the admin, leaders to reports."""
    staff_units = role_units(request.user, MembershipRole.STAFF)
    if len(staff_units) == 1:
        return redirect("unit_detail", code=staff_units[0].code)
    if staff_units:
        return render(request, "campaigns/choose_unit.html", {"units": staff_units})
    closed = role_units(request.user, MembershipRole.STAFF, include_closed=True)
    if closed and not permissions.is_reviewer(request.user) and not permissions.is_leader(request.user):
        # The unit was closed by a reorganisation: its past stays readable.
        return render(request, "campaigns/choose_unit.html", {"units": closed, "closed": True})
    if permissions.is_reviewer(request.user):
        return redirect("admin:index")
    if permissions.is_leader(request.user):
        return redirect("leader_home")
    return render(request, "campaigns/no_role.html", status=403)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, with the page saying so when the server sends no mail (the console
    backend of a machine without ``EMAIL_HOST``): then the board sets a temporary password instead."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mail_configured"] = (
            settings.EMAIL_BACKEND != "django.core.mail.backends.console.EmailBackend"
        )
        return context
