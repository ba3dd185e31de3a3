"""The pages and the report the benchmark measures (issue [E], item 1), each with its floor: the page's
own rows fetched by one hand-written SQL query on the same database.

``measure_all(cast, repeat)`` returns ``{NAME: {"median_ms", "p95_ms", "queries", "bytes", "floor_ms"}}``
for one database; ``run.py`` calls it once on the demo and once on the big database and compares.
Times are server-side (Django's test client, no network), in milliseconds.
"""

import statistics
import time

from bigdata import Cast

PAGE_SIZE = 25  # the staff lists' page (campaigns.views.lists.PAGE_SIZE)
ADMIN_PAGE = 50  # the admin entry changelist's page (EntryAdmin.list_per_page)

_SCOPED_LIST = """
    SELECT e.id, e.title, e.subject_name, u.name, e.kind, e.field, e.state
    FROM campaigns_entry e JOIN units_unit u ON u.id = e.unit_id
    WHERE e.campaign_id = %(campaign)s AND u.path LIKE %(scope)s {extra}
    ORDER BY e.id DESC LIMIT 26
"""
_ADMIN_LIST = """
    SELECT e.id, e.title, e.state, e.kind, e.field, e.evaluation, u.name, c.year, o.short_name
    FROM campaigns_entry e JOIN units_unit u ON u.id = e.unit_id
    JOIN campaigns_campaign c ON c.id = e.campaign_id JOIN units_unit o ON o.id = c.organiser_id
    WHERE c.organiser_id = %(organiser_id)s {extra}
    ORDER BY e.id DESC LIMIT 51
"""
_DASHBOARD = """
    SELECT u.id, u.code, u.name, u.kind, e.kind, e.state, count(e.id)
    FROM units_unit u LEFT JOIN campaigns_entry e ON e.unit_id = u.id AND e.campaign_id = %(campaign)s
    WHERE u.path LIKE %(ward_path)s AND u.depth <= %(ward_depth)s + 1
    GROUP BY u.id, e.kind, e.state ORDER BY u.path
"""
_ORGANISER = """
    SELECT substr(u.path, 1, %(child_len)s), e.kind, e.state, count(*)
    FROM campaigns_entry e JOIN units_unit u ON u.id = e.unit_id
    WHERE e.campaign_id = %(campaign)s GROUP BY 1, 2, 3 ORDER BY 1 LIMIT 5000
"""
_ENTRY = """
    SELECT e.*, u.name, ev.from_state, ev.to_state, ev.at, ev.comment
    FROM campaigns_entry e JOIN units_unit u ON u.id = e.unit_id
    LEFT JOIN campaigns_entryevent ev ON ev.entry_id = e.id WHERE e.id = %(entry)s
"""
_FORM = """
    SELECT e.*, (SELECT json_agg(json_build_array(id, code, name) ORDER BY path) FROM units_unit
                 WHERE path LIKE %(ward_path)s AND valid_to IS NULL)
    FROM campaigns_entry e WHERE e.id = %(editable)s
"""
_UNITS = (
    "SELECT id, code, name FROM units_unit WHERE path LIKE %(ward_path)s AND valid_to IS NULL ORDER BY path"
)
_DECISIONS = """
    SELECT d.*, t.name, c.year FROM awards_decision d JOIN awards_awardtype t ON t.id = d.award_type_id
    JOIN campaigns_campaign c ON c.id = d.campaign_id WHERE c.organiser_id = %(organiser_id)s
    ORDER BY d.date DESC, d.number LIMIT 101
"""
_AWARDS = """
    SELECT a.*, u.name, d.number FROM awards_award a JOIN units_unit u ON u.id = a.unit_id
    JOIN awards_decision d ON d.id = a.decision_id JOIN campaigns_campaign c ON c.id = d.campaign_id
    WHERE c.organiser_id = %(organiser_id)s ORDER BY a.decision_id DESC, a.position LIMIT 101
"""
_SEARCH = "AND e.search_text LIKE '%%bua com%%'"
# The report's figures in one statement: registered per field, unit kind and ward, quota status per
# unit, rulings and awards (what ``campaign_figures`` computes).
REPORT = """
WITH units AS (
    SELECT id, kind, substr(path, 1, %(child_len)s) AS top FROM units_unit
    WHERE path LIKE %(organiser_path)s AND depth > %(organiser_depth)s
), counted AS (
    SELECT e.unit_id, e.kind, e.field, e.state, e.evaluation FROM campaigns_entry e
    WHERE e.campaign_id = %(campaign)s AND e.state IN ('submitted', 'resubmitted', 'accepted', 'returned')
), per_unit AS (
    SELECT u.id, u.kind, u.top,
           count(*) FILTER (WHERE c.kind = 'model' AND c.state <> 'returned') AS models,
           count(*) FILTER (WHERE c.kind = 'exemplar' AND c.state <> 'returned') AS exemplars
    FROM units u LEFT JOIN counted c ON c.unit_id = u.id GROUP BY u.id, u.kind, u.top
), status AS (
    SELECT p.*, CASE WHEN p.models > r.models_max OR p.exemplars > r.exemplars_max THEN 'over'
                     WHEN p.models < r.models_min OR p.exemplars < r.exemplars_min THEN 'under'
                     ELSE 'compliant' END AS status
    FROM per_unit p LEFT JOIN campaigns_quotarule r ON r.campaign_id = %(campaign)s AND r.unit_kind = p.kind
)
SELECT
  (SELECT json_agg(x) FROM (SELECT field, kind, count(*) FROM counted WHERE state <> 'returned'
                            GROUP BY 1, 2) x),
  (SELECT json_agg(x) FROM (SELECT kind, status, count(*), sum(models + exemplars),
                                   count(*) FILTER (WHERE models + exemplars > 0)
                            FROM status GROUP BY 1, 2) x),
  (SELECT json_agg(x) FROM (SELECT top, sum(models), sum(exemplars) FROM per_unit GROUP BY 1) x),
  (SELECT json_agg(x) FROM (SELECT evaluation, count(*) FROM counted WHERE state = 'accepted'
                            GROUP BY 1) x),
  (SELECT json_agg(x) FROM (SELECT a.recipient_kind, t.name, count(*), count(DISTINCT a.entry_id)
                            FROM awards_award a JOIN awards_decision d ON d.id = a.decision_id
                            JOIN awards_awardtype t ON t.id = d.award_type_id
                            WHERE d.campaign_id = %(campaign)s GROUP BY 1, 2) x)
"""


