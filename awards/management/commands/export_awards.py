"""``manage.py export_awards YEAR -o FILE.xlsx [--organiser CODE]``: a campaign's award list in Excel."""

from django.core.management.base import BaseCommand

from awards.documents.annex import decisions_of_campaign, write_annexes
from campaigns.models import Campaign
from tayho_danvan.lib.commands import or_command_error, writable_xlsx


class Command(BaseCommand):
    help = "Xuất danh sách khen thưởng (phụ lục kèm quyết định) của phong trào năm YEAR ra tệp Excel (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="năm của phong trào, ví dụ 2023")
        parser.add_argument("-o", "--output", required=True, help="đường dẫn tệp .xlsx cần ghi")
        parser.add_argument("--organiser", help="mã đơn vị tổ chức, khi năm đó có nhiều phong trào")

    def handle(self, *args, year, output, organiser=None, **options):
        campaign = or_command_error(Campaign.objects.for_year, year, organiser)
        decisions = list(decisions_of_campaign(campaign))
        count = write_annexes(writable_xlsx(output), decisions)
        self.stdout.write(
            f"Đã xuất {count} khen thưởng của {len(decisions)} quyết định (mỗi quyết định một trang tính) "
            f"của “{campaign}” vào {output}."
        )
