"""``manage.py campaign_report YEAR [--organiser CODE] [--format json|text] [--roll-up]`` (DESIGN.md,
"Interfaces"). ``--roll-up`` adds the year's figures per unit regrouped under today's units, after
reorganisations (a view; the stored figures never change).
"""

import json

from django.core.management.base import BaseCommand

from awards.reports.figures import as_text, campaign_figures
from campaigns.models import Campaign
from tayho_danvan.lib.commands import or_command_error
from units.reorganisation import roll_up


class Command(BaseCommand):
    help = "In số liệu báo cáo của phong trào năm YEAR (JSON hoặc văn bản)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="năm của phong trào, ví dụ 2023")
        parser.add_argument("--organiser", help="mã đơn vị tổ chức, khi năm đó có nhiều phong trào")
        parser.add_argument("--format", choices=["json", "text"], default="text", help="định dạng in ra")
        parser.add_argument(
            "--roll-up", action="store_true", help="thêm số liệu gộp theo các đơn vị hiện nay (sau sắp xếp)"
        )

    def handle(self, *args, year, organiser=None, format="text", **options):
        figures = campaign_figures(or_command_error(Campaign.objects.for_year, year, organiser))
        if options.get("roll_up"):
            figures["roll_up"] = roll_up(figures["by_ward"])
        if format == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        self.stdout.write(as_text(figures))
        for unit in figures.get("roll_up", []):
            self.stdout.write(
                f"Nay là {unit['name']}: {unit['models']} mô hình, {unit['exemplars']} điển hình"
            )
            for old in unit["from"]:
                share = "toàn bộ" if old["whole"] else "một phần (không cộng vào tổng)"
                self.stdout.write(
                    f"  - từ {old['name']}, {share}: {old['models']} mô hình, {old['exemplars']} điển hình"
                )
