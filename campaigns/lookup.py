"""Finding a campaign from what a command line gives: a year and, if needed, an organiser code."""

from django.core.exceptions import ValidationError

from .models import Campaign


def campaign_for_year(year, organiser_code=None):
    """The campaign of ``year`` (int), narrowed to the organiser with ``organiser_code`` if given.

    Raises ``ValidationError`` (Vietnamese) when none matches, or when several organisers ran a
    campaign that year and no code was given.
    """
    campaigns = Campaign.objects.filter(year=year).select_related("organiser")
    if organiser_code:
        campaigns = campaigns.filter(organiser__code=organiser_code)
    found = list(campaigns[:2])
    if not found:
        where = f" của đơn vị có mã “{organiser_code}”" if organiser_code else ""
        raise ValidationError(f"Không có phong trào năm {year}{where}.")
    if len(found) > 1:
        codes = ", ".join(Campaign.objects.filter(year=year).values_list("organiser__code", flat=True))
        raise ValidationError(
            f"Năm {year} có nhiều phong trào ({codes}); hãy chỉ rõ đơn vị tổ chức bằng --organiser MÃ."
        )
    return found[0]
