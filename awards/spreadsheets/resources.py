"""The award list's columns, through django-import-export (Vietnamese headers, DESIGN.md)."""

from import_export import fields, resources, widgets

from tayho_danvan.lib.excel import counted, write_xlsx

from ..models import Award


class AwardListResource(resources.ModelResource):
    """One row per award: STT, recipient, kind, position, unit, field, award type, decision, achievement."""

    position = fields.Field(
        attribute="position", column_name="STT", widget=widgets.IntegerWidget(coerce_to_string=False)
    )
    recipient_name = fields.Field(attribute="recipient_name", column_name="Tên tập thể / Họ và tên")
    recipient_kind = fields.Field(column_name="Đối tượng")
    recipient_position = fields.Field(attribute="recipient_position", column_name="Chức vụ")
    unit = fields.Field(attribute="unit__name", column_name="Đơn vị")
    field = fields.Field(column_name="Lĩnh vực")
    award_type = fields.Field(attribute="decision__award_type__name", column_name="Hình thức khen thưởng")
    decision_number = fields.Field(attribute="decision__number", column_name="Số quyết định")
    decision_date = fields.Field(column_name="Ngày quyết định")
    achievement = fields.Field(attribute="achievement", column_name="Thành tích")

    class Meta:
        model = Award
        fields = (
            "position",
            "recipient_name",
            "recipient_kind",
            "recipient_position",
            "unit",
            "field",
            "award_type",
            "decision_number",
            "decision_date",
            "achievement",
        )
        export_order = fields

    def dehydrate_recipient_kind(self, award):
        return award.get_recipient_kind_display()

    def dehydrate_field(self, award):
        return award.entry.get_field_display() if award.entry_id else ""

    def dehydrate_decision_date(self, award):
        # A real date cell, shown dd/mm/yyyy by tayho_danvan.lib.excel.
        return award.decision.date

    def get_queryset(self):
        return award_list_queryset(Award.objects.all())


def award_list_queryset(awards):
    """``awards`` with what the list needs joined in, ordered by decision then STT."""
    return awards.select_related("decision__award_type", "unit", "entry").order_by(
        "decision__date", "decision__number", "position"
    )


def write_award_list(out, *, rows, params, progress):
    """The award changelist's export made by the task worker (``campaigns.services.exports``): the
    awards ``rows`` with ``AwardListResource``'s columns (only ``params["fields"]`` when the export form
    chose some), one award at a time into a write-only workbook. Returns the number of awards.
    """
    resource = AwardListResource()
    chosen = params.get("fields") or None
    headers = resource.get_export_headers(chosen)
    awards = award_list_queryset(rows).iterator(chunk_size=2000)
    lines = (resource.export_resource(award, chosen) for award in awards)
    return write_xlsx(out, headers, counted(lines, progress), title="Danh sách khen thưởng")
