from django.urls import path

from .views import entries, evidence, lists, pages, pledges, scores, search

urlpatterns = [
    path("don-vi/<slug:code>/", pages.unit_detail, name="unit_detail"),
    path("don-vi/<slug:code>/dang-ky/", entries.entry_create, name="entry_create"),
    path("don-vi/<slug:code>/ky-giao-uoc/", pledges.pledge_sign, name="pledge_sign"),
    path("phong-trao/<int:campaign_pk>/giao-uoc/", pledges.pledge_print, name="pledge_print"),
    path(
        "phong-trao/<int:campaign_pk>/mo-hinh-nhan-rong/", search.replicable_search, name="replicable_search"
    ),
    path("ho-so/", lists.entry_list, name="entry_list"),
    path("ho-so/<int:pk>/", entries.entry_detail, name="entry_detail"),
    path("ho-so/<int:pk>/sua/", entries.entry_edit, name="entry_edit"),
    path("ho-so/<int:pk>/in/", entries.entry_print, name="entry_print"),
    path("ho-so/<int:pk>/gui/", entries.entry_submit, name="entry_submit"),
    path("ho-so/<int:pk>/rut/", entries.entry_withdraw, name="entry_withdraw"),
    path("ho-so/<int:pk>/khoi-phuc/", entries.entry_restore, name="entry_restore"),
    path("ho-so/<int:pk>/tiep-noi/", entries.entry_continue, name="entry_continue"),
    path("ho-so/<int:pk>/tu-danh-gia/", entries.entry_self_assess, name="entry_self_assess"),
    path("ho-so/<int:pk>/tu-cham/", scores.entry_self_score, name="entry_self_score"),
    path("ho-so/<int:pk>/minh-chung/", evidence.evidence_upload, name="evidence_upload"),
    path(
        "ho-so/<int:pk>/minh-chung/<int:evidence_pk>/", evidence.evidence_download, name="evidence_download"
    ),
    path("ho-so/<int:pk>/minh-chung/<int:evidence_pk>/go/", evidence.evidence_remove, name="evidence_remove"),
]
