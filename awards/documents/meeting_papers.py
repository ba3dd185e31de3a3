"""The papers of a council meeting (issue [H] 6), from the data: the minutes of the meeting (biên bản
họp xét khen thưởng), the ballot paper listing the candidates (phiếu biểu quyết) and the vote-count
minutes (biên bản kiểm phiếu). Each prints as a page (A4, the Party or state heading as the annex has
it) and downloads as an editable Word file rendered by docxtpl from a template the office may replace:
a file of the same name in ``settings.WORD_TEMPLATES_DIR`` is used instead of the default that
``word_templates`` builds (``manage.py make_word_templates DIR`` writes the defaults there to start
from). DESIGN.md, "Documents": Hướng dẫn 36-HD/VPTW; Luật 2022 Điều 84.
"""

import io
from pathlib import Path
from zipfile import BadZipFile

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from campaigns.models.judging import points_text

from ..services import council as council_service
from .heading import heading_for
from .word_templates import default_template

PAPERS = {
    "bien-ban-hop": "Biên bản họp xét khen thưởng",
    "phieu-bieu-quyet": "Phiếu biểu quyết",
    "bien-ban-kiem-phieu": "Biên bản kiểm phiếu",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def template_of(paper):
    """The Word template of ``paper``: the office's own file in ``WORD_TEMPLATES_DIR`` when there is
    one (a path), else the default built by ``word_templates`` (an in-memory file)."""
    own = getattr(settings, "WORD_TEMPLATES_DIR", None)
    if own and (Path(own) / f"{paper}.docx").is_file():
        return Path(own) / f"{paper}.docx"
    return default_template(paper)


def context_of(meeting):
    """What every paper reads: the heading, the meeting, attendance and quorum, the candidates with
    their votes and outcome, the ballots. Plain values (strings, numbers, lists), as Word templates
    and pages both want."""
    council = meeting.council
    # As the council stood at the first ballot: a later rename never rewrites a past meeting's papers.
    rules = council_service.rules_of(meeting)
    issuer_name, council_name = (
        rules.get("issuer_name", council.issuer_name),
        rules.get("council", council.name),
    )
    heading = heading_for(issuer_name=issuer_name, organiser=council.organiser, day=meeting.date)
    quorum = council_service.quorum_of(meeting)
    attendance = list(meeting.attendance.select_related("member"))
    outcomes = council_service.outcomes(meeting) if meeting.ballots.exists() else []
    by_candidate = {o.candidate.pk: o for o in outcomes}
    ballots = list(meeting.ballots.prefetch_related("votes"))
    candidates = []
    for candidate in meeting.candidates.select_related("entry__unit", "award_type"):
        outcome = by_candidate.get(candidate.pk)
        votes = [
            {"ballot": b.number, "agree": v.agree, "disagree": v.disagree}
            for b in ballots
            for v in b.votes.all()
            if v.candidate_id == candidate.pk
        ]
        candidates.append(
            {
                "order": candidate.order,
                "title": candidate.entry.title,
                "unit": candidate.entry.unit.name,
                "kind": candidate.entry.get_kind_display(),
                "award_type": candidate.award_type.name,
                "score": candidate.entry.score,
                "score_text": "" if candidate.entry.score is None else points_text(candidate.entry.score),
                "evaluation": candidate.entry.get_evaluation_display(),
                "written_agree": candidate.written_agree,
                "written_disagree": candidate.written_disagree,
                "votes": votes,
                "agree": outcome.agree if outcome else "",
                "share": f"{outcome.share:g}".replace(".", ",") if outcome else "",
                "result": _result_words(outcome),
            }
        )
    people = lambda status: [a.member for a in attendance if a.status == status]  # noqa: E731
    return {
        "heading": {
            "state": heading.state,
            "issuer_lines": heading.issuer_lines,
            "motto": heading.motto,
            "dated": heading.dated,
        },
        "council": council_name,
        "campaign": meeting.campaign.title,
        "year": meeting.campaign.year,
        "date": f"{meeting.date:%d/%m/%Y}",
        "time": f"{meeting.starts_at:%H giờ %M}" if meeting.starts_at else "",
        "place": meeting.place,
        "chair": _person(meeting.chair),
        "secretary": _person(meeting.secretary),
        "total": quorum.total,
        "present_count": quorum.present,
        "written_count": quorum.written,
        "needed": quorum.needed,
        "quorum_met": quorum.met,
        "present": [_person(m) for m in people("present")],
        "written": [_person(m) for m in people("written")],
        "absent": [_person(m) for m in people("absent")],
        "candidates": candidates,
        "ballots": [
            {
                "number": b.number,
                "issued": b.issued,
                "returned": b.returned,
                "spoilt": b.spoilt,
                "blank": b.blank,
                "valid": b.valid,
            }
            for b in ballots
        ],  # fmt: skip
        "passed": [c for c in candidates if c["result"].startswith("Được đề nghị")],
        "conclusion": meeting.conclusion,
    }


def _person(member):
    if member is None:
        return {"name": "", "position": "", "role": ""}
    return {"name": member.name, "position": member.position, "role": member.get_role_display()}


def _result_words(outcome):
    if outcome is None:
        return ""
    if outcome.passed is None:
        return "Chờ chủ trì quyết định"
    words = "Được đề nghị" if outcome.passed else "Không được đề nghị"
    return (
        f"{words} ({outcome.note.rstrip('.').lower()})"
        if outcome.candidate.chair_pick or "chủ trì" in outcome.note
        else words
    )


def response(request, meeting, paper):
    """``paper`` of ``meeting``: its print page, or with ``?dang=word`` its Word file. 404 for a paper
    that does not exist."""
    if paper not in PAPERS:
        raise Http404
    context = context_of(meeting)
    if request.GET.get("dang") == "word":
        try:
            document = DocxTemplate(template_of(paper))
            document.render(context, autoescape=True)
            out = io.BytesIO()
            document.save(out)
        except (TemplateError, BadZipFile, KeyError, ValueError) as error:
            # The office's own template may be broken (a tag left open, not a .docx): say so plainly.
            messages.error(
                request,
                f"Mẫu Word “{paper}.docx” của Văn phòng có lỗi, chưa tạo được văn bản ({error}). Hãy sửa mẫu "
                "hoặc xóa nó khỏi thư mục WORD_TEMPLATES_DIR để dùng mẫu mặc định.",
            )
            return redirect("admin:awards_meeting_conduct", meeting.pk)
        reply = HttpResponse(out.getvalue(), content_type=DOCX)
        reply["Content-Disposition"] = f'attachment; filename="{paper}-{meeting.date:%Y%m%d}.docx"'
        return reply
    return render(
        request, f"awards/papers/{paper}.html", {**context, "title": PAPERS[paper], "meeting": meeting}
    )
