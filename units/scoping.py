"""Who may see which units: small named predicates and one scoping helper (DESIGN.md, "Roles").

Memberships are read once per user object and cached on it, so predicates called per row in a
template cost no query.
"""

from django.http import Http404

from .models import Membership, MembershipRole, Unit

_CACHE = "_danvan_memberships"


def memberships_of(user):
    """List of ``Membership`` rows (with their units) of ``user``; ``[]`` for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit"))
        setattr(user, _CACHE, cached)
    return cached


def role_units(user, role, include_closed=False):
    """Units where ``user`` holds ``role`` (a ``MembershipRole`` value): open ones only, unless
    ``include_closed`` — a unit closed by a reorganisation still lets its people read its past (reports,
    entries, history), never act for it.
    """
    return [m.unit for m in memberships_of(user) if m.role == role and (include_closed or m.unit.is_active)]


def has_role(user, role):
    return bool(role_units(user, role))


def covers(units, unit):
    """True when ``unit`` is one of ``units`` or lies under one of them (path prefix, no query)."""
    return any(unit.path.startswith(top.path) for top in units)


def can_act_for_unit(user, unit):
    """Unit staff act for their unit's whole subtree."""
    return covers(role_units(user, MembershipRole.STAFF), unit)


def staff_units(user):
    """Queryset of every unit ``user`` may act for as unit staff (one query)."""
    return Unit.objects.subtree_of(*role_units(user, MembershipRole.STAFF))


# Roles that may read a unit's pages in the browser; only staff act there.
VIEWING_ROLES = (MembershipRole.STAFF, MembershipRole.LEADER, MembershipRole.REVIEWER)


def viewing_roots(user):
    """Units whose subtree ``user`` may read: staff, leader and reviewer memberships alike."""
    return [unit for role in VIEWING_ROLES for unit in role_units(user, role, include_closed=True)]


def can_view_unit(user, unit):
    return user.is_superuser or covers(viewing_roots(user), unit)


def viewable_units(user):
    """Queryset of every unit ``user`` may read (one query; every unit for a superuser)."""
    if getattr(user, "is_superuser", False):
        return Unit.objects.all()
    return Unit.objects.subtree_of(*viewing_roots(user))


def get_unit_for_viewer_or_404(user, code):
    """The unit with ``code`` if ``user`` may read it; ``Http404`` otherwise (also if it is unknown)."""
    try:
        return viewable_units(user).get(code=code)
    except Unit.DoesNotExist as exc:
        raise Http404("Không tìm thấy đơn vị.") from exc


def get_unit_for_staff_or_404(user, code):
    """The unit with ``code`` if ``user`` may act for it; ``Http404`` otherwise (also if it is unknown)."""
    try:
        return staff_units(user).get(code=code)
    except Unit.DoesNotExist as exc:
        raise Http404("Không tìm thấy đơn vị.") from exc
