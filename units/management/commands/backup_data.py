"""``manage.py backup_data FILE.zip``: every record and every uploaded file in one file."""

from django.core.management.base import BaseCommand

from units.backup import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu và tệp tải lên vào một tệp .zip (khôi phục bằng restore_data)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .zip sẽ ghi")

    def handle(self, *args, file, **options):
        counts = backup(file)
        self.stdout.write(f"Đã sao lưu {counts['rows']} bản ghi và {counts['files']} tệp vào {file}.")
