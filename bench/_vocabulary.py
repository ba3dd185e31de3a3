"""The words the generated data is made of (bench/bigdata.py): place names, model names, Vietnamese
names, a paragraph of text, and the share of entries in each state with the events that lead there.
"""

PLACES = [
    "An Khánh",
    "Bạch Mai",
    "Cầu Giấy",
    "Đống Đa",
    "Giảng Võ",
    "Hoàng Liệt",
    "Khương Đình",
    "Láng",
    "Long Biên",
    "Mỹ Đình",
    "Nghĩa Đô",
    "Ô Chợ Dừa",
    "Phúc Lợi",
    "Quỳnh Mai",
    "Sơn Tây",
    "Thanh Xuân",
    "Tương Mai",
    "Vĩnh Tuy",
    "Xuân Đỉnh",
    "Yên Hòa",
    "Định Công",
    "Hà Đông",
    "Ngọc Hà",
    "Văn Miếu",
]
MODEL_NAMES = [
    "Bữa cơm nghĩa tình",
    "Tuyến phố văn minh",
    "Ngõ phố không rác",
    "Camera an ninh",
    "Tổ hòa giải giỏi",
    "Sân chơi cho thiếu nhi",
    "Chợ dân sinh an toàn",
    "Dân vận khéo trong giải phóng mặt bằng",
    "Khu dân cư không ma túy",
    "Thư viện cộng đồng",
    "Vườn rau sạch",
    "Đồng hành cùng người cao tuổi",
    "Quỹ khuyến học dòng họ",
    "Chuyển đổi số cùng nhân dân",
    "Hồ Tây xanh",
    "Nhà nhân ái",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hồng", "Quang", "Ngọc", "Xuân", "Thanh"]
GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Yến",
]
TEXT = (
    "Nội dung minh họa cho thử tải (dữ liệu giả định): tuyên truyền, vận động nhân dân cùng tham gia, "
    "phân công rõ người, rõ việc, rõ thời gian, rõ kết quả; kiểm đếm được theo quý."
)


CURRENT_STATES = [  # (state, share) of the open campaign's entries
    ("draft", 15),
    ("submitted", 25),
    ("returned", 5),
    ("resubmitted", 5),
    ("accepted", 45),
    ("withdrawn", 5),
]
CLOSED_STATES = [("accepted", 85), ("withdrawn", 5), ("returned", 4), ("draft", 6)]
EVALUATIONS = [("outstanding", 24), ("passed", 61), ("not_passed", 15)]
PATHS = {  # the events leading to each state: (from, to) in order
    "draft": [("", "draft")],
    "submitted": [("", "draft"), ("draft", "submitted")],
    "accepted": [("", "draft"), ("draft", "submitted"), ("submitted", "accepted")],
    "returned": [("", "draft"), ("draft", "submitted"), ("submitted", "returned")],
    "resubmitted": [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "resubmitted"),
    ],
    "withdrawn": [("", "draft"), ("draft", "submitted"), ("submitted", "withdrawn")],
}


def pick(rng, table):
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]
