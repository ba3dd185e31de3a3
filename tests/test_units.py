import datetime

import pytest
from django.core.exceptions import ValidationError

from units import services
from units.collation import fold
from units.models import Membership, MembershipRole, Unit, UnitKind

from .factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_all_units_under_a_ward_come_from_one_query(tay_ho, django_assert_num_queries):
    deep = UnitFactory(name="Tổ đảng 1", code="to-dang-1", parent=tay_ho.nhat_tan_cells[0])
    with django_assert_num_queries(1):
        codes = [u.code for u in tay_ho.nhat_tan.subtree()]
    assert codes == ["nhat-tan", "nhat-tan-cb-1", deep.code, "nhat-tan-cb-2"]


def test_subtree_query_count_does_not_grow_with_the_tree(tay_ho, django_assert_num_queries):
    for ward_index in range(3):
        ward = UnitFactory(
            name=f"Phường {ward_index}",
            code=f"p-{ward_index}",
            kind=UnitKind.WARD_COMMITTEE,
            parent=tay_ho.district,
        )
        for n in range(40):
            UnitFactory(name=f"Chi bộ {n}", code=f"p-{ward_index}-{n}", parent=ward)
    with django_assert_num_queries(1):
        under_district = list(tay_ho.district.subtree(include_self=False))
    assert len(under_district) == 7 + 3 * 41
    with django_assert_num_queries(1):
        under_two = list(Unit.objects.subtree_of(tay_ho.nhat_tan, tay_ho.quang_an))
    assert {u.code for u in under_two} == {
        "nhat-tan",
        "quang-an",
        "nhat-tan-cb-1",
        "nhat-tan-cb-2",
        "quang-an-cb-1",
        "quang-an-cb-2",
    }


def test_board_cannot_move_a_ward_under_its_own_cell(tay_ho):
    cell = tay_ho.nhat_tan_cells[0]
    with pytest.raises(ValidationError, match="vòng lặp"):
        services.move_unit(unit=tay_ho.nhat_tan, new_parent=cell)
    tay_ho.nhat_tan.refresh_from_db()
    assert tay_ho.nhat_tan.parent.code == "quan-uy-tay-ho"
    with pytest.raises(ValidationError):
        services.move_unit(unit=tay_ho.nhat_tan, new_parent=tay_ho.nhat_tan)


def test_moving_a_cell_to_another_ward_moves_its_subtree(tay_ho):
    cell = tay_ho.nhat_tan_cells[0]
    UnitFactory(name="Tổ đảng", code="to-dang", parent=cell)
    services.move_unit(unit=cell, new_parent=tay_ho.quang_an)
    assert {u.code for u in tay_ho.quang_an.subtree()} >= {cell.code, "to-dang"}
    assert "to-dang" not in {u.code for u in Unit.objects.get(code="nhat-tan").subtree()}


def test_membership_on_a_closed_unit_is_refused(tay_ho):
    closed = UnitFactory(
        name="Chi bộ đã sáp nhập", code="cb-cu", parent=tay_ho.nhat_tan, valid_from=datetime.date(2010, 1, 1)
    )
    Unit.objects.filter(pk=closed.pk).update(valid_to=datetime.date(2025, 7, 1))
    closed.refresh_from_db()
    user = UserFactory()
    with pytest.raises(ValidationError, match="ngừng hoạt động"):
        services.add_membership(user=user, unit=closed, role=MembershipRole.STAFF)
    assert not Membership.objects.filter(user=user).exists()


def test_duplicate_unit_code_is_refused_with_a_message(tay_ho):
    with pytest.raises(ValidationError, match="đã được dùng"):
        services.create_unit(name="Trùng", code="nhat-tan", kind=UnitKind.CELL, parent=tay_ho.district)


def test_reviewer_membership_opens_the_admin(tay_ho):
    user = UserFactory()
    services.add_membership(user=user, unit=tay_ho.district, role=MembershipRole.REVIEWER)
    user.refresh_from_db()
    assert user.is_staff
    assert user.has_perm("campaigns.change_entry")
    assert user.has_perm("awards.add_award")
    assert not user.has_perm("units.change_unit")


VIETNAMESE_ORDER = ["An", "Anh", "Ánh", "Ăn", "Ân", "Ấn", "Ba", "Bà", "Dương", "Đào", "Đặng"]


def test_unit_names_sort_in_vietnamese_order(tay_ho):
    for index, name in enumerate(reversed(VIETNAMESE_ORDER)):
        UnitFactory(name=name, code=f"order-{index}", parent=tay_ho.military)
    names = list(
        Unit.objects.filter(path__startswith=tay_ho.military.path, depth=tay_ho.military.depth + 1)
        .order_by("name")
        .values_list("name", flat=True)
    )
    assert names == VIETNAMESE_ORDER


def test_siblings_take_the_tree_order_by_position_then_vietnamese_name(tay_ho):
    for index, name in enumerate(["Đào", "Ăn", "Anh", "Ba"]):
        UnitFactory(name=name, code=f"sib-{index}", parent=tay_ho.military, position=5)
    UnitFactory(name="Zeta trước", code="sib-first", parent=tay_ho.military, position=1)
    children = [u.name for u in Unit.objects.get_children(tay_ho.military)]
    assert children == ["Zeta trước", "Anh", "Ăn", "Ba", "Đào"]


def test_fold_removes_vietnamese_accents_including_d_stroke():
    assert fold("Đảng ủy phường Nhật Tân") == "dang uy phuong nhat tan"


def test_board_finds_units_without_typing_accents(admin_client, tay_ho):
    response = admin_client.get("/admin/units/unit/", {"q": "nhat tan"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Đảng ủy phường Nhật Tân" in content
    assert "Đảng ủy phường Quảng An" not in content
