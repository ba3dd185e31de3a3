"""Benchmark: the board's import preview of a large bad file (issue [F] 5), on the seeded demo.

Run: ``.venv/bin/python bench/import_preview.py [--rows 10000] [--repeat 3]`` (DATABASE_URL if set,
else a throwaway SQLite file). Every row names a unit that does not exist, so every row is an error.
Prints the median time of the whole admin request (upload, check, dry run, page) and the page size.
"""

import argparse
import io
import statistics
import time

from _demo import seeded_demo  # bench/ is the script folder: its modules import by name


def bad_file(rows, headers):
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    index = {h: i for i, h in enumerate(headers)}
    for n in range(rows):
        row = [None] * len(headers)
        row[index["Mã đơn vị"]], row[index["Loại"]] = "khong-co", "Mô hình"
        row[index["Lĩnh vực"]], row[index["Tên mô hình / điển hình"]] = "Kinh tế", f"Mô hình {n}"
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000)  # the admin's cap per file (ADMIN_MAX_ROWS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seeded_demo()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from campaigns.models import Campaign
    from campaigns.spreadsheets.resources import EntryResource

    data = bad_file(args.rows, EntryResource.headers())
    client = Client()
    client.force_login(get_user_model().objects.get(username="bandanvan"))
    campaign = Campaign.objects.get(year=2024, organiser__code="quan-uy-tay-ho")
    times, size = [], 0
    for _ in range(args.repeat):
        upload = io.BytesIO(data)
        upload.name = "loi.xlsx"
        start = time.perf_counter()
        response = client.post(
            "/admin/campaigns/entry/import/", {"campaign": campaign.pk, "format": 0, "import_file": upload}
        )
        times.append(time.perf_counter() - start)
        size = len(response.content)
    print(
        f"{args.rows} bad rows ({len(data) // 1024} KB): preview {statistics.median(times):.2f} s median "
        f"of {args.repeat}, page {size // 1024} KB, status {response.status_code}"
    )


if __name__ == "__main__":
    main()
