"""``manage.py restore_data FILE.zip``: a backup loaded into a new, migrated, empty database."""

from django.core.management.base import BaseCommand, CommandError

from units.backup import restore


class Command(BaseCommand):
    help = "Khôi phục một tệp sao lưu (backup_data) vào cơ sở dữ liệu mới đã migrate, còn trống."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .zip do backup_data ghi")

    def handle(self, *args, file, **options):
        try:
            counts = restore(file)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã khôi phục {counts['rows']} bản ghi và {counts['files']} tệp từ {file}.")
