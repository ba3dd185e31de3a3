from django.urls import path

from .views import reports

urlpatterns = [
    path("phong-trao/<int:campaign_pk>/bao-cao/", reports.report_page, name="report_page"),
    path("phong-trao/<int:campaign_pk>/bao-cao.xlsx", reports.report_workbook, name="report_workbook"),
]
