from django.urls import path

from .views import certificates, reports

urlpatterns = [
    path("lanh-dao/", reports.leader_home, name="leader_home"),
    path("phong-trao/<int:campaign_pk>/bao-cao/", reports.report_page, name="report_page"),
    path("phong-trao/<int:campaign_pk>/bao-cao.xlsx", reports.report_workbook, name="report_workbook"),
    path("don-vi/<slug:code>/bao-cao/<int:campaign_pk>/", reports.unit_report, name="unit_report"),
    path("khen-thuong/<int:pk>/giay-khen/", certificates.award_certificate, name="award_certificate"),
]
