"""Build a city-scale database for the benchmark (issue [E]): a big organiser beside the demo, with its
ward committees and grassroots cells, ten yearly campaigns of entries in every state, their events and
audit history, evaluations, one award decision per closed year, logins for a leader, a board member and
each ward's staff.

PostgreSQL only: rows go in through ``COPY`` (psycopg2's ``copy_expert``), one table at a time, with
ids assigned here and the sequences moved past them afterwards. The tree's materialised paths, the
``numchild`` counters and the folded search columns are filled as the apps fill them (``Unit.save``,
``Entry.save``), so every page and command reads the generated rows exactly as it reads real ones.

Entry point: ``build(size)`` with ``size`` one of ``SIZES``; returns the ``Cast`` the measurements use.
"""

import datetime
import random
from dataclasses import dataclass

from _copy import copy_rows, history_rows, move_sequences, next_ids
from _vocabulary import (
    CLOSED_STATES,
    CURRENT_STATES,
    EVALUATIONS,
    FAMILY,
    GIVEN,
    MIDDLE,
    MODEL_NAMES,
    PATHS,
    PLACES,
    TEXT,
    pick,
)
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

SIZES = {
    # name: (ward committees, cells per ward, years of campaigns)
    "small": (50, 99, 4),
    "full": (500, 99, 10),
}
ORGANISER_CODE = "thu-tai"
PASSWORD = "DanVan@2024"  # the demo's password, so one table of logins serves both databases


@dataclass
class Cast:
    """What the measurements open on the generated data: codes, usernames and ids."""

    organiser: str
    ward: str  # a ward committee with its cells
    cell: str
    leader: str
    board: str
    ward_staff: str
    campaign_pk: int  # the current campaign (open for registration)
    closed_campaign_pk: int  # the last closed campaign (its decision holds the awards)
    entry_pk: int  # an accepted entry of ``ward`` in the current campaign
    editable_pk: int  # a draft of ``ward`` in the current campaign
    decision_number: str
    entries: int  # in the current campaign
    units: int


def _units(rng, wards, cells_per_ward, today):
    from units.collation import fold
    from units.models import Unit, UnitKind

    root = Unit.objects.get(code="ha-noi")
    last = Unit.objects.filter(depth=root.depth + 1, path__startswith=root.path).order_by("-path").first()
    step = root.numchild + 1 if last is None else int(last.path[-Unit.steplen :], 36) + 1
    (next_id,) = next_ids(Unit)
    since = datetime.date(2008, 8, 1)

    def unit(pk, path, depth, numchild, code, name, short, kind, position):
        return dict(
            id=pk,
            path=path,
            depth=depth,
            numchild=numchild,
            name=name,
            short_name=short,
            code=code,
            kind=kind,
            position=position,
            valid_from=since,
            valid_to=None,
            search_text=fold(f"{name} {short} {code}"),
        )

    org_path = Unit._get_path(root.path, root.depth + 1, step)
    rows = [
        unit(
            next_id,
            org_path,
            root.depth + 1,
            wards,
            ORGANISER_CODE,
            "Đảng bộ thử tải thành phố (giả định)",
            "Thử tải",
            UnitKind.ORGANISER,
            900,
        )
    ]
    organiser_id, pk = next_id, next_id + 1
    ward_ids, cell_ids = [], []
    for w in range(1, wards + 1):
        place = f"{PLACES[w % len(PLACES)]} {w:03d}"
        ward_path = Unit._get_path(org_path, root.depth + 2, w)
        rows.append(
            unit(
                pk,
                ward_path,
                root.depth + 2,
                cells_per_ward,
                f"tt-p{w:03d}",
                f"Đảng ủy phường {place}",
                place,
                UnitKind.WARD_COMMITTEE,
                w,
            )
        )
        ward_ids.append(pk)
        pk += 1
        for c in range(1, cells_per_ward + 1):
            rows.append(
                unit(
                    pk,
                    Unit._get_path(ward_path, root.depth + 3, c),
                    root.depth + 3,
                    0,
                    f"tt-p{w:03d}-cb-{c:02d}",
                    f"Chi bộ tổ dân phố số {c} phường {place}",
                    "",
                    UnitKind.CELL,
                    c,
                )
            )
            cell_ids.append((pk, w))
            pk += 1
    copy_rows(Unit, rows)
    Unit.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    move_sequences(Unit)
    return Unit.objects.get(pk=organiser_id), rows


