"""``manage.py export_awards YEAR -o FILE.xlsx [--organiser CODE]``: a campaign's award list in Excel."""

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.exports import awards_of_campaign, write_award_list
from campaigns.lookup import campaign_for_year


class Command(BaseCommand):
    help = "Xuất danh sách khen thưởng của phong trào năm YEAR ra tệp Excel (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="năm của phong trào, ví dụ 2023")
        parser.add_argument("-o", "--output", required=True, help="đường dẫn tệp .xlsx cần ghi")
        parser.add_argument("--organiser", help="mã đơn vị tổ chức, khi năm đó có nhiều phong trào")

    def handle(self, *args, year, output, organiser=None, **options):
        try:
            campaign = campaign_for_year(year, organiser)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not output.lower().endswith(".xlsx"):
            raise CommandError("Tệp xuất phải có đuôi .xlsx.")
        folder = Path(output).resolve().parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise CommandError(
                f"Không ghi được tệp “{output}”: thư mục “{folder}” không tồn tại hoặc không ghi được."
            )
        count = write_award_list(output, awards_of_campaign(campaign))
        self.stdout.write(f"Đã xuất {count} khen thưởng của “{campaign}” vào {output}.")
