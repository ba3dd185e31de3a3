"""The council's meeting (issue [H] 5): attendance and quorum, the candidates put to it from the
ranking, the tally of each ballot as the secretary types it from the paper ballots, and the rules that
turn votes into the candidates proposed for an award. Every change goes through a function here.

Rules, from the council's own settings (defaults of issue [H]; Bắc Ninh QĐ 86/2025 and the like under
NĐ 152/2025; NĐ 98/2023 Điều 30 khoản 7 for the stricter shares): the meeting is valid with at least
``quorum_numerator / quorum_denominator`` of all members present; a candidate passes with more than
``pass_share`` % of all members agreeing (present votes plus written opinions), or at least the award
type's ``CouncilRule.pass_share``; at most ``max_ballots`` ballots; when more pass than the award type's
``max_awards``, the highest votes win and the chair breaks ties (``chair_pick``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns.choices import EntryState, Evaluation

from ..models import Attendance, Ballot, Candidate, CouncilMember, MeetingAttendance, Vote


def _members(meeting):
    return list(
        CouncilMember.objects.filter(council_id=meeting.council_id, active=True).order_by("order", "pk")
    )


@transaction.atomic
def record_attendance(*, meeting, by, statuses):
    """Who attended ``meeting``: ``statuses`` ``{member id: Attendance value}`` for the council's active
    members (a member left out is absent). Side effects: one ``MeetingAttendance`` row per member (kept
    in history), the meeting's ``members_total`` (the council's size that day). A no-op when nothing
    changes. Raises ``ValidationError`` for a member of another council, an unknown status, or once a
    ballot is recorded (the tally was checked against this attendance)."""
    members = {m.pk: m for m in _members(meeting)}
    unknown = set(statuses) - set(members)
    if unknown:
        raise ValidationError("Có người không phải thành viên của hội đồng này.")
    if any(value not in Attendance.values for value in statuses.values()):
        raise ValidationError("Tình trạng tham dự không hợp lệ.")
    existing = {a.member_id: a for a in meeting.attendance.all()}
    wanted = {pk: statuses.get(pk, Attendance.ABSENT) for pk in members}
    if {pk: a.status for pk, a in existing.items()} == wanted and meeting.members_total == len(members):
        # A member who left the council since is no longer counted (checked above: same keys).
        return meeting
    if meeting.ballots.exists():
        raise ValidationError("Đã ghi kết quả kiểm phiếu: không sửa thành phần dự họp được nữa.")
    gone = [row.pk for member_id, row in existing.items() if member_id not in members]
    MeetingAttendance.objects.filter(pk__in=gone).delete()
    for pk, status in wanted.items():
        row = existing.get(pk) or MeetingAttendance(meeting=meeting, member=members[pk])
        if row.pk is None or row.status != status:
            row.status = status
            row.save()
    meeting.members_total = len(members)
    meeting._history_user = by
    meeting.save(update_fields=["members_total"])
    return meeting


@dataclass
class Quorum:
    total: int
    present: int
    written: int
    needed: int

    @property
    def met(self):
        return self.total > 0 and self.present >= self.needed


def rules_of(meeting):
    """The rules that decide ``meeting``: those recorded at its first ballot, else the council's now.
    ``{"council": name, "issuer_name": the body on its papers, "quorum": [numerator, denominator],
    "pass_share": str, "max_ballots": int, "by_award_type":
    {award type id (str): [pass_share str or None, max_awards or None]}}``."""
    if meeting.rules_used:
        return meeting.rules_used
    council = meeting.council
    return {
        "council": council.name,
        "issuer_name": council.issuer_name,
        "quorum": [council.quorum_numerator, council.quorum_denominator],
        "pass_share": str(council.pass_share),
        "max_ballots": council.max_ballots,
        "by_award_type": {
            str(rule.award_type_id): [
                None if rule.pass_share is None else str(rule.pass_share),
                rule.max_awards,
            ]
            for rule in council.rules.all()
        },
    }


def share_text(value):
    """A percentage as Vietnamese write it: "50", "66,67"."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def quorum_of(meeting):
    """``Quorum`` of ``meeting``: all members, present, absent with a written opinion, and how many must
    be present (the rules' fraction of all members, rounded up). One query."""
    numerator, denominator = rules_of(meeting)["quorum"]
    statuses = [a.status for a in meeting.attendance.all()]
    total = meeting.members_total
    needed = -(-total * numerator // denominator)
    return Quorum(
        total=total,
        present=statuses.count(Attendance.PRESENT),
        written=statuses.count(Attendance.WRITTEN),
        needed=needed,
    )


@transaction.atomic
def put_candidates(*, meeting, by, candidates):
    """Put ``candidates`` (``[(entry, award type)]``, in ballot order) to ``meeting``, after those
    already there. Each entry must be of the meeting's campaign, accepted, and classed Đạt or Tiêu biểu
    by the chair. Side effects: ``Candidate`` rows. Raises ``ValidationError`` naming each refused entry,
    or once a ballot is recorded."""
    if meeting.ballots.exists():
        raise ValidationError("Đã bỏ phiếu: không thêm hồ sơ đưa ra xét được nữa.")
    problems = []
    for entry, _ in candidates:
        if entry.campaign_id != meeting.campaign_id:
            problems.append(f"“{entry}” không thuộc phong trào của cuộc họp.")
        elif entry.state != EntryState.ACCEPTED or entry.evaluation not in (
            Evaluation.PASSED,
            Evaluation.OUTSTANDING,
        ):
            problems.append(f"“{entry}” chưa được xếp loại Đạt hoặc Tiêu biểu: chưa đưa ra xét được.")
    if problems:
        raise ValidationError(problems)
    there = set(meeting.candidates.values_list("entry_id", "award_type_id"))
    order = meeting.candidates.count()
    made = []
    for entry, award_type in candidates:
        if (entry.pk, award_type.pk) in there:
            continue
        order += 1
        made.append(
            Candidate.objects.create(meeting=meeting, entry=entry, award_type=award_type, order=order)
        )
        there.add((entry.pk, award_type.pk))
    return made


@transaction.atomic
def remove_candidate(*, meeting, by, candidate_id):
    """Take a candidate put by mistake off ``meeting`` before any ballot; the others keep their order.
    Side effects: the ``Candidate`` row deleted (its history keeps it). Raises ``ValidationError`` once a
    ballot is recorded, or for a candidate of another meeting."""
    if meeting.ballots.exists():
        raise ValidationError("Đã bỏ phiếu: không bỏ hồ sơ khỏi danh sách xét được nữa.")
    candidate = meeting.candidates.filter(pk=candidate_id).first()
    if candidate is None:
        raise ValidationError("Hồ sơ này không có trong danh sách xét của cuộc họp.")
    candidate._history_user = by
    candidate.delete()
    for order, rest in enumerate(meeting.candidates.order_by("order"), start=1):
        if rest.order != order:
            rest.order = order
            rest.save(update_fields=["order"])
    return candidate


def _check_tally(meeting, quorum, *, issued, returned, spoilt, blank, votes, candidates):
    problems = []
    if issued > quorum.present:
        problems.append(f"Số phiếu phát ra ({issued}) nhiều hơn số thành viên có mặt ({quorum.present}).")
    if returned > issued:
        problems.append(f"Số phiếu thu về ({returned}) nhiều hơn số phiếu phát ra ({issued}).")
    if spoilt + blank > returned:
        problems.append(
            f"Phiếu không hợp lệ ({spoilt}) và phiếu trắng ({blank}) nhiều hơn số phiếu thu về ({returned})."
        )
    marked = returned - spoilt - blank
    if marked < 0:
        return problems  # the counts themselves are wrong: per-candidate lines would only repeat it
    for candidate in candidates:
        agree, disagree = votes[candidate.pk]
        if agree + disagree > marked:
            problems.append(
                f"{candidate.order}. {candidate.entry}: {agree} đồng ý và {disagree} không đồng ý, nhiều hơn "
                f"{marked} phiếu hợp lệ có đánh dấu."
            )
        written = candidate.written_agree + candidate.written_disagree
        if written > quorum.written:
            problems.append(
                f"{candidate.order}. {candidate.entry}: {written} ý kiến bằng văn bản, nhiều hơn "
                f"{quorum.written} thành viên vắng có ý kiến."
            )
    return problems


@transaction.atomic
def record_ballot(*, meeting, by, issued, returned, spoilt=0, blank=0, votes, written=None):
    """The tally of the next ballot of ``meeting`` as the secretary typed it from the paper ballots:
    ``issued``, ``returned``, ``spoilt`` and ``blank`` ballots, and ``votes`` ``{candidate id: (agree,
    disagree)}`` for the candidates voted on (all of them on the first ballot; on a second, those left
    undecided); on the first ballot, ``written`` ``{candidate id: (agree, disagree)}``: the written
    opinions of the absent members, counted with the votes. The tally must add up and the meeting must
    have its quorum.

    Side effects: one ``Ballot`` and its ``Vote`` rows; the written opinions and a cleared tie-break on
    the candidates voted on; each candidate's ``passed`` recomputed by ``decide``. Returns the
    ``Ballot``. Raises ``ValidationError`` listing every problem (nothing is written then), and beyond
    the council's ``max_ballots``."""
    quorum = quorum_of(meeting)
    if not quorum.met:
        raise ValidationError(
            f"Chưa đủ số thành viên dự họp: có mặt {quorum.present}/{quorum.total}, "
            f"cần ít nhất {quorum.needed}."
        )
    number = meeting.ballots.count() + 1
    rules = rules_of(meeting)
    if number > rules["max_ballots"]:
        raise ValidationError(f"Hội đồng chỉ bỏ phiếu tối đa {rules['max_ballots']} lần cho một nội dung.")
    candidates = list(meeting.candidates.select_related("entry", "award_type").filter(pk__in=list(votes)))
    if len(candidates) != len(votes) or not candidates:
        raise ValidationError("Kết quả phiếu phải ghi cho các hồ sơ đưa ra xét của cuộc họp này.")
    if number == 1 and len(candidates) != meeting.candidates.count():
        raise ValidationError("Lần bỏ phiếu đầu tiên phải ghi kết quả của mọi hồ sơ đưa ra xét.")
    if written:
        if number != 1 or set(written) - set(votes):
            raise ValidationError(
                "Ý kiến bằng văn bản ghi cùng lần bỏ phiếu đầu tiên, cho các hồ sơ đưa ra xét."
            )
        for candidate in candidates:
            candidate.written_agree, candidate.written_disagree = written.get(candidate.pk, (0, 0))
    problems = _check_tally(
        meeting,
        quorum,
        issued=issued,
        returned=returned,
        spoilt=spoilt,
        blank=blank,
        votes=votes,
        candidates=candidates,
    )
    if problems:
        raise ValidationError(problems)
    for candidate in candidates:
        # A new ballot on a candidate replaces the chair's earlier tie-break: the votes decide again.
        if written or candidate.chair_pick:
            candidate.chair_pick = False
            candidate._history_user = by
            candidate.save(update_fields=["written_agree", "written_disagree", "chair_pick"])
    if not meeting.rules_used:
        meeting.rules_used = rules
        meeting._history_user = by
        meeting.save(update_fields=["rules_used"])
    ballot = Ballot.objects.create(
        meeting=meeting, number=number, issued=issued, returned=returned, spoilt=spoilt, blank=blank
    )
    Vote.objects.bulk_create(
        Vote(
            ballot=ballot, candidate=candidate, agree=votes[candidate.pk][0], disagree=votes[candidate.pk][1]
        )
        for candidate in candidates
    )
    decide(meeting=meeting, by=by)
    return ballot


@dataclass
class Outcome:
    candidate: object
    agree: int  # the last ballot's agreeing votes plus the written opinions agreeing
    share: float  # agree as a percentage of all members
    needed: str  # the rule, in words
    meets_share: bool
    passed: bool | None  # None: a tie at the award type's limit the chair has not broken
    note: str


def outcomes(meeting):
    """``[Outcome]`` of each candidate after the ballots so far, in ballot order."""
    used = rules_of(meeting)
    rules = {int(pk): rule for pk, rule in used["by_award_type"].items()}
    council_share = Decimal(used["pass_share"])
    total = meeting.members_total or 1
    latest = {}
    for vote in (
        Vote.objects.filter(ballot__meeting=meeting).select_related("ballot").order_by("ballot__number")
    ):
        latest[vote.candidate_id] = vote
    results = []
    for candidate in meeting.candidates.select_related("entry__unit", "award_type").order_by("order"):
        vote = latest.get(candidate.pk)
        agree = (vote.agree if vote else 0) + candidate.written_agree
        share, _ = rules.get(candidate.award_type_id, (None, None))
        if share is not None:
            meets = agree * 100 >= Decimal(share) * total
            needed = f"từ {share_text(share)}% tổng số thành viên trở lên"
        else:
            meets = agree * 100 > council_share * total
            needed = f"trên {share_text(council_share)}% tổng số thành viên"
        voted = vote is not None
        results.append(
            Outcome(candidate, agree, round(100 * agree / total, 1), needed, meets and voted, False, "")
        )
    # The award type's limit: the highest votes win; a tie across the limit waits for the chair.
    by_type = {}
    for outcome in results:
        if outcome.meets_share:
            by_type.setdefault(outcome.candidate.award_type_id, []).append(outcome)
    for type_id, passing in by_type.items():
        _, most = rules.get(type_id, (None, None))
        limit = most if most is not None else len(passing)
        _apply_limit(sorted(passing, key=lambda o: -o.agree), limit)
    for outcome in results:
        if not outcome.meets_share:
            outcome.note = outcome.note or f"Chưa đạt tỷ lệ ({outcome.needed})."
    return results


def _apply_limit(passing, limit):
    """Mark ``passing`` (outcomes meeting the share, most votes first) within ``limit`` places."""
    if len(passing) <= limit:
        for outcome in passing:
            outcome.passed = True
        return
    if limit == 0:
        for outcome in passing:
            outcome.passed, outcome.note = False, "Hình thức này không còn chỗ đề nghị."
        return
    cutoff = passing[limit - 1].agree
    above = [o for o in passing if o.agree > cutoff]
    at = [o for o in passing if o.agree == cutoff]
    places = limit - len(above)
    for outcome in above:
        outcome.passed = True
    for outcome in passing:
        if outcome.agree < cutoff:
            outcome.passed, outcome.note = False, f"Ít phiếu hơn: chỉ đề nghị {limit} hồ sơ hình thức này."
    if len(at) == places:
        for outcome in at:
            outcome.passed = True
        return
    picked = [o for o in at if o.candidate.chair_pick]
    for outcome in at:
        if len(picked) == places:
            chosen = outcome.candidate.chair_pick
            outcome.passed = chosen
            outcome.note = "Bằng phiếu, chủ trì chọn." if chosen else "Bằng phiếu, chủ trì không chọn."
        else:
            outcome.passed = None
            outcome.note = (
                f"Bằng phiếu: {len(at)} hồ sơ cho {places} chỗ, chờ chủ trì chọn hoặc bỏ phiếu lại."
            )


@transaction.atomic
def decide(*, meeting, by):
    """Write each candidate's ``passed`` from ``outcomes`` (``None`` while a tie waits). A no-op for
    candidates already so. Returns the outcomes."""
    results = outcomes(meeting)
    for outcome in results:
        candidate = outcome.candidate
        if candidate.passed != outcome.passed:
            candidate.passed = outcome.passed
            candidate._history_user = by
            candidate.save(update_fields=["passed"])
    return results


@transaction.atomic
def break_tie(*, meeting, by, picks):
    """The chair picks ``picks`` (candidate ids) among candidates tied at their award type's limit.
    Side effects: ``chair_pick`` on the meeting's candidates, then ``decide``. Raises ``ValidationError``
    when a pick is not a tied candidate or more are picked than places left."""
    results = outcomes(meeting)
    tied = {o.candidate.pk: o for o in results if o.passed is None or o.candidate.chair_pick}
    if set(picks) - set(tied):
        raise ValidationError("Chỉ chọn trong các hồ sơ bằng phiếu.")
    for pk, outcome in tied.items():
        candidate = outcome.candidate
        if candidate.chair_pick != (pk in picks):
            candidate.chair_pick = pk in picks
            candidate._history_user = by
            candidate.save(update_fields=["chair_pick"])
    after = decide(meeting=meeting, by=by)
    if any(o.passed is None for o in after if o.candidate.pk in tied):
        raise ValidationError("Số hồ sơ được chọn không khớp số chỗ còn lại.")
    return after