def params(cast: Cast):
    """The SQL parameters of the floors, read from the database once."""
    from campaigns.models import Campaign, Entry
    from units.models import Unit

    organiser = Unit.objects.get(code=cast.organiser)
    ward = Unit.objects.get(code=cast.ward)
    campaign = Campaign.objects.get(pk=cast.campaign_pk)
    ids = list(
        Entry.objects.filter(campaign=campaign)
        .order_by("-pk")
        .values_list("pk", flat=True)[:: PAGE_SIZE * 20]
    )
    ward_ids = list(
        Entry.objects.filter(campaign=campaign, unit__path__startswith=ward.path)
        .order_by("-pk")
        .values_list("pk", flat=True)
    )
    # The admin's page links reach its first 10,000 rows (CappedPaginator): a page 80% of the way there.
    in_admin = min(Entry.objects.filter(campaign__organiser=organiser).count(), 10_000)
    return {
        "admin_deep_page": max(1, int(in_admin / ADMIN_PAGE * 0.8)),
        "campaign": campaign.pk,
        "organiser_id": organiser.pk,
        "organiser_path": organiser.path + "%",
        "organiser_depth": organiser.depth,
        "child_len": (organiser.depth + 1) * Unit.steplen,
        "ward_path": ward.path + "%",
        "ward_depth": ward.depth,
        "scope": organiser.path + "%",
        "entry": cast.entry_pk,
        "editable": cast.editable_pk,
        # An id about 80% of the way down the campaign's list: where a "deep" page starts.
        "deep_pk": ids[int(len(ids) * 0.8)] if ids else 0,
        "ward_deep_pk": ward_ids[int(len(ward_ids) * 0.8)] if ward_ids else 0,
    }


def _list_figures(name, username, lists, values, deep_key):
    """The entry list's three figures: page 1, a page deep in the list (by its key) and a search."""
    return [
        (name, username, lists, _SCOPED_LIST.format(extra=""), values),
        (f"{name}_deep", username, lists + f"&sau={values[deep_key]}",
         _SCOPED_LIST.format(extra=f"AND e.id < %({deep_key})s"), values),
        (f"{name}_searched", username, lists + "&q=bua+com", _SCOPED_LIST.format(extra=_SEARCH), values),
    ]  # fmt: skip


def ward_figures(cast: Cast, p):
    """``[(name, username, url, floor_sql, floor_params)]`` of the pages a ward's staff open: each reads
    the ward's own rows, so on the big database the same ward (the demo's) must cost what it costs on
    the demo's; ``run.py`` measures them again on a city ward of 99 cells (``_city_ward``)."""
    c, ward = cast.campaign_pk, {**p, "scope": p["ward_path"]}
    lists = f"/ho-so/?phong_trao={c}"
    return [
        ("ward_dashboard", cast.ward_staff, f"/don-vi/{cast.ward}/", _DASHBOARD, p),
        ("registration_form", cast.ward_staff, f"/don-vi/{cast.ward}/dang-ky/", _UNITS, p),
        ("edit_form", cast.ward_staff, f"/ho-so/{cast.editable_pk}/sua/", _FORM, p),
        ("entry_page", cast.ward_staff, f"/ho-so/{cast.entry_pk}/", _ENTRY, p),
        *_list_figures("staff_list", cast.ward_staff, lists, ward, "ward_deep_pk"),
    ]


