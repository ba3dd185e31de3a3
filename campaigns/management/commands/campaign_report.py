"""``manage.py campaign_report YEAR [--organiser CODE] [--format json|text]`` (DESIGN.md, "Interfaces")."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from campaigns.lookup import campaign_for_year
from campaigns.reports import as_text, campaign_figures


class Command(BaseCommand):
    help = "In số liệu báo cáo của phong trào năm YEAR (JSON hoặc văn bản)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="năm của phong trào, ví dụ 2023")
        parser.add_argument("--organiser", help="mã đơn vị tổ chức, khi năm đó có nhiều phong trào")
        parser.add_argument("--format", choices=["json", "text"], default="text", help="định dạng in ra")

    def handle(self, *args, year, organiser=None, format="text", **options):
        try:
            campaign = campaign_for_year(year, organiser)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        figures = campaign_figures(campaign)
        if format == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(figures))