def _people(organiser, units):
    """The organiser's leader and board member and one staff login per ward: ``(users, ids)``."""
    from django.contrib.auth import get_user_model

    from units.models import Membership, MembershipRole, UnitKind

    User = get_user_model()
    password = make_password(PASSWORD)
    user_id, membership_id = next_ids(User, Membership)
    now = timezone.now()
    users, memberships = [], []

    def person(username, name, unit_id, role):
        nonlocal user_id, membership_id
        users.append(
            dict(
                id=user_id,
                password=password,
                username=username,
                first_name=name,
                last_name="",
                email="",
                is_superuser=False,
                is_staff=False,
                is_active=True,
                date_joined=now,
                last_login=None,
            )
        )
        memberships.append(
            dict(id=membership_id, user_id=user_id, unit_id=unit_id, role=role, created_at=now)
        )
        user_id += 1
        membership_id += 1
        return user_id - 1

    ids = {
        "leader": person("lanhdao.thutai", "Lãnh đạo thử tải", organiser.pk, MembershipRole.LEADER),
        "board": person("bandanvan.thutai", "Ban Dân vận thử tải", organiser.pk, MembershipRole.REVIEWER),
    }
    for row in units:
        if row["kind"] == UnitKind.WARD_COMMITTEE:
            staff = person(
                f"canbo.{row['code']}", f"Cán bộ {row['short_name']}", row["id"], MembershipRole.STAFF
            )
            ids.setdefault("ward_staff", staff)
    copy_rows(User, users)
    copy_rows(Membership, memberships)
    move_sequences(User, Membership)
    board_access(ids["board"], organiser)
    return ids


def board_access(user_id, organiser):
    """What ``units.services.add_membership`` gives a board member: admin access and the board group."""
    from django.contrib.auth import get_user_model

    from units.models import MembershipRole
    from units.services import add_membership

    add_membership(
        user=get_user_model().objects.get(pk=user_id), unit=organiser, role=MembershipRole.REVIEWER
    )


def _campaigns(organiser, years, today):
    from campaigns.choices import CampaignState
    from campaigns.models import Campaign, QuotaRule
    from tayho_danvan.demo.build import DEFAULT_QUOTAS

    first = today.year - years + 1
    campaigns = []
    for year in range(first, today.year + 1):
        current = year == today.year
        campaign = Campaign.objects.create(
            organiser=organiser,
            year=year,
            title=f"Phong trào thi đua “Dân vận khéo” năm {year} (thử tải)",
            launch_date=datetime.date(year, 1, 15),
            registration_opens=datetime.date(year, 1, 15),
            registration_closes=today + datetime.timedelta(days=90)
            if current
            else datetime.date(year, 3, 31),
            results_due=datetime.date(year, 11, 30),
            state=CampaignState.OPEN if current else CampaignState.CLOSED,
        )
        QuotaRule.objects.bulk_create(
            QuotaRule(
                campaign=campaign,
                unit_kind=kind,
                models_min=a,
                models_max=b,
                exemplars_min=c,
                exemplars_max=d,
            )
            for kind, (a, b, c, d) in DEFAULT_QUOTAS.items()
        )
        campaigns.append(campaign)
    return campaigns


