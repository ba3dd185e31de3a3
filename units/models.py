"""The party units and who works for them (DESIGN.md, "units").

Units form one tree stored as a materialised path (django-treebeard's ``MP_Node``): "all units under X"
is a single indexed ``path LIKE 'X%'`` query, whatever the depth or size of the tree.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from .collation import COLLATION, fold


class UnitKind(models.TextChoices):
    ORGANISER = "organiser", "Cấp ủy tổ chức phong trào (Quận ủy / Đảng ủy)"
    WARD_COMMITTEE = "ward_committee", "Đảng ủy phường"
    DIRECT_ORGANISATION = "direct_organisation", "Đảng bộ, chi bộ trực thuộc"
    CELL = "cell", "Chi bộ trực thuộc cấp cơ sở"


class UnitQuerySet(MP_NodeQuerySet):
    def active(self, on=None):
        """Units open on date ``on`` (default: today)."""
        if on is None:
            return self.filter(valid_to__isnull=True)
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=on)
        )

    def active_during(self, year):
        """Units open at any time in ``year`` (an int): how a past campaign saw the tree."""
        import datetime

        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=last)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=first)
        )

    def subtree_of(self, *units, include_self=True):
        """Units under any of ``units`` (and the units themselves unless ``include_self=False``).

        One query whatever the number of units; an empty ``units`` gives an empty queryset.
        """
        if not units:
            return self.none()
        condition = models.Q()
        for unit in units:
            if include_self:
                condition |= models.Q(path__startswith=unit.path)
            else:
                condition |= models.Q(path__startswith=unit.path, depth__gt=unit.depth)
        return self.filter(condition)


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self):
        # Tree order: each unit right after its parent, siblings by position then Vietnamese name.
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node):
    """A party organisation. Never deleted once referred to: a reorganisation closes it (``valid_to``)."""

    name = models.CharField("tên đơn vị", max_length=255, db_collation=COLLATION)
    short_name = models.CharField("tên ngắn", max_length=100, blank=True, db_collation=COLLATION)
    code = models.SlugField("mã", max_length=60, unique=True)
    kind = models.CharField("loại đơn vị", max_length=30, choices=UnitKind.choices)
    position = models.PositiveIntegerField(
        "thứ tự", default=100, help_text="Thứ tự giữa các đơn vị cùng cấp; số nhỏ đứng trước."
    )
    valid_from = models.DateField("hoạt động từ", null=True, blank=True)
    valid_to = models.DateField("ngừng hoạt động từ", null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
        verbose_name="đơn vị kế thừa",
    )
    search_text = models.TextField(editable=False, default="")

    node_order_by = ["position", "name"]

    objects = UnitManager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
                violation_error_message="Ngày ngừng hoạt động phải sau ngày bắt đầu hoạt động.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "short_name", "code"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.valid_to is None

    @property
    def parent(self):
        """The unit directly above, or ``None`` for a root (cached by treebeard)."""
        return Unit.objects.get_parent(self)

    def subtree(self, include_self=True):
        return Unit.objects.subtree_of(self, include_self=include_self)


class MembershipRole(models.TextChoices):
    STAFF = "staff", "Cán bộ đơn vị"
    REVIEWER = "reviewer", "Ban Dân vận (xét duyệt)"
    LEADER = "leader", "Lãnh đạo"


class Membership(models.Model):
    """A user's role at a unit; it covers the unit's whole subtree (DESIGN.md, "Roles")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="người dùng",
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name="đơn vị"
    )
    role = models.CharField("vai trò", max_length=20, choices=MembershipRole.choices)
    created_at = models.DateTimeField("tạo lúc", db_default=Now())

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
