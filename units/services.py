"""The one door for changes to the unit tree and to memberships.

Each function validates first and raises ``django.core.exceptions.ValidationError`` with a Vietnamese
message, writing nothing, when the change is not allowed.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from treebeard.exceptions import InvalidMoveToDescendant

from .models import Membership, MembershipRole, Unit, UnitKind

BOARD_GROUP = "Ban Dân vận"


@transaction.atomic
def create_unit(*, name, code, kind, parent=None, short_name="", position=100, valid_from=None):
    """Create a unit under ``parent`` (a root when ``None``) and return it.

    Side effects: one ``Unit`` row; siblings keep their order (position, then Vietnamese name).
    Raises ``ValidationError`` for a duplicate code, an unknown kind or a closed parent.
    """
    if kind not in UnitKind.values:
        raise ValidationError({"kind": f"Loại đơn vị “{kind}” không hợp lệ."})
    if Unit.objects.filter(code=code).exists():
        raise ValidationError({"code": f"Mã đơn vị “{code}” đã được dùng."})
    if parent is not None and not parent.is_active:
        raise ValidationError({"parent": f"Đơn vị cấp trên “{parent}” đã ngừng hoạt động."})
    fields = dict(
        name=name, code=code, kind=kind, short_name=short_name, position=position, valid_from=valid_from
    )
    if parent is None:
        return Unit.objects.add_root(fields)
    parent.refresh_from_db(fields=["path", "depth", "numchild"])
    return Unit.objects.add_child(parent, fields)


@transaction.atomic
def move_unit(*, unit, new_parent):
    """Put ``unit`` (with its whole subtree) under ``new_parent``; a no-op if it is already there.

    Side effects: rewrites the materialised paths of the moved subtree (treebeard, one UPDATE).
    Raises ``ValidationError`` when ``new_parent`` is the unit itself or lies under it (a cycle).
    """
    unit.refresh_from_db()
    new_parent.refresh_from_db()
    if unit.pk == new_parent.pk or new_parent.path.startswith(unit.path):
        raise ValidationError(
            f"Không thể chuyển “{unit}” vào dưới “{new_parent}”: đơn vị cấp trên không được nằm trong "
            "chính nhánh của đơn vị (vòng lặp trong cây đơn vị)."
        )
    current_parent = Unit.objects.get_parent(unit, update=True)
    if current_parent is not None and current_parent.pk == new_parent.pk:
        return unit
    try:
        Unit.objects.move(unit, new_parent, pos="sorted-child")
    except InvalidMoveToDescendant as exc:  # pragma: no cover - caught above; kept as a guard
        raise ValidationError("Không thể chuyển đơn vị vào dưới đơn vị con của nó.") from exc
    unit.refresh_from_db()
    return unit


@transaction.atomic
def add_membership(*, user, unit, role):
    """Give ``user`` the ``role`` at ``unit`` and return the ``Membership`` (existing one if any).

    Side effects: a board reviewer also gets admin access (``is_staff``) and the "Ban Dân vận" group,
    whose permissions cover campaigns, entries and awards (DESIGN.md, "Roles").
    Raises ``ValidationError`` on a closed unit or an unknown role.
    """
    if role not in MembershipRole.values:
        raise ValidationError({"role": f"Vai trò “{role}” không hợp lệ."})
    if not unit.is_active:
        raise ValidationError(
            {"unit": f"Đơn vị “{unit}” đã ngừng hoạt động từ {unit.valid_to:%d/%m/%Y}; không thể phân quyền."}
        )
    membership, _ = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if role == MembershipRole.REVIEWER:
        group, _ = Group.objects.get_or_create(name=BOARD_GROUP)
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return membership
