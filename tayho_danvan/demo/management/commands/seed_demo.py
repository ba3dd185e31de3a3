"""``manage.py seed_demo``: Tây Hồ's demo data (DESIGN.md, "Demo data"); idempotent."""

from django.core.management.base import BaseCommand

from tayho_danvan.demo.build import seed


class Command(BaseCommand):
    help = "Tạo dữ liệu minh họa của quận Tây Hồ (chạy lại nhiều lần không tạo trùng)."

    def handle(self, *args, **options):
        result = seed()
        for campaign in result["campaigns"]:
            self.stdout.write(
                f"- {campaign}: {campaign.entries.count()} hồ sơ, "
                f"trạng thái “{campaign.get_state_display()}”, "
                f"đăng ký {campaign.registration_opens:%d/%m/%Y} – {campaign.registration_closes:%d/%m/%Y}"
            )
        self.stdout.write(f"\nTài khoản dùng thử (mật khẩu chung: {result['password']}):")
        for username, role, unit in result["logins"]:
            self.stdout.write(f"  {username:<18} {role:<34} {unit}")
        self.stdout.write(
            "\nLưu ý: hạn đăng ký năm 2024 được kéo dài tới hôm nay + 1 năm để dùng thử; "
            "tên đơn vị, mô hình và người ngoài bài báo nguồn là giả định."
        )
