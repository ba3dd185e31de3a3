"""``manage.py reorganise_2025``: apply the 1 July 2025 reorganisation of Tây Hồ to the demo data."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tayho_danvan.demo import reorganisation_2025
from units.models import Unit


class Command(BaseCommand):
    help = "Áp dụng sắp xếp đơn vị từ 01/7/2025: đóng Quận ủy Tây Hồ, lập 4 Đảng ủy phường mới."

    def handle(self, *args, **options):
        district = Unit.objects.filter(code="quan-uy-tay-ho").first()
        if district is not None and district.valid_to is not None:
            raise CommandError(
                f"Sắp xếp đã được áp dụng: Quận ủy Tây Hồ ngừng hoạt động từ {district.valid_to:%d/%m/%Y}."
            )
        try:
            created = reorganisation_2025.apply()
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        names = ", ".join(unit.name for unit in created)
        self.stdout.write(f"Đã đóng Quận ủy Tây Hồ và các đơn vị trực thuộc từ 01/7/2025; đã lập: {names}.")
