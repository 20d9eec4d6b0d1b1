"""Date-of-birth patterns in the formats and languages of the JIT (en/ro/fr/de/it).

Pure: stdlib only. Patterns run over normalised text (lower case, no diacritics), which is why
"März", "février" and "août" appear below as "marz", "fevrier" and "aout".
"""

import re
from datetime import date

# Full names and the abbreviations seen in police reports and court decisions, per month.
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "ianuarie", "janvier", "januar", "janner", "gennaio", "jan", "ian", "janv",
        "gen"),
    2: ("february", "februarie", "fevrier", "februar", "feber", "febbraio", "feb", "febr",
        "fev", "fevr"),
    3: ("march", "martie", "mars", "marz", "marzo", "mar", "mrz"),
    4: ("april", "aprilie", "avril", "aprile", "apr", "avr"),
    5: ("may", "mai", "maggio", "mag"),
    6: ("june", "iunie", "juin", "juni", "giugno", "jun", "iun", "giu"),
    7: ("july", "iulie", "juillet", "juli", "luglio", "jul", "iul", "juil", "lug"),
    8: ("august", "aout", "agosto", "aug", "ago"),
    9: ("september", "septembrie", "septembre", "settembre", "sept", "sep", "set", "sett"),
    10: ("october", "octombrie", "octobre", "oktober", "ottobre", "oct", "okt", "ott"),
    11: ("november", "noiembrie", "novembre", "nov", "noi"),
    12: ("december", "decembrie", "decembre", "dezember", "dicembre", "dec", "dez", "dic"),
}  # fmt: skip

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")

# "1st", "27th", French "1er", Italian "1º" (folded to "1o"), Romanian "27-a".
_ORDINAL = r"(?:st|nd|rd|th|er|eme|o|-a|-lea)?"
_SEP = r"\s?[./-]\s?"
_WORD_SEP = r"[\s.,/-]{0,3}"
_OF = r"(?:(?:of|de|din)\s)?"


def month_names(month: int) -> tuple[str, ...]:
    return _MONTHS[month]


def _number(value: int) -> str:
    # Day and month may be written with or without a leading zero.
    return f"0?{value}" if value < 10 else str(value)


def date_patterns(when: date) -> list[str]:
    """Regex sources matching ``when`` in numeric and month-name formats."""
    day, month = _number(when.day), _number(when.month)
    year4 = f"{when.year:04d}"
    year = f"(?:{year4}|{year4[2:]})"
    names = "(?:" + "|".join(sorted(_MONTHS[when.month], key=len, reverse=True)) + r")\.?"
    roman = _ROMAN[when.month - 1]
    digits_before, digits_after = r"(?<![\d])", r"(?![\d])"
    numeric = [
        rf"{day}{_SEP}{month}{_SEP}{year}",  # 27.09.2010, 27/09/10, 27-9-2010
        rf"{year4}{_SEP}{month}{_SEP}{day}",  # 2010-09-27
        rf"{month}\s?[/-]\s?{day}\s?[/-]\s?{year4}",  # 09/27/2010 (US)
        rf"{day}{_SEP}{roman}{_SEP}{year4}",  # 27.IX.2010 (ro/it court style)
        f"{when.day:02d}{when.month:02d}{year4}",  # 27092010
        f"{year4}{when.month:02d}{when.day:02d}",  # 20100927
    ]
    worded = [
        # 27 septembrie 2010, 27. September 2010, 27 sept. 2010, 27th of September, 2010
        rf"{day}{_ORDINAL}\.?\s?{_OF}{names}{_WORD_SEP}{_OF}{year4}",
        # September 27, 2010 / September 27th 2010
        rf"{names}\s?{day}{_ORDINAL}{_WORD_SEP}{year4}",
        # 27-Sep-2010
        rf"{day}-{names}-{year}",
    ]
    return [rf"{digits_before}(?:{p}){digits_after}" for p in numeric] + [
        rf"(?<![\w]){p}(?![\w])" for p in worded
    ]


def compile_date(when: date) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in date_patterns(when)))


def date_renderings(when: date) -> list[str]:
    """Literal renderings of ``when`` (normalised), for the independent leak check."""
    d, m, y = when.day, when.month, when.year
    out = {
        f"{d:02d}.{m:02d}.{y}",
        f"{d}.{m}.{y}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}/{y}",
        f"{d:02d}-{m:02d}-{y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{m:02d}/{d:02d}/{y}",
        f"{d:02d}.{m:02d}.{y % 100:02d}",
        f"{d:02d}{m:02d}{y}",
        f"{y}{m:02d}{d:02d}",
        f"{d}.{_ROMAN[m - 1]}.{y}",
    }
    for name in _MONTHS[m]:
        out.update({f"{d} {name} {y}", f"{d}. {name} {y}", f"{d} {name}. {y}", f"{name} {d}, {y}"})
    return sorted(out)