def _entries(rng, campaigns, units, ids, today):
    """Two entries (a model and an exemplar) per ward and cell per campaign, their events and history."""
    from campaigns.choices import EntryKind, Field, SubjectKind
    from campaigns.models import Entry, EntryEvent
    from units.collation import fold
    from units.models import UnitKind

    fields = Field.values
    staff_id = ids["ward_staff"]
    board_id = ids["board"]
    entry_id, event_id, history_id = next_ids(Entry, EntryEvent, Entry.history.model)
    entries, events, histories = [], [], []
    last_models = {}  # unit id: (entry id, accepted) of the previous year's model
    accepted_models = []
    tz = datetime.UTC
    for campaign in campaigns:
        current = campaign.year == today.year
        this_year, accepted_now = {}, []
        for unit in units:
            if unit["kind"] == UnitKind.ORGANISER:
                continue
            for kind in (EntryKind.MODEL, EntryKind.EXEMPLAR):
                state = pick(rng, CURRENT_STATES if current else CLOSED_STATES)
                created = datetime.datetime(campaign.year, 2, 1, 2, tzinfo=tz) + datetime.timedelta(
                    minutes=rng.randrange(60 * 24 * 40)
                )
                if current:
                    created = min(created, timezone.now() - datetime.timedelta(days=1))
                field = fields[entry_id % 4]
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                if kind == EntryKind.MODEL:
                    title = f"Mô hình “{rng.choice(MODEL_NAMES)}” – {unit['name']}"
                    subject = ("", "", "")
                else:
                    title = f"Điển hình {name}"
                    subject = (SubjectKind.INDIVIDUAL, name, "Tổ trưởng tổ dân phố")
                continued = replicated = None
                if kind == EntryKind.MODEL:
                    previous = last_models.get(unit["id"])
                    if previous and previous[1] and rng.random() < 0.3:
                        continued = previous[0]
                    elif accepted_models and rng.random() < 0.05:
                        replicated = rng.choice(accepted_models)
                evaluation = pick(rng, EVALUATIONS) if state == "accepted" and not current else ""
                submitted = created + datetime.timedelta(days=2) if state != "draft" else None
                row = dict(
                    id=entry_id,
                    campaign_id=campaign.pk,
                    unit_id=unit["id"],
                    kind=kind,
                    title=title,
                    field=field,
                    new_hard_task=TEXT,
                    head_responsible=f"Bí thư {name}",
                    situation=TEXT,
                    objectives=TEXT,
                    content_method=TEXT,
                    place_target_group="Địa bàn tổ dân phố",
                    forces="Chi bộ, Mặt trận, các đoàn thể",
                    resources="Xã hội hóa",
                    start_date=created.date(),
                    milestones="Quý I đến quý IV",
                    expected_outputs=TEXT,
                    sustainability=TEXT,
                    subject_kind=subject[0],
                    subject_name=subject[1],
                    subject_position=subject[2],
                    continued_from_id=continued,
                    replicates_id=replicated,
                    state=state,
                    return_reason="Đề nghị bổ sung các mốc thực hiện."
                    if state in ("returned", "resubmitted")
                    else "",
                    self_assessment="Đơn vị tự đánh giá đạt mục tiêu." if evaluation else "",
                    evaluation=evaluation,
                    evaluation_comment="Nhận xét của Ban Dân vận." if evaluation else "",
                    created_by_id=staff_id,
                    created_at=created,
                    updated_at=created + datetime.timedelta(days=5),
                    submitted_at=submitted,
                    search_text=f"{fold(f'{title} {subject[1]}')} {unit['search_text']}",
                    form_token=None,
                )
                entries.append(row)
                for step, (before, after) in enumerate(PATHS[state]):
                    events.append(
                        dict(
                            id=event_id,
                            entry_id=entry_id,
                            actor_id=board_id if after in ("accepted", "returned") else staff_id,
                            at=created + datetime.timedelta(days=step),
                            from_state=before,
                            to_state=after,
                            comment="Đề nghị bổ sung." if after == "returned" else "",
                        )
                    )
                    event_id += 1
                if kind == EntryKind.MODEL:
                    this_year[unit["id"]] = (entry_id, state == "accepted")
                    if state == "accepted":
                        accepted_now.append(entry_id)
                entry_id += 1
        last_models = this_year
        accepted_models = accepted_now
        # Write per campaign: memory stays that of one year's rows.
        copy_rows(Entry, entries)
        created_row = [dict(r, state="draft", evaluation="", submitted_at=None) for r in entries]
        copy_rows(
            Entry.history.model,
            history_rows(
                Entry, created_row, kind="+", at=lambda r: r["created_at"], user_id=staff_id, start=history_id
            ),
        )
        history_id += len(created_row)
        changed = [r for r in entries if r["state"] != "draft"]
        copy_rows(
            Entry.history.model,
            history_rows(
                Entry, changed, kind="~", at=lambda r: r["updated_at"], user_id=board_id, start=history_id
            ),
        )
        history_id += len(changed)
        copy_rows(EntryEvent, events)
        histories.append(
            (
                campaign,
                [
                    (r["id"], r["kind"], r["unit_id"], r["evaluation"], r["title"], r["subject_name"])
                    for r in entries
                    if r["evaluation"] == "outstanding"
                ],
            )
        )
        entries, events = [], []
    move_sequences(Entry, EntryEvent, Entry.history.model)
    return histories


