"""``manage.py import_entries FILE.xlsx --campaign YEAR [--organiser CODE] [--dry-run] [--user NAME]``:
the admin's import from the command line (same code). All or nothing; exit status 1 and one line per
bad row (Excel row, column, reason) when anything is refused.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from campaigns.spreadsheets.entries import import_entries
from tayho_danvan.lib.commands import or_command_error
from tayho_danvan.lib.excel import ImportFileError


class Command(BaseCommand):
    help = "Nhập mô hình, điển hình từ tệp Excel vào phong trào năm YEAR (tất cả hoặc không gì cả)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .xlsx theo mẫu (cùng tiêu đề với tệp xuất)")
        parser.add_argument("--campaign", type=int, required=True, help="năm của phong trào, ví dụ 2024")
        parser.add_argument("--organiser", help="mã đơn vị tổ chức, khi năm đó có nhiều phong trào")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
        parser.add_argument("--user", help="tài khoản ghi vào lịch sử là người nhập")

    def handle(self, *args, file, campaign, organiser=None, dry_run=False, user=None, **options):
        target = or_command_error(Campaign.objects.for_year, campaign, organiser)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{file}”.")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản “{user}”.")
        try:
            report = import_entries(
                path.read_bytes(), campaign=target, user=actor, file_name=path.name, dry_run=dry_run
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        if not report.ok:
            for message in report.file_errors:
                self.stderr.write(f"{path.name}: {message}")
            for problem in report.problems:
                column = f", cột “{problem.column}”" if problem.column else ""
                self.stderr.write(f"{path.name}, dòng {problem.row}{column}: {problem.message}")
            raise CommandError(f"Không nhập gì: {len(report.problems) + len(report.file_errors)} lỗi.")
        verb = "Kiểm tra xong (chưa ghi gì)" if dry_run else "Đã nhập"
        self.stdout.write(
            f"{verb}: {report.created} hồ sơ mới, {report.updated} cập nhật, {report.skipped} không đổi "
            f"vào “{target}”."
        )
