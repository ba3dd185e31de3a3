"""The demo's council meeting (issue [H]): the Ban Thường vụ Quận ủy Tây Hồ met on 12/01/2024 and voted
on the 2023 entries the district then awarded its Giấy khen. Members' names and the votes are invented.
"""

import datetime

from awards.models import Attendance, AwardType, Council, CouncilMember, Meeting, MemberRole
from awards.services import council as council_service

MEMBERS = [  # (name, position, role): invented
    ("Nguyễn Văn Thắng", "Bí thư Quận ủy", MemberRole.CHAIR),
    ("Trần Thị Minh Hằng", "Phó Bí thư Thường trực Quận ủy", MemberRole.VICE_CHAIR),
    ("Lê Quốc Khánh", "Phó Bí thư Quận ủy, Chủ tịch UBND quận", MemberRole.VICE_CHAIR),
    ("Phạm Văn Đức", "Trưởng Ban Tổ chức Quận ủy", MemberRole.MEMBER),
    ("Nguyễn Lê Hoàng", "Trưởng Ban Dân vận Quận ủy", MemberRole.MEMBER),
    ("Đỗ Thị Thu Trang", "Trưởng Ban Tuyên giáo Quận ủy", MemberRole.MEMBER),
    ("Hoàng Văn Long", "Chủ nhiệm Ủy ban Kiểm tra Quận ủy", MemberRole.MEMBER),
    ("Vũ Minh Tuấn", "Chỉ huy trưởng Ban Chỉ huy quân sự quận", MemberRole.MEMBER),
    ("Bùi Văn Sơn", "Trưởng Công an quận", MemberRole.MEMBER),
    ("Ngô Thị Hạnh", "Chủ tịch Ủy ban MTTQ quận", MemberRole.MEMBER),
    ("Đặng Văn Hải", "Phó Chủ tịch UBND quận", MemberRole.MEMBER),
    ("Lý Thị Mai", "Chánh Văn phòng Quận ủy", MemberRole.SECRETARY),
    ("Phan Văn Tùng", "Bí thư Đảng ủy phường Bưởi", MemberRole.MEMBER),
]


def council_2023(c2023, decision, reviewer):
    """The council and its 2023 meeting on the entries of ``decision`` (the district's Giấy khen); a
    second call finds the meeting and adds nothing. Returns the ``Meeting``."""
    district = c2023.organiser
    council, _ = Council.objects.get_or_create(organiser=district, name="Ban Thường vụ Quận ủy Tây Hồ")
    members = []
    for order, (name, position, role) in enumerate(MEMBERS, start=1):
        member, _ = CouncilMember.objects.get_or_create(
            council=council, name=name, defaults={"position": position, "role": role, "order": order}
        )
        members.append(member)
    meeting = Meeting.objects.filter(council=council, campaign=c2023).first()
    if meeting is not None:
        return meeting
    meeting = Meeting.objects.create(
        council=council,
        campaign=c2023,
        date=datetime.date(2024, 1, 12),
        starts_at=datetime.time(8, 30),
        place="Hội trường Quận ủy Tây Hồ",
        chair=members[0],
        secretary=members[11],
        conclusion="Ban Thường vụ thống nhất đề nghị tặng Giấy khen các tập thể, cá nhân nêu trên "
        "(dữ liệu giả định).",
    )
    statuses = {m.pk: Attendance.PRESENT for m in members[:11]}
    statuses[members[11].pk] = Attendance.PRESENT
    statuses[members[12].pk] = Attendance.WRITTEN
    council_service.record_attendance(meeting=meeting, by=reviewer, statuses=statuses)
    entries = [
        award.entry
        for award in decision.awards.exclude(entry=None).select_related("entry").order_by("position")
    ]
    award_type = AwardType.objects.get(pk=decision.award_type_id)
    candidates = council_service.put_candidates(
        meeting=meeting, by=reviewer, candidates=[(entry, award_type) for entry in entries]
    )
    council_service.record_ballot(
        meeting=meeting,
        by=reviewer,
        issued=12,
        returned=12,
        votes={c.pk: (12 - n % 3, n % 3) for n, c in enumerate(candidates)},
        written={c.pk: (1, 0) for c in candidates},
    )
    return meeting