def _awards(outstanding, organiser, ids):
    """One Giấy khen decision per closed campaign listing its outstanding entries."""
    from awards.models import Award, AwardLevel, AwardType, Decision

    giay_khen, _ = AwardType.objects.get_or_create(
        name="Giấy khen", defaults={"level": AwardLevel.ORGANISER, "default_issuer": organiser.name}
    )
    (award_id, history_id) = next_ids(Award, Award.history.model)
    numbers = []
    for campaign, rows in outstanding:
        if not rows:
            continue
        number = f"{campaign.year % 100:02d}-QĐ/TT"
        decision = Decision.objects.create(
            campaign=campaign,
            award_type=giay_khen,
            number=number,
            date=datetime.date(campaign.year, 12, 20),
            issuer_name=organiser.name,
            signer_name="Lãnh đạo thử tải",
            signer_position="Bí thư",
        )
        awards = [
            dict(
                id=award_id + n,
                decision_id=decision.pk,
                position=n + 1,
                recipient_kind=kind,
                entry_id=pk,
                recipient_name=subject or title,
                recipient_position="",
                unit_id=unit_id,
                achievement="Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”.",
            )
            for n, (pk, kind, unit_id, _, title, subject) in enumerate(rows)
        ]
        copy_rows(Award, awards)
        at = datetime.datetime(campaign.year, 12, 20, 3, tzinfo=datetime.UTC)
        copy_rows(
            Award.history.model,
            history_rows(
                Award, awards, kind="+", at=lambda r, at=at: at, user_id=ids["board"], start=history_id
            ),
        )
        award_id += len(awards)
        history_id += len(awards)
        numbers.append(number)
    move_sequences(Award, Award.history.model)
    return numbers


def exists():
    """True when the database already holds the generated organiser (a second build is refused)."""
    from units.models import Unit

    return Unit.objects.filter(code=ORGANISER_CODE).exists()


DEMO = dict(
    organiser="quan-uy-tay-ho",
    ward="nhat-tan",
    leader="lanhdao",
    board="bandanvan",
    ward_staff="canbo.nhattan",
)
GENERATED = dict(
    organiser=ORGANISER_CODE,
    ward="tt-p001",
    leader="lanhdao.thutai",
    board="bandanvan.thutai",
    ward_staff="canbo.tt-p001",
)


def cast(organiser, ward, leader, board, ward_staff):
    """The ``Cast`` of the data in the database: ``GENERATED`` after ``build``, ``DEMO`` on the demo."""
    from django.contrib.auth import get_user_model

    from awards.models import Decision
    from campaigns.choices import CampaignState, EntryState
    from campaigns.models import Campaign, Entry, Reviewer
    from units.models import Unit

    organiser_unit = Unit.objects.get(code=organiser)
    campaigns = Campaign.objects.filter(organiser=organiser_unit).order_by("-year")
    current = campaigns.filter(state=CampaignState.OPEN).first()
    closed = campaigns.filter(state=CampaignState.CLOSED).first()
    ward_unit = Unit.objects.get(code=ward)
    ward_entries = Entry.objects.filter(campaign=current, unit__path__startswith=ward_unit.path).order_by(
        "pk"
    )
    accepted = ward_entries.filter(state=EntryState.ACCEPTED).values_list("pk", flat=True)
    editable = ward_entries.filter(state__in=EntryState.editable).values_list("pk", flat=True)
    # The board member scores the campaign (issue [H]): the scoring page is measured as they open it.
    Reviewer.objects.get_or_create(
        campaign=current, user=get_user_model().objects.get(username=board), defaults={"is_chair": True}
    )
    return Cast(
        organiser=organiser,
        ward=ward,
        cell=Unit.objects.filter(path__startswith=ward_unit.path, depth=ward_unit.depth + 1)
        .values_list("code", flat=True)
        .first(),
        leader=leader,
        board=board,
        ward_staff=ward_staff,
        campaign_pk=current.pk,
        closed_campaign_pk=closed.pk,
        entry_pk=accepted[0],
        editable_pk=editable[0],
        decision_number=Decision.objects.filter(campaign=closed).values_list("number", flat=True)[0],
        entries=current.entries.count(),
        units=Unit.objects.count(),
    )


def build(size, *, seed=2026, log=print):
    """Generate ``size`` (a key of ``SIZES``) into the migrated, demo-seeded database; returns ``Cast``.

    One transaction: an interrupted build leaves nothing behind. Raises ``ValueError`` on SQLite or
    when the data is there already.
    """
    import time

    if connection.vendor != "postgresql":
        raise ValueError("Dữ liệu thử tải chỉ dựng trên PostgreSQL.")
    if exists():
        raise ValueError("Cơ sở dữ liệu đã có dữ liệu thử tải.")
    wards, cells, years = SIZES[size]
    rng = random.Random(seed)
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        organiser, units = _units(rng, wards, cells, today)
        log(f"  {len(units):,} units ({time.perf_counter() - started:.0f} s)")
        ids = _people(organiser, units)
        campaigns = _campaigns(organiser, years, today)
        outstanding = _entries(rng, campaigns, units, ids, today)
        log(f"  entries, events, history ({time.perf_counter() - started:.0f} s)")
        _awards(outstanding, organiser, ids)
        log(f"  awards ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # statistics, and the visibility map index-only scans need
    log(f"  analysed ({time.perf_counter() - started:.0f} s)")
    return cast(**GENERATED)
