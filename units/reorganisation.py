"""Reorganisations of the unit tree: old units close, new ones open, successors are linked
(DESIGN.md, "The 2025 reorganisation"; NQ 1656/NQ-UBTVQH15 of 16/6/2025).

Nothing that refers to an old unit is touched: entries, awards and decisions keep pointing where they
pointed, and old units keep their place in the tree (closing is ``valid_to``, never a move or a
delete), so the figures of a past year come out exactly as they were. ``roll_up`` is a view of the past
through today's units, never a rewrite.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Unit, UnitKind
from .services import create_unit


@dataclass
class NewUnit:
    """A unit the reorganisation opens: where it sits and which old units it takes over (codes)."""

    code: str
    name: str
    kind: str
    parent: Unit
    short_name: str = ""
    position: int = 100
    predecessors: list = field(default_factory=list)


@transaction.atomic
def reorganise(*, closing, opening, on, by=None):
    """Close the units ``closing`` (with their whole subtrees) and open ``opening`` on date ``on``.

    ``closing``: ``Unit`` objects; ``opening``: ``NewUnit`` specs, in an order where parents come
    first. Each new unit is linked as a successor of its ``predecessors`` (old unit codes); one old
    unit may have several successors and one new unit several predecessors. Returns the new units.
    Side effects: ``valid_to = on`` on every closed unit and its subtree; new ``Unit`` rows with
    ``valid_from = on``; rows in ``Unit.successors``. Raises ``ValidationError`` (nothing written) when
    a unit is named twice, is already closed, a new code is taken, a predecessor is not being closed,
    or a new unit's parent is closed or being closed. ``by``: the acting user (audit).
    """
    errors = []
    codes = [unit.code for unit in closing]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        errors.append(f"Đơn vị “{code}” được nêu hai lần trong danh sách đóng.")
    for unit in closing:
        unit.refresh_from_db()
        if not unit.is_active:
            errors.append(f"“{unit}” đã ngừng hoạt động từ {unit.valid_to:%d/%m/%Y}, không đóng lại được.")
    new_codes = [spec.code for spec in opening]
    for code in sorted({c for c in new_codes if new_codes.count(c) > 1}):
        errors.append(f"Mã “{code}” được nêu hai lần trong danh sách mở.")
    taken = set(Unit.objects.filter(code__in=new_codes).values_list("code", flat=True))
    errors += [f"Mã “{code}” đã được dùng cho một đơn vị khác." for code in sorted(taken)]
    closing_paths = [unit.path for unit in closing]
    for spec in opening:
        missing = [code for code in spec.predecessors if code not in codes]
        if missing:
            errors.append(
                f"“{spec.name}”: đơn vị tiền thân {', '.join(missing)} không nằm trong danh sách đóng."
            )
        if isinstance(spec.parent, Unit) and (
            not spec.parent.is_active or any(spec.parent.path.startswith(p) for p in closing_paths)
        ):
            errors.append(f"“{spec.name}”: đơn vị cấp trên “{spec.parent}” đã hoặc sắp ngừng hoạt động.")
        if spec.kind not in UnitKind.values:
            errors.append(f"“{spec.name}”: loại đơn vị “{spec.kind}” không hợp lệ.")
    if errors:
        raise ValidationError(errors)

    for path in closing_paths:
        Unit.objects.filter(path__startswith=path, valid_to__isnull=True).update(valid_to=on)
    created = {}
    by_code = {unit.code: unit for unit in closing}
    for spec in opening:
        parent = created.get(spec.parent) if isinstance(spec.parent, str) else spec.parent
        unit = create_unit(
            name=spec.name,
            code=spec.code,
            kind=spec.kind,
            parent=parent,
            short_name=spec.short_name,
            position=spec.position,
            valid_from=on,
        )
        created[spec.code] = unit
        for code in spec.predecessors:
            by_code[code].successors.add(unit)
    return list(created.values())


def current_successors(unit):
    """Today's units that ``unit``'s work passed to, following successors through every reorganisation
    (a set of ``Unit``; the unit itself while it is open).
    """
    if unit.is_active:
        return {unit}
    found, seen, queue = set(), set(), [unit]
    while queue:
        current = queue.pop()
        if current.pk in seen:
            continue
        seen.add(current.pk)
        successors = list(current.successors.all())
        if current.is_active:
            found.add(current)
        queue.extend(successors)
    return found


NO_SUCCESSOR = "Không có đơn vị kế thừa"


def roll_up(rows):
    """Regroup a past year's per-unit rows under today's units (a view; nothing is rewritten).

    ``rows``: dicts with ``code``, ``name``, ``models`` and ``exemplars`` (e.g. the report's
    ``by_ward``). Returns ``[]`` while none of those units has closed; else ``[{"code", "name",
    "models", "exemplars", "shared", "from": [{"name", "models", "exemplars", "whole"}]}]`` sorted by
    name: an old unit passed whole to one successor is added there; one split between several
    successors is listed under each with ``whole: False`` and counted in ``shared``, not added (its
    entries cannot be divided without a rule the article does not give); closed units with no
    successor are gathered under ``NO_SUCCESSOR`` so that every figure of the year appears somewhere.
    """
    # The first hop of successors in one query; further reorganisations (rare) follow one query each.
    old_units = Unit.objects.filter(code__in=[r["code"] for r in rows]).prefetch_related("successors")
    units = {u.code: u for u in old_units}
    if all(unit.is_active for unit in units.values()):
        return []
    today = {}
    for row in rows:
        old = units.get(row["code"])
        if old is None:
            continue
        successors = current_successors(old) or {None}
        whole = len(successors) == 1
        for successor in successors:
            code = successor.code if successor else ""
            target = today.setdefault(
                code,
                {
                    "code": code,
                    "name": successor.name if successor else NO_SUCCESSOR,
                    "models": 0,
                    "exemplars": 0,
                    "shared": 0,
                    "from": [],
                },
            )
            target["from"].append(
                {"name": row["name"], "models": row["models"], "exemplars": row["exemplars"], "whole": whole}
            )
            if whole:
                target["models"] += row["models"]
                target["exemplars"] += row["exemplars"]
            else:
                target["shared"] += 1
    return sorted(today.values(), key=lambda r: (r["code"] == "", r["name"]))
