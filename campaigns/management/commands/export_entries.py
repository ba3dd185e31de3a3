"""``manage.py export_entries YEAR -o FILE.xlsx [--organiser CODE]``: every entry of a campaign in Excel,
with the headers the import reads back (the same code as the admin's export).
"""

from django.core.management.base import BaseCommand

from campaigns.models import Campaign
from campaigns.spreadsheets.entries import export_entries
from tayho_danvan.lib.commands import or_command_error, writable_xlsx


class Command(BaseCommand):
    help = "Xuất mọi mô hình, điển hình của phong trào năm YEAR ra tệp Excel (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="năm của phong trào, ví dụ 2024")
        parser.add_argument("-o", "--output", required=True, help="đường dẫn tệp .xlsx cần ghi")
        parser.add_argument("--organiser", help="mã đơn vị tổ chức, khi năm đó có nhiều phong trào")

    def handle(self, *args, year, output, organiser=None, **options):
        campaign = or_command_error(Campaign.objects.for_year, year, organiser)
        count = export_entries(writable_xlsx(output), campaign.entries.all())
        self.stdout.write(f"Đã xuất {count} hồ sơ của “{campaign}” vào {output}.")
