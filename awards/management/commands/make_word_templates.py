"""``manage.py make_word_templates DIR``: the default Word templates of the council's papers, to edit."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from awards.documents.meeting_papers import PAPERS
from awards.documents.word_templates import default_template


class Command(BaseCommand):
    help = (
        "Ghi các mẫu Word mặc định (biên bản họp xét khen thưởng, phiếu biểu quyết, biên bản kiểm phiếu) "
        "vào thư mục DIR để Văn phòng sửa; đặt WORD_TEMPLATES_DIR=DIR để ứng dụng dùng các mẫu đó."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục ghi mẫu (tạo nếu chưa có)")
        parser.add_argument("--force", action="store_true", help="ghi đè mẫu đã có trong thư mục")

    def handle(self, *args, folder, force=False, **options):
        """Writes ``<paper>.docx`` for each paper into ``folder``; an existing file is kept (the office's
        edits) unless ``--force``. Raises ``CommandError`` (Vietnamese) when the folder cannot be made."""
        target = Path(folder)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Không tạo được thư mục {folder}: {error.strerror}.") from None
        for paper, label in PAPERS.items():
            path = target / f"{paper}.docx"
            if path.exists() and not force:
                self.stdout.write(f"Giữ nguyên {path} ({label}): đã có.")
                continue
            path.write_bytes(default_template(paper).getvalue())
            self.stdout.write(f"Đã ghi {path} ({label}).")