def figures(cast: Cast, p):
    """``[(name, username, url, floor_sql, floor_params)]`` of the organiser's, the board's and the
    admin's pages over the whole campaign (100,000 entries on the big database)."""
    c = cast.campaign_pk
    lists = f"/ho-so/?phong_trao={c}"
    admin = "/admin/campaigns/entry/"
    return [
        *_list_figures("leader_list", cast.leader, lists, p, "deep_pk"),
        (
            "board_list",
            cast.board,
            lists + "&state=submitted",
            _SCOPED_LIST.format(extra="AND e.state = 'submitted'"),
            p,
        ),
        ("organiser_page", cast.leader, f"/don-vi/{cast.organiser}/", _ORGANISER, p),
        ("report_page", cast.leader, f"/phong-trao/{c}/bao-cao/", REPORT, p),
        ("admin_entries", cast.board, admin, _ADMIN_LIST.format(extra=""), p),
        (
            "admin_entries_filtered",
            cast.board,
            admin + f"?campaign={c}&state=submitted",
            _ADMIN_LIST.format(extra=f"AND e.campaign_id = {c} AND e.state = 'submitted'"),
            p,
        ),
        ("admin_entries_searched", cast.board, admin + "?q=bua+com", _ADMIN_LIST.format(extra=_SEARCH), p),
        (
            "admin_entries_deep",
            cast.board,
            admin + f"?p={p['admin_deep_page']}",
            _ADMIN_LIST.format(extra="") + f" OFFSET {(p['admin_deep_page'] - 1) * ADMIN_PAGE}",
            p,
        ),
        ("admin_entry_form", cast.board, f"{admin}{cast.entry_pk}/change/", _ENTRY, p),
        ("admin_scoring_page", cast.board, f"{admin}{cast.entry_pk}/cham-diem/", _ENTRY, p),
        ("admin_decisions", cast.board, "/admin/awards/decision/", _DECISIONS, p),
        ("admin_awards", cast.board, "/admin/awards/award/", _AWARDS, p),
    ]


def _time(call, repeat, budget_s=20):
    """Run ``call`` up to ``repeat`` times (at least 3, fewer when it eats ``budget_s``); ms samples."""
    samples, spent = [], 0.0
    while len(samples) < repeat and (len(samples) < 3 or spent < budget_s):
        started = time.perf_counter()
        call()
        took = time.perf_counter() - started
        samples.append(took * 1000)
        spent += took
    return samples


def summary(samples):
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2),
    }


def floor_ms(sql, values, repeat):
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            cursor.fetchall()

    run()
    return summary(_time(run, repeat))["median_ms"]


def measure_page(username, url, repeat):
    """``{"median_ms", "p95_ms", "queries", "bytes", "status"}`` of GET ``url`` as ``username``."""
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(url)  # warm the connection and the caches
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} as {username}: {response.status_code}")
    result = {"queries": len(queries), "bytes": len(response.content)}
    result.update(summary(_time(lambda: client.get(url), repeat)))
    return result


def report_figure(cast: Cast, p, repeat):
    """``campaign_figures`` of the cast's current campaign against the one-statement ``REPORT``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from awards.reports.figures import campaign_figures
    from campaigns.models import Campaign

    campaign = Campaign.objects.select_related("organiser").get(pk=cast.campaign_pk)
    with CaptureQueriesContext(connection) as queries:
        campaign_figures(campaign, with_previous=False)
    result = summary(_time(lambda: campaign_figures(campaign, with_previous=False), repeat))
    result.update(queries=len(queries), bytes=0, floor_ms=floor_ms(REPORT, p, repeat))
    return result


def measure_all(cast: Cast, repeat, log=print, ward_cast=None):
    """Every page figure and the report command's figures on the current database; the ward pages on
    ``ward_cast``'s ward (default ``cast``'s) and again on ``cast``'s, named ``…_city_ward``."""
    p = params(cast)
    ward_cast = ward_cast or cast
    plan = [(name, *rest) for name, *rest in ward_figures(ward_cast, params(ward_cast))]
    if ward_cast is not cast:
        plan += [(f"{name}_city_ward", *rest) for name, *rest in ward_figures(cast, p)]
    plan += figures(cast, p)
    results = {}
    for name, username, url, sql, values in plan:
        result = measure_page(username, url, repeat)
        result["floor_ms"] = floor_ms(sql, values, repeat)
        results[name] = result
        log(f"  {name:28} {result['median_ms']:>9.1f} ms {result['queries']:>4} q {result['bytes']:>9,} B")
    if ward_cast is cast:  # the demo: its ward is the city ward's counterpart too
        results.update({f"{name}_city_ward": results[name] for name, *_ in ward_figures(cast, p)})
    results["report_command"] = report_figure(cast, p, repeat)
    log(f"  {'report_command':28} {results['report_command']['median_ms']:>9.1f} ms")
    return results
