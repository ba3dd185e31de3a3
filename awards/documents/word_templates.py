"""The default Word templates of the meeting's papers, built with python-docx: A4, Times New Roman 13,
the heading in a borderless two-column table, docxtpl's tags where the data goes (``{{ … }}``, and
``{%tr for … %}`` rows in tables). ``manage.py make_word_templates DIR`` writes them for the office to
adjust in Word; ``meeting_papers`` uses the office's file when there is one, else builds these.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

FONT = "Times New Roman"  # a Unicode font with Vietnamese (TCVN 6909:2001)


def _document():
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    return document


def _line(cell_or_doc, text, *, bold=False, italic=False, underline=False, center=True, size=None):
    paragraph = cell_or_doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _heading(document, title, subtitle=""):
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "{{ heading.issuer_lines[0] }}"
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(left, "{{ heading.issuer_lines[1] }}", bold=True)
    _line(left, "{{ heading.issuer_lines[2] }}")
    right.paragraphs[0].text = "{{ heading.motto[0] }}"
    right.paragraphs[0].runs[0].bold = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(right, "{{ heading.motto[1] }}", bold=True, underline=True)
    _line(right, "{{ heading.dated }}", italic=True)
    _line(document, title, bold=True, size=14)
    if subtitle:
        _line(document, subtitle, bold=True)


def _table(document, headers, cells, loop):
    """A table: a header row, then one row per item of ``loop`` (docxtpl ``{%tr %}`` rows)."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].paragraphs[0].text = f"{{%tr for {loop} %}}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.paragraphs[0].text = text
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    return table


def _signatures(document, left, right):
    table = document.add_table(rows=1, cols=2)
    for cell, (role, name) in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = role
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _line(cell, "(Ký, ghi rõ họ tên)", italic=True)
        _line(cell, "")
        _line(cell, "")
        _line(cell, name, bold=True)


QUORUM = (
    "{{ council }} có {{ total }} thành viên; có mặt {{ present_count }}, vắng có ý kiến bằng văn bản "
    "{{ written_count }}. Số có mặt tối thiểu là {{ needed }}: cuộc họp "
    "{% if quorum_met %}đủ{% else %}không đủ{% endif %} điều kiện tiến hành."
)
PRESENT = "m in present"
ABSENT = (
    "{% if written %}Vắng có ý kiến bằng văn bản: {% for m in written %}{{ m.name }}{% if not loop.last %}, "
    "{% endif %}{% endfor %}. {% endif %}{% if absent %}Vắng: {% for m in absent %}{{ m.name }}"
    "{% if not loop.last %}, {% endif %}{% endfor %}.{% endif %}{% if not written and not absent %}"
    "Không thành viên nào vắng mặt.{% endif %}"
)
PASSED = (
    "Cuộc họp thống nhất đề nghị khen thưởng {{ passed|length }} hồ sơ{% if passed %}: {% for c in passed %}"
    "{{ c.title }} ({{ c.unit }}){% if not loop.last %}; {% endif %}{% endfor %}{% endif %}."
)


def minutes():
    document = _document()
    _heading(document, "BIÊN BẢN", "HỌP XÉT KHEN THƯỞNG PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {{ year }}")
    _line(document, "Thời gian: {{ time }} ngày {{ date }}. Địa điểm: {{ place }}.", center=False)
    leaders = (
        "Chủ trì: {{ chair.name }}, {{ chair.position }}. "
        "Thư ký: {{ secretary.name }}, {{ secretary.position }}."
    )
    _line(document, leaders, center=False)
    _line(document, "I. THÀNH PHẦN DỰ HỌP", bold=True, center=False)
    _line(document, QUORUM, center=False)
    _table(
        document,
        ["Họ và tên", "Chức vụ", "Vai trò"],
        ["{{ m.name }}", "{{ m.position }}", "{{ m.role }}"],
        PRESENT,
    )
    _line(document, ABSENT, center=False)
    _line(document, "II. NỘI DUNG: XÉT CÁC HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", bold=True, center=False)
    _table(
        document,
        ["STT", "Mô hình, điển hình", "Đơn vị", "Đề nghị", "Điểm", "Đồng ý", "Tỷ lệ (%)", "Kết quả"],
        [
            "{{ c.order }}",
            "{{ c.title }}",
            "{{ c.unit }}",
            "{{ c.award_type }}",
            "{{ c.score_text }}",
            "{{ c.agree }}",
            "{{ c.share }}",
            "{{ c.result }}",
        ],
        "c in candidates",
    )
    _line(document, "III. KẾT LUẬN", bold=True, center=False)
    _line(document, "{% if conclusion %}{{ conclusion }} {% endif %}" + PASSED, center=False)
    _signatures(document, ("THƯ KÝ", "{{ secretary.name }}"), ("CHỦ TRÌ", "{{ chair.name }}"))
    return document


def ballot_paper():
    document = _document()
    _heading(
        document, "PHIẾU BIỂU QUYẾT", "ĐỀ NGHỊ KHEN THƯỞNG PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {{ year }}"
    )
    _line(
        document,
        "Đồng ý: đánh dấu X vào cột “Đồng ý”; không đồng ý: đánh dấu X vào cột “Không đồng ý”.",
        italic=True,
        center=False,
    )
    _table(
        document,
        ["STT", "Mô hình, điển hình", "Đơn vị", "Đề nghị", "Đồng ý", "Không đồng ý"],
        ["{{ c.order }}", "{{ c.title }}", "{{ c.unit }}", "{{ c.award_type }}", "", ""],
        "c in candidates",
    )
    return document


def count_minutes():
    document = _document()
    _heading(
        document,
        "BIÊN BẢN KIỂM PHIẾU",
        "ĐỀ NGHỊ KHEN THƯỞNG PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {{ year }}",
    )
    _line(document, "Ngày {{ date }}, tại {{ place }}, {{ council }} kiểm phiếu biểu quyết.", center=False)
    _table(
        document,
        ["Lần", "Phát ra", "Thu về", "Không hợp lệ", "Phiếu trắng", "Hợp lệ"],
        [
            "{{ b.number }}",
            "{{ b.issued }}",
            "{{ b.returned }}",
            "{{ b.spoilt }}",
            "{{ b.blank }}",
            "{{ b.valid }}",
        ],
        "b in ballots",
    )
    _table(
        document,
        [
            "STT",
            "Mô hình, điển hình",
            "Đồng ý (phiếu)",
            "Đồng ý (văn bản)",
            "Không đồng ý",
            "Tỷ lệ (%)",
            "Kết quả",
        ],
        [
            "{{ c.order }}",
            "{{ c.title }}",
            "{% for v in c.votes %}{{ v.agree }}{% if not loop.last %}; {% endif %}{% endfor %}",
            "{{ c.written_agree }}",
            "{% for v in c.votes %}{{ v.disagree }}{% if not loop.last %}; {% endif %}{% endfor %}",
            "{{ c.share }}",
            "{{ c.result }}",
        ],
        "c in candidates",
    )
    _signatures(document, ("THƯ KÝ", "{{ secretary.name }}"), ("CHỦ TRÌ", "{{ chair.name }}"))
    return document


BUILDERS = {"bien-ban-hop": minutes, "phieu-bieu-quyet": ballot_paper, "bien-ban-kiem-phieu": count_minutes}


def default_template(paper):
    """The default template of ``paper`` (a key of ``BUILDERS``) as an in-memory .docx file."""
    out = io.BytesIO()
    BUILDERS[paper]().save(out)
    out.seek(0)
    return out
