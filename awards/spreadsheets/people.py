"""Individuals and collectives commended by hand, imported from a small spreadsheet into one decision.

Columns (Vietnamese, in any order): "Đối tượng" (Cá nhân / Tập thể), "Tên tập thể / Họ và tên",
"Chức vụ", "Mã đơn vị", "Thành tích". The file goes through ``tayho_danvan.lib.excel.read_xlsx`` (no
formulas, no zip bombs); every row is checked first and ``services.award_people`` writes them all, or
nothing when any row is wrong.
"""

from django.core.exceptions import ValidationError

from tayho_danvan.lib.excel import read_xlsx
from units.collation import fold
from units.models import Unit

from ..models import RecipientKind
from ..services import award_people

KIND, NAME, POSITION, UNIT, ACHIEVEMENT = (
    "Đối tượng",
    "Tên tập thể / Họ và tên",
    "Chức vụ",
    "Mã đơn vị",
    "Thành tích",
)
HEADERS = [KIND, NAME, POSITION, UNIT, ACHIEVEMENT]
KINDS = {
    fold(RecipientKind.INDIVIDUAL.label): RecipientKind.INDIVIDUAL,
    fold(RecipientKind.COLLECTIVE.label): RecipientKind.COLLECTIVE,
}


def import_people(data, *, decision, by, file_name=None):
    """Add the people of the xlsx ``data`` (bytes) to ``decision``; return the new ``Award`` rows.

    Raises ``tayho_danvan.lib.excel.ImportFileError`` for a refused file, and ``ValidationError`` listing
    "dòng N: …" for bad rows (nothing written).
    """
    headers, rows = read_xlsx(data, file_name, expected=HEADERS)
    missing = [h for h in (KIND, NAME, UNIT) if h not in headers]
    if missing:
        raise ValidationError("Tệp thiếu cột " + ", ".join(f"“{h}”" for h in missing) + ".")
    index = {h: i for i, h in enumerate(headers)}
    organiser = decision.campaign.organiser
    units = {
        u.code: u for u in Unit.objects.filter(path__startswith=organiser.path, depth__gt=organiser.depth)
    }
    recipients, problems = [], []
    for number, row in zip(rows.numbers, rows, strict=True):
        cell = {h: "" if row[i] is None else str(row[i]).strip() for h, i in index.items()}
        kind = KINDS.get(fold(cell[KIND]))
        unit = units.get(cell[UNIT])
        name = cell[NAME]
        if kind is None:
            problems.append(f"dòng {number}: cột “{KIND}” phải là “Cá nhân” hoặc “Tập thể”.")
        if not name:
            problems.append(f"dòng {number}: thiếu “{NAME}”.")
        if unit is None:
            problems.append(f"dòng {number}: không có đơn vị mã “{cell[UNIT]}” trong phạm vi {organiser}.")
        if kind and unit and name:
            recipients.append(
                {"kind": kind, "name": name, "position": cell.get(POSITION, ""), "unit": unit,
                 "achievement": cell.get(ACHIEVEMENT, "")}
            )  # fmt: skip
    if problems:
        raise ValidationError(problems)
    return award_people(decision=decision, recipients=recipients, by=by)
