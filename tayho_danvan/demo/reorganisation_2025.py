"""The real case of 1 July 2025 for Tây Hồ (DESIGN.md, "The 2025 reorganisation"): the district level
ends, Quận ủy Tây Hồ and everything under it close, and four new ward party committees under the city
take the old wards over, one old ward often going to several new ones.
"""

import datetime

from units.models import Unit, UnitKind
from units.reorganisation import NewUnit, reorganise

ON = datetime.date(2025, 7, 1)
NEW_WARDS = [  # (code, name, short name, old wards taken over, wholly or in part)
    (
        "phuong-tay-ho",
        "Đảng ủy phường Tây Hồ",
        "Tây Hồ",
        ["buoi", "thuy-khue", "xuan-la", "quang-an", "phu-thuong", "nhat-tan", "tu-lien", "yen-phu"],
    ),
    ("phuong-phu-thuong", "Đảng ủy phường Phú Thượng", "Phú Thượng", ["phu-thuong", "xuan-la"]),
    (
        "phuong-hong-ha",
        "Đảng ủy phường Hồng Hà",
        "Hồng Hà",
        ["nhat-tan", "tu-lien", "yen-phu", "phu-thuong", "quang-an"],
    ),
    ("phuong-ba-dinh", "Đảng ủy phường Ba Đình", "Ba Đình", ["thuy-khue"]),
]


def apply(by=None, on=ON):
    """Close Quận ủy Tây Hồ's subtree and open the four new ward committees under the city; returns them.

    Raises ``ValidationError`` if it was already applied (the district is closed) or a code is taken.
    """
    district = Unit.objects.get(code="quan-uy-tay-ho")
    city = Unit.objects.get_parent(district)
    opening = [
        NewUnit(
            code=code,
            name=name,
            short_name=short,
            kind=UnitKind.WARD_COMMITTEE,
            parent=city,
            predecessors=olds,
        )
        for code, name, short, olds in NEW_WARDS
    ]
    # The old wards are named so that their successors can be linked; the district closes with them.
    olds = list(Unit.objects.filter(code__in={code for *_, codes in NEW_WARDS for code in codes}))
    return reorganise(closing=[district, *olds], opening=opening, on=on, by=by)
