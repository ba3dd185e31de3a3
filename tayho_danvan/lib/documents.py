"""Headings of Vietnamese documents from an issuer's name: Party or state side, the issuing body's lines,
the place and the date in words (DESIGN.md, "Documents"; Hướng dẫn 36-HD/VPTW for the Party layout,
NĐ 30/2020/NĐ-CP for the state one). Plain text in, plain text out: imports no app.
"""

import re
import unicodedata

STATE_BODY = "ủy ban nhân dân"
# Levels of an issuer's name, longest first: what follows is the place ("Ủy ban nhân dân phường Tây Hồ").
PLACE_LEVELS = ("thành phố", "phường", "quận", "huyện", "thị xã", "xã", "tỉnh")
PARTY_PREFIXES = (
    "đảng ủy phường",
    "đảng ủy xã",
    "đảng ủy",
    "quận ủy",
    "huyện ủy",
    "thành ủy",
    "thị ủy",
    "tỉnh ủy",
)
STATE_MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"]
PARTY_MOTTO = ["ĐẢNG CỘNG SẢN VIỆT NAM", ""]


# Old and new tone placement on a syllable ending in oa, oe, uy ("hoà"/"hòa", "thuỷ"/"thủy"): the
# same word, typed either way by different keyboards and offices. Compared in the older placement.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng (combining marks)
_SECOND_VOWEL_TONE = re.compile(rf"(o)([ae])([{_TONES}])(?![a-z])|(u)(y)([{_TONES}])(?![a-z])")


# Characters that look the same and come from other fonts or keyboards: curly and straight quotes, the
# Icelandic Ð (U+00D0, left by old TCVN3/VNI font conversions) for the Vietnamese Đ (U+0110).
_LOOKALIKES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "Ð": "Đ", "ð": "đ"})


def _tone_on_first(match):
    first, second, tone = (g for g in match.groups() if g is not None)
    return first + tone + second


def normal_text(text):
    """``text`` (str) for comparing names, numbers and headers: NFC, lower case, one space, one placement
    of the tone on "oa", "oe", "uy" ("Thuỷ Khuê" reads as "thủy khuê", "hoà" as "hòa"), straight quotes,
    Đ for a look-alike Ð, and no full stop or comma at the end."""
    text = text.translate(_LOOKALIKES).strip().rstrip(".;,:")
    decomposed = unicodedata.normalize("NFD", " ".join(text.lower().split()))
    return unicodedata.normalize("NFC", _SECOND_VOWEL_TONE.sub(_tone_on_first, decomposed))


def is_state_issuer(issuer_name, number=""):
    """True when the issuer is a state body (Ủy ban nhân dân), or the number is a state one ("…/QĐ-UBND"):
    such documents take the national heading, not the Party's.
    """
    return normal_text(issuer_name).startswith(STATE_BODY) or "ubnd" in (number or "").lower()


def date_in_words(day, place):
    """The line "Tây Hồ, ngày 15 tháng 01 năm 2024" for ``day`` (a date) and ``place`` (str)."""
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def _strip_words(name, count):
    """``name`` without its first ``count`` words, as written."""
    return " ".join(unicodedata.normalize("NFC", name).split()[count:])


def place_of(issuer_name, fallback):
    """The place in the date line, from the issuer's own name ("Ủy ban nhân dân phường Tây Hồ" → "Tây Hồ",
    "Thành ủy Hà Nội" → "Hà Nội"); ``fallback`` (str) when the name carries none.
    """
    name = normal_text(issuer_name)
    if name.startswith(STATE_BODY):
        rest = name[len(STATE_BODY) :].strip()
        for level in PLACE_LEVELS:
            if rest.startswith(level + " "):
                return _strip_words(issuer_name, len(STATE_BODY.split()) + len(level.split()))
        return _strip_words(issuer_name, len(STATE_BODY.split()))
    for prefix in PARTY_PREFIXES:
        if name.startswith(prefix + " "):
            return _strip_words(issuer_name, len(prefix.split()))
    return fallback


def issuer_lines(issuer_name, *, state, body_above=""):
    """The issuing body top left, as a list of lines: "ỦY BAN NHÂN DÂN / PHƯỜNG TÂY HỒ" for a state body;
    for a Party body ``body_above`` (the body over it, e.g. "Đảng bộ thành phố Hà Nội"), its own name, "*".
    """
    if state:
        return ["ỦY BAN NHÂN DÂN", _strip_words(issuer_name, len(STATE_BODY.split())).upper()]
    return [body_above.upper(), issuer_name.upper(), "*"]


# A Party committee and the Party organisation it leads: "Quận ủy Tây Hồ" leads "Đảng bộ quận Tây Hồ".
COMMITTEE_TO_BODY = (
    ("quận ủy", "Đảng bộ quận"),
    ("huyện ủy", "Đảng bộ huyện"),
    ("thành ủy", "Đảng bộ thành phố"),
    ("tỉnh ủy", "Đảng bộ tỉnh"),
    ("thị ủy", "Đảng bộ thị xã"),
    ("đảng ủy", "Đảng bộ"),
)


def party_body_of(name):
    """The Party organisation a committee named ``name`` leads, for the line above a Party document's
    issuer (Hướng dẫn 36-HD/VPTW: "ĐẢNG BỘ QUẬN TÂY HỒ" over "ĐẢNG ỦY PHƯỜNG NHẬT TÂN"); ``name`` itself
    when it is already an organisation ("Đảng bộ thành phố Hà Nội")."""
    key = normal_text(name)
    for committee, body in COMMITTEE_TO_BODY:
        if key.startswith(committee + " "):
            return f"{body} {_strip_words(name, len(committee.split()))}"
    return name


# Unicode's bidirectional controls: invisible, they reorder what follows ("hoso\u202egpj.exe" reads
# as "hosoexe.jpg"). A file name shown or sent back is never allowed to carry them.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def strip_bidi(text):
    """``text`` (str) without Unicode bidirectional control characters; everything else kept."""
    return text.translate(_BIDI_CONTROLS)
