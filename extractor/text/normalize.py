"""Normalized values: document numbers, dates, phones, money, Chinese numerals.

Everything here works on strings and returns plain values; no stage state. The date rules (month end,
上旬/中旬/下旬, semesters, a missing year) are documented in the README and applied everywhere.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

# ---------------------------------------------------------------------------------------------
# characters

_FW = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"}
_FW.update({ord("號"): ord("号"), ord("\u3000"): ord(" ")})


def half_width(s: str) -> str:
    """Full-width ASCII letters/digits to half-width, 號 to 号; other characters unchanged."""
    return s.translate(_FW)


def display_width(s: str) -> int:
    """Columns ``s`` takes in a fixed-width layout: a CJK or full-width character two, anything else one."""
    return sum(2 if ord(c) > 0x2000 else 1 for c in s)


def squeeze(s: str) -> str:
    """Remove all white space (letter-spaced signatures: 柳  州  市 → 柳州市)."""
    return _WHITE.sub("", s)


_WHITE = re.compile(r"\s+")


def soft_key(s: str) -> str:
    """The comparison key used by soft evaluation: NFKC, 號→号, no space or punctuation, lower case."""
    s = unicodedata.normalize("NFKC", s).replace("號", "号")
    return "".join(c for c in s if not (c.isspace() or unicodedata.category(c)[0] in "PS")).lower()


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGITS.update({"〇": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0, "０": 0, "两": 2})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_to_int(s: str) -> int | None:
    """Chinese numerals (一, 十二, 二十三, 一百零五, 三千) or digits → int; None if not a number."""
    s = half_width(s).strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total, section, cur = 0, 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            u = _CN_UNITS[c]
            if u == 10000:
                total += (section + cur) * u
                section = 0
            else:
                section += (cur or 1) * u
            cur = 0
        else:
            return None
    return total + section + cur


def cn_digits_to_int(s: str) -> int | None:
    """Digit-by-digit Chinese years: 二〇二二 → 2022."""
    out = []
    for c in half_width(s):
        if c.isdigit():
            out.append(c)
        elif c in _CN_DIGITS:
            out.append(str(_CN_DIGITS[c]))
        else:
            return None
    return int("".join(out)) if out else None


# ---------------------------------------------------------------------------------------------
# document numbers (发文字号)

_D = "0-9０-９"
DOC_NUMBER_RE = re.compile(
    rf"(?P<agency>[\u4e00-\u9fff]{{1,12}})\s*"
    rf"(?:"
    rf"(?P<open>[〔\[［【(（{{｛])\s*(?P<year>[12１２][09０９][{_D}]{{2}})\s*(?P<close>[〕\]］】)）}}｝])\s*(?P<serial>[{_D}]{{1,5}})"
    rf"|(?P<open2>[〔\[［【(（{{｛])\s*(?P<yearserial>[12１２][09０９][{_D}]{{3,7}})"
    rf"|(?P<year3>[12１２][09０９][{_D}]{{2}})(?P<close3>[〕\]］】)）}}｝])\s*(?P<serial3>[{_D}]{{1,5}})"
    rf"|(?P<bare>[12１２][09０９][{_D}]{{3,7}})"
    rf")\s*[号號]")

# words that cannot be part of an agency abbreviation: they end the text before it
_AGENCY_BOUNDARY = ("文件", "通知", "意见", "印发", "根据", "按照", "依据", "落实", "参照", "执行", "关于",
                    "见", "的", "和", "与", "及", "或", "以", "为", "是", "将", "经", "了", "第", "号")


def _trim_agency(a: str) -> str:
    cut = 0
    for w in _AGENCY_BOUNDARY:
        k = a.rfind(w)
        if k >= 0 and k + len(w) > cut and k + len(w) < len(a):
            cut = k + len(w)
    a = a[cut:]
    return a[-8:]


def parse_doc_number(m: re.Match) -> dict | None:
    """From a DOC_NUMBER_RE match: {text, agency, year, serial, repaired, offset}.

    ``offset`` is where the trimmed agency starts inside the match, so the span can be exact.
    Bracket-less and half-bracketed forms are repaired: 某政办〔202318号 → 某政办〔2023〕18号.
    """
    agency_raw = m.group("agency")
    agency = _trim_agency(agency_raw)
    if not agency or agency[-1] in "第年月日":
        return None
    repaired = False
    if m.group("year"):
        year, serial = m.group("year"), m.group("serial")
    elif m.group("yearserial"):
        ys = half_width(m.group("yearserial"))
        year, serial = ys[:4], ys[4:]
        repaired = True
    elif m.group("year3"):
        year, serial = m.group("year3"), m.group("serial3")
        repaired = True
    else:
        ys = half_width(m.group("bare"))
        if len(agency) < 2:
            return None
        year, serial = ys[:4], ys[4:]
        repaired = True
    year_i, serial_i = int(half_width(year)), int(half_width(serial))
    if not (1949 <= year_i <= 2100) or serial_i == 0:
        return None
    agency_n = half_width(agency)
    return {"text": f"{agency_n}〔{year_i}〕{serial_i}号", "agency": agency_n, "year": year_i,
            "serial": serial_i, "repaired": repaired, "offset": len(agency_raw) - len(agency)}


# the year-serial-号 core of a number: cheap to find, then the agency is matched looking back from it
_CORE_RE = re.compile(rf"[12１２][09０９][{_D}]{{2}}\s*[〕\]］】)）}}｝]?\s*[{_D}]{{0,5}}\s*[号號]")


def find_doc_numbers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, dict]]:
    """All document numbers in ``text[start:end]`` as (start, end, parsed) with exact spans."""
    end = len(text) if end is None else end
    out = []
    last_end = start
    for core in _CORE_RE.finditer(text, start, end):
        window = max(last_end, core.start() - 16)
        for m in DOC_NUMBER_RE.finditer(text, window, core.end()):
            if m.end() != core.end():
                continue
            p = parse_doc_number(m)
            if p:
                out.append((m.start() + p.pop("offset"), m.end(), p))
                last_end = m.end()
            break
    return out


# ---------------------------------------------------------------------------------------------
# dates

_Y = r"(?P<y>(?:19|20|１９|２０)[0-9０-９]{2})"
# (a zero typed as the digit among Chinese numerals is common in web copies: 二0一一年)
_CNY = r"(?P<cy>(?=[〇○零OＯ0０]*[一二三四五六七八九])[〇○零OＯ0０一二三四五六七八九]{4})"
_M = r"(?P<m>[0-9０-９]{1,2})"
_DD = r"(?P<d>[0-9０-９]{1,2})"
_CNM = r"(?P<cm>[一二三四五六七八九十]{1,2})"
_CND = r"(?P<cd>[一二三四五六七八九十]{1,3})"
_PART = r"(?P<part>底|末|初|上旬|中旬|下旬)"

DATE_RE = re.compile(
    "|".join([
        rf"{_CNY}\s*年\s*{_CNM}\s*月\s*{_CND}\s*日",
        rf"{_Y}\s*年\s*{_M}\s*月\s*{_DD}\s*[日号]",
        r"(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d.])",
        # two parts of one month: 11月中下旬, 2015年7月上、中旬 (a range of dekads)
        r"(?:(?P<dy>(?:19|20)[0-9０-９]{2})\s*年\s*|(?<![0-9０-９年]))(?P<dm>[0-9０-９]{1,2})\s*月份?\s*"
        r"(?P<d1>上|中)\s*[、，,]?\s*(?P<d2>中|下)旬",
        r"(?P<sy>(?:19|20)[0-9０-９]{2})\s*年\s*(?:(?P<season>春季|秋季)学期|(?P<ypart>年底|年末|年初|底|末|上半年|下半年))",
        rf"(?P<py>(?:19|20)[0-9０-９]{{2}})\s*年\s*(?P<pm>[0-9０-９]{{1,2}})\s*月(?:份)?\s*{_PART}?",
        r"(?<![0-9０-９年])(?P<nm>[0-9０-９]{1,2})\s*月\s*(?:(?P<nd>[0-9０-９]{1,2})\s*[日号]|(?P<npart>底|末|初|上旬|中旬|下旬))",
        r"(?P<by>(?:19|20)[0-9０-９]{2})\s*年(?![0-9０-９\-－—至])",
    ]))
# a weekday named without a date, read against the notice's date: 本周二, 下周四, 星期五
# (a bare 周X must be followed by a time word or punctuation: 周 is also a surname, 周一鸣)
WEEKDAY_RE = re.compile(r"(?<![每逢至到、—\-－~～上])(?:(?P<rel>本|这|下|下个)(?:周|星期|礼拜)|星期|礼拜|周(?=[一二三四五六日天]"
                        r"(?:[上下中晚早午凌傍（(，,、。；\s0-9０-９]|$)))(?P<wd>[一二三四五六日天])(?![至到、—\-－~～])")
_WEEKDAYS = "一二三四五六日"


def resolve_weekday(m: re.Match, ref: date | None) -> dict | None:
    """A WEEKDAY_RE match → the day it names: 本周/这周 the ref's week (Monday first), 下周 the week after,
    a bare 周二 the first such day on or after the ref."""
    if ref is None:
        return None
    wd = _WEEKDAYS.index(m.group("wd").replace("天", "日"))
    monday = ref - timedelta(days=ref.weekday())
    rel = m.group("rel")
    if rel in ("下", "下个"):
        day = monday + timedelta(days=7 + wd)
    elif rel:
        day = monday + timedelta(days=wd)
    else:
        day = monday + timedelta(days=wd if wd >= ref.weekday() else 7 + wd)
    return {"iso": day.isoformat(), "date": day.isoformat(), "granularity": "day", "year_inferred": True,
            "weekday": True}


COMPACT_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _mk(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _part_day(y: int, m: int, part: str | None) -> int:
    return {"上旬": 10, "初": 10, "中旬": 20, "下旬": _last_day(y, m), "底": _last_day(y, m),
            "末": _last_day(y, m)}.get(part or "", _last_day(y, m))


def school_calendar_year(school_year: int, month: int) -> int:
    """The calendar year of a month in school year N (September N to August N+1)."""
    return school_year if month >= 9 else school_year + 1


def resolve_date(m: re.Match, ref: date | None, school_year: int | None = None) -> dict | None:
    """A DATE_RE match → {iso, date, granularity, year_inferred}.

    ``iso`` is the value at the precision printed (2016, 2016-08, 2016-08-04); ``date`` is a
    calendar day under the README's rules (month end, 上旬 = 10th, 中旬 = 20th, 下旬 = month end,
    秋季学期 = 1 September, 春季学期 = 1 March, 年底 = 31 December); a missing year takes the
    reference date's year, and the next year when that would put the date more than six months
    before the reference. In a plan dated by ``school_year`` a month without a year follows the school
    calendar instead.
    """
    g = m.groupdict()
    if g["cy"]:
        y, mo, d = cn_digits_to_int(g["cy"]), cn_to_int(g["cm"]), cn_to_int(g["cd"])
        iso = _mk(y, mo, d) if y and mo and d else None
        return {"iso": iso, "date": iso, "granularity": "day", "year_inferred": False} if iso else None
    if g["y"]:
        y, mo, d = (int(half_width(g[k])) for k in ("y", "m", "d"))
        iso = _mk(y, mo, d)
        return {"iso": iso, "date": iso, "granularity": "day", "year_inferred": False} if iso else None
    if g["iy"]:
        iso = _mk(int(g["iy"]), int(g["im"]), int(g["id"]))
        return {"iso": iso, "date": iso, "granularity": "day", "year_inferred": False} if iso else None
    if g["dm"]:
        mo = int(half_width(g["dm"]))
        if not 1 <= mo <= 12:
            return None
        if g["dy"]:
            y, inferred = int(half_width(g["dy"])), False
        elif ref is not None:
            y, inferred = (school_calendar_year(school_year, mo) if school_year else ref.year), True
            if not school_year and (ref - date(y, mo, 1)).days > 183:
                y += 1
        else:
            return {"iso": None, "date": None, "granularity": "range", "year_inferred": False}
        first = 1 if g["d1"] == "上" else 11
        last = 20 if g["d2"] == "中" else _last_day(y, mo)
        return {"iso": _mk(y, mo, last), "date": _mk(y, mo, last), "start_date": _mk(y, mo, first),
                "granularity": "range", "year_inferred": inferred}
    if g["sy"]:
        y = int(half_width(g["sy"]))
        if g["season"]:
            return {"iso": f"{y}", "date": f"{y}-{'09' if g['season'] == '秋季' else '03'}-01",
                    "granularity": "semester", "year_inferred": False}
        part = g["ypart"]
        day = {"年初": f"{y}-01-31", "上半年": f"{y}-06-30"}.get(part, f"{y}-12-31")
        return {"iso": f"{y}", "date": day, "granularity": "year", "year_inferred": False}
    if g["py"]:
        y, mo = int(half_width(g["py"])), int(half_width(g["pm"]))
        if not 1 <= mo <= 12:
            return None
        part = g["part"]
        return {"iso": f"{y}-{mo:02d}", "date": _mk(y, mo, _part_day(y, mo, part)),
                "granularity": "dekad" if part in ("上旬", "中旬", "下旬", "初") else "month", "year_inferred": False}
    if g["nm"]:
        mo = int(half_width(g["nm"]))
        if not 1 <= mo <= 12:
            return None
        if ref is None:
            return {"iso": None, "date": None, "granularity": "day" if g["nd"] else "month", "year_inferred": False}
        y = ref.year
        if g["nd"]:
            d = int(half_width(g["nd"]))
            day = _mk(y, mo, d)
            gran = "day"
        else:
            day = _mk(y, mo, _part_day(y, mo, g["npart"]))
            gran = "dekad" if g["npart"] in ("上旬", "中旬", "下旬", "初") else "month"
        if day is None:
            return None
        if school_year:
            y = school_calendar_year(school_year, mo)
            day = _mk(y, mo, min(int(day[8:]), _last_day(y, mo)))
        elif (ref - date.fromisoformat(day)).days > 183:
            y += 1
            day = _mk(y, mo, int(day[8:])) or _mk(y, mo, _last_day(y, mo))
        iso = day if gran == "day" else f"{y}-{mo:02d}"
        return {"iso": iso, "date": day, "granularity": gran, "year_inferred": True}
    if g["by"]:
        y = int(half_width(g["by"]))
        return {"iso": f"{y}", "date": None, "granularity": "year", "year_inferred": False}
    return None


_YR = r"(?:(?:19|20)[0-9０-９]{2}\s*年\s*)"
_DAYR = r"[0-9０-９]{1,2}\s*[日号]?\s*(?:[（(][^）)\n]{1,6}[）)])?"
_MON = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})"
_MONTH_NUMBER = re.compile(rf"({_MON})\s*月")
_YEAR_PRINTED = re.compile(r"(?:19|20)[0-9０-９]{2}\s*年|[〇○零一二三四五六七八九]{4}\s*年")
# expressions DATE_RE does not read, whose value comes from JioNLP (time_span): ranges of days or months,
# Chinese-numeral months, quarters, a year part without a year, a day missing its 日 before 前, 今天
DATE_SPAN_RE = re.compile("|".join([
    rf"(?P<range>{_YR}?[0-9０-９]{{1,2}}\s*月\s*{_DAYR}\s*[—\-－–~～至到/]{{1,3}}\s*(?:{_YR}?[0-9０-９]{{1,2}}\s*月\s*)?"
    rf"[0-9０-９]{{1,2}}\s*[日号](?:\s*[（(][^）)\n]{{1,6}}[）)])?)",
    r"(?P<mrange>(?:(?P<my>(?:19|20)[0-9０-９]{2})\s*年\s*)?(?P<ma>[0-9０-９]{1,2})\s*月?\s*[—\-－~～至到]\s*"
    r"(?P<mb>[0-9０-９]{1,2})\s*月份?)",
    # a range whose ends are months with a part or a year (4月中旬至5月31日, 九月下旬至十月中旬, 2026年4月—2027年12月)
    rf"(?P<prange>{_YR}?{_MON}\s*月\s*(?:上旬|中旬|下旬|初|底|末|份)?\s*[—\-－–~～至到]{{1,2}}\s*{_YR}?{_MON}\s*月\s*"
    r"(?:上旬|中旬|下旬|底|末|份|[0-9０-９]{1,2}\s*[日号])?)",
    r"(?P<cnmonth>(?:[〇○零一二三四五六七八九]{4}\s*年\s*)?(?<![〇○零一二三四五六七八九十])[一二三四五六七八九十]{1,2}\s*月"
    r"\s*(?:上旬|中旬|下旬|底|末|初|[一二三四五六七八九十]{1,3}\s*日|份)?)",
    rf"(?P<quarter>{_YR}?(?:第?[一二三四1-4]季度|首季度))",
    r"(?P<ypart>(?<![年0-9０-９])(?:年底|年末|上半年|下半年))",
    r"(?P<noday>(?<![0-9０-９年])[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}(?=\s*(?:前|之前|以前)))",
    r"(?P<today>今天|今日)",
]))


def windowed(rx: re.Pattern, text: str, triggers: str, before: int, after: int):
    """``rx.finditer`` only around the characters a match must contain (``triggers``): a long regular
    alternation tried at every position of a long text costs more than the rest of a stage."""
    windows: list[list[int]] = []
    for m in re.finditer(f"[{re.escape(triggers)}]", text):
        lo, hi = max(0, m.start() - before), min(len(text), m.end() + after)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from rx.finditer(text, lo, hi)


def find_date_spans(text: str):
    """DATE_SPAN_RE matches (each contains 月, 季, 年 or 今)."""
    return windowed(DATE_SPAN_RE, text, "月季年今", 24, 28)


def resolve_span(m: re.Match, ref: date | None, school_year: int | None = None) -> dict | None:
    """A DATE_SPAN_RE match → {iso, date, start_date, granularity, year_inferred} through time_span."""
    text = m.group()
    if ref is None:
        return None
    if m.group("today"):
        return {"iso": ref.isoformat(), "date": ref.isoformat(), "granularity": "day", "year_inferred": True}
    has_year = bool(_YEAR_PRINTED.search(text))
    base = ref
    if not has_year and school_year:
        mo = _MONTH_NUMBER.search(text)
        mon = cn_to_int(mo.group(1)) if mo else None
        if mon:
            base = date(school_calendar_year(school_year, mon), mon, 1)
    # alternative days (3月27日/28日: either day, so the span runs to the later) read as a range: JioNLP
    # takes the slash for a separator of its own and keeps only the first day; a note in brackets (周一/周二,
    # 暂定) is dropped first: JioNLP reads a weekday in it against the reference week
    parse = re.sub(r"[（(][^）)\n]{1,6}[）)]", "", text)
    if m.group("mrange"):
        # a range of months is read here: JioNLP gives nothing for 3～5月 and a day for 3-5月 (March 5th)
        span = _month_range(m, base)
    elif m.group("prange"):
        span = _part_range(parse, base)
    else:
        span = time_span(re.sub(r"(?<=[日号0-9０-９])\s*/\s*(?=[0-9０-９])", "-", parse), base)
    if span is None or span[1] < span[0]:
        return None         # an end before the start is a misreading, never a value to emit
    start, end = span
    if not has_year and not school_year and m.group("quarter") is None and m.group("ypart") is None:
        try:
            if (ref - date.fromisoformat(end)).days > 183:     # the README's next-year rule
                start, end = f"{int(start[:4]) + 1}{start[4:]}", f"{int(end[:4]) + 1}{end[4:]}"
                date.fromisoformat(start), date.fromisoformat(end)
        except ValueError:
            return None
    ranged = m.group("range") or m.group("mrange") or m.group("prange")
    out = {"iso": end if m.group("range") or m.group("noday") else end[:7], "date": end, "granularity":
           "range" if ranged else "day" if m.group("noday") else "period",
           "year_inferred": not has_year}
    if start != end and ranged:
        out["start_date"] = start
    return out


def _part_range(text: str, base: date) -> tuple[str, str] | None:
    """(first day, last day) of a ``prange``: each end read on its own (JioNLP reads 4月下旬至10月 as the end of
    April), the second in the first's year unless it prints its own (the next year when its month is earlier)."""
    a, b = re.split(r"\s*[—\-－–~～至到]{1,2}\s*", text, maxsplit=1)
    first = time_span(a, base)
    if first is None:
        return None
    if not _YEAR_PRINTED.match(b):
        ma, mb = _MONTH_NUMBER.search(a), _MONTH_NUMBER.search(b)
        y = int(first[0][:4])
        if ma and mb and (cn_to_int(mb.group(1)) or 0) < (cn_to_int(ma.group(1)) or 0):
            y += 1
        b = f"{y}年{b}"
    second = time_span(b, base)
    return (first[0], second[1]) if second else None


def _month_range(m: re.Match, base: date) -> tuple[str, str] | None:
    """(first day of the first month, last day of the last) of an ``mrange`` match: ``3～5月``, ``2025年3月至5月``."""
    y = int(half_width(m.group("my"))) if m.group("my") else base.year
    a, b = int(half_width(m.group("ma"))), int(half_width(m.group("mb")))
    if not (1 <= a <= b <= 12):
        return None
    return f"{y}-{a:02d}-01", f"{y}-{b:02d}-{_last_day(y, b):02d}"


def parse_date_text(s: str, ref: date | None = None) -> str | None:
    """The calendar day of the first date in ``s`` (ISO), including compact 20241021 forms."""
    s = s.strip()
    d = DOTTED_DATE_RE.fullmatch(squeeze(s))     # 2022.11.8, 2022.11月8日 (a web editor's mixed form)
    if d:
        return _mk(int(d.group(1)), int(d.group(2)), int(d.group(3)))
    m = DATE_RE.search(s)
    if m:
        r = resolve_date(m, ref)
        if r and r["granularity"] == "day":
            return r["date"]
    c = COMPACT_DATE_RE.fullmatch(squeeze(s))
    if c:
        return _mk(int(c.group(1)), int(c.group(2)), int(c.group(3)))
    return None


DOTTED_DATE_RE = re.compile(r"((?:19|20)\d{2})[-/.．](\d{1,2})(?:[-/.．]|月)(\d{1,2})日?")


# ---------------------------------------------------------------------------------------------
# phones, money

PHONE_RE = re.compile(
    r"(?<![0-9０-９A-Za-z])(?:"
    # (一 between the area code and the number is a typed dash: 0571一88123456)
    r"(?P<area>[(（]?0[0-9]{2,3}[)）]?)\s*[-—–－一 ]{0,2}\s*(?P<local>[0-9]{7,8})"
    r"|(?P<mobile>1[3-9][0-9]{9})"
    r"|(?P<service>[48]00[-－ ]?[0-9]{3}[-－ ]?[0-9]{4})"      # 400/800 service numbers
    r")(?![0-9０-９])")
LOCAL_PHONE_RE = re.compile(r"(?<![0-9０-９A-Za-z.])(?P<local>[2-9][0-9]{6,7})(?![0-9０-９])")


def normalize_phone(s: str) -> str:
    s = half_width(s)
    digits = re.sub(r"[^0-9]", "", s)
    if digits.startswith("1") and len(digits) == 11:
        return digits
    m = re.match(r"[(（]?(0\d{2,3})[)）]?\s*[-—–－一 ]*\s*(\d{7,8})$", s.strip())
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    return digits


MONEY_RE = re.compile(r"(?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?P<approx>多|余)?\s*(?P<unit>亿|万|千)?\s*元")
_CUR = r"(?:元|圆|美元|欧元|港元|港币|日元|英镑|澳元|加元|韩元|泰铢|卢布)"
_DIG = r"[0-9０-９](?:[0-9０-９,，]*[0-9０-９])?(?:[.．][0-9０-９]+)?"
_CNUM = r"[零〇一二两三四五六七八九十百千万亿壹贰贰叁肆伍陆柒捌玖拾佰仟萬億]"
# amounts as printed: digits with separators, 万/亿, ranges, 约/近/多/余, 大写 with 角/分/整, foreign currencies
MONEY_SPAN_RE = re.compile(
    rf"(?:(?:人民币|RMB)\s*)?(?:约|近|逾|超过)?\s*"
    rf"(?:{_DIG}\s*(?:万|亿|千)?\s*(?:[(（]含[)）])?\s*(?:[-—–~～至到]{{1,2}}\s*{_DIG}\s*(?:万|亿|千)?\s*)?(?:多|余)?\s*{_CUR}"
    rf"|{_CNUM}{{2,20}}{_CUR}(?:{_CNUM}角)?(?:{_CNUM}分)?整?)(?:人民币)?")


def find_money(text: str) -> list[tuple[int, int]]:
    """Where amounts of money are printed: (start, end) spans, leftmost-longest."""
    out = []
    for m in windowed(MONEY_SPAN_RE, text, "元圆币镑铢布", 48, 4):
        s, e = m.start(), m.end()
        while s < e and text[s] in " \u3000":
            s += 1
        if re.fullmatch(rf"{_CNUM}+{_CUR}.*", text[s:e]) and not re.search(r"[十百千万亿拾佰仟萬億]", text[s:e]):
            continue        # 一元: an article or an ordinal, not an amount
        out.append((s, e))
    return out


def money_value(m: re.Match) -> dict | None:
    """The value of a MONEY_RE match, read by ``parse_money`` (the one money reader)."""
    return parse_money(m.group())


# ---------------------------------------------------------------------------------------------
# time spans and money through JioNLP (a kept library), with the README's policy on top


@lru_cache(maxsize=1)
def _jio():
    """JioNLP, imported once and quietly (it prints a banner on import, which would corrupt stdout JSONL)."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


_SPACE = re.compile(r"[\s\u3000]+")
_BY_WORDS = re.compile(r"(之前|以前|前|为止|止)$")
# (a Chinese-numeral hour only right after a part of the day: 下午两点, 上午九点半; 第三点 is a count)
CLOCK_RE = re.compile(r"(?P<part>上午|下午|中午|晚上|早上|傍晚|凌晨)?\s*(?P<h>[0-9０-９]{1,2}|(?<=上午|下午|中午|晚上|早上|傍晚|凌晨)"
                      r"(?:十[一二]|[一二两三四五六七八九十])(?=[点时]))\s*(?:[:：∶]\s*(?P<mi>[0-9０-９]{2})|[点时](?:(?P<mi2>[0-9０-９]{1,2})分?|(?P<half>半))?)")
_SCHOOL_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[—\-－–~～至]?\s*(?:(?:19|20)\d{2})?\s*学年")


_CN_HOURS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2, "十一": 11, "十二": 12}


def clock_time(s: str) -> str | None:
    """The time of day printed in ``s`` as HH:MM (下午5点 → 17:00, 17：30 → 17:30); None without a clock."""
    m = CLOCK_RE.search(half_width(s))
    if not m:
        return None
    h = int(m.group("h")) if m.group("h").isdigit() else _CN_HOURS[m.group("h")]
    mi = int(m.group("mi") or m.group("mi2") or (30 if m.group("half") else 0))
    if m.group("part") in ("下午", "晚上", "傍晚") and h < 12 or m.group("part") == "中午" and h < 3:
        h += 12         # 中午1:10 is 13:10, 中午12:30 stays
    if not (0 <= h <= 24 and 0 <= mi < 60) or h == 24 and mi:
        return None
    return f"{h:02d}:{mi:02d}"      # 24时 stays 24:00 (the end of that day, as printed)


def parse_time(s: str, base: datetime | date | None) -> dict | None:
    """JioNLP's reading of a time expression, ``{type, definition, time: [start, end]}``, or None.

    The text is cleaned first (full-width digits, white space inside a date, ``——``); ``base`` is the
    date a relative or year-less expression is read against (the notice's own date).
    """
    text = _SPACE.sub("", half_width(s)).replace("——", "—")
    text = re.sub(r"(\d{1,2})～(\d{1,2})月份?", r"\1月至\2月", text)
    # a month range sharing its year (2017年8月至11月, 2018年2——4月): JioNLP reads only the first month
    text = re.sub(r"((?:19|20)\d{2})年(\d{1,2})月?(?:份)?(?:至|到|—+|－|-|~)(\d{1,2})月份?$", r"\1年\2月至\1年\3月", text)
    kw = {}
    if base is not None:
        kw["time_base"] = {"year": base.year, "month": base.month, "day": base.day,
                           **({"hour": base.hour, "minute": base.minute, "second": base.second}
                              if isinstance(base, datetime) else {})}
    try:
        r = _jio().parse_time(text, **kw)
    except Exception:           # JioNLP raises on anything it cannot read: no value rather than a guess
        return None
    return r if isinstance(r, dict) and isinstance(r.get("time"), list) else None


@lru_cache(maxsize=8192)
def time_span(s: str, ref: date | None) -> tuple[str, str] | None:
    """The calendar span ``(first day, last day)`` a printed date or range covers, or None.

    JioNLP's ``parse_time`` reads the expression (ranges, Chinese numerals, quarters, 上旬/下旬 …) with
    the notice's date as its base; an open start (``…前``) is the end day alone.
    """
    if not s or ref is None:
        return None
    text = _SPACE.sub("", half_width(s))
    r = parse_time(s, ref)
    t = r.get("time") if r else None
    if r is None or r.get("type") not in ("time_point", "time_span") or not isinstance(t, list) or len(t) != 2:
        return None
    start, end = str(t[0]), str(t[1])
    if not re.match(r"\d{4}-\d{2}-\d{2}", end):
        return None
    if not re.match(r"\d{4}-\d{2}-\d{2}", start) or _BY_WORDS.search(text):
        start = end
    return start[:10], end[:10]


def school_year(text: str) -> int | None:
    """The school year a plan is dated by (2025学年, 2025—2026学年第一学期 → 2025)."""
    m = _SCHOOL_YEAR.search(text)
    return int(m.group("y")) if m else None


_CURRENCIES = {"元": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "港币": "HKD", "日元": "JPY",
               "英镑": "GBP", "澳元": "AUD", "加元": "CAD", "韩元": "KRW", "新台币": "TWD", "澳门元": "MOP", "卢布": "RUB",
               "泰铢": "THB"}


def parse_money(s: str) -> dict | None:
    r = _parse_money(s)
    return dict(r) if r is not None else None


@lru_cache(maxsize=8192)
def _parse_money(s: str) -> dict | None:
    """A printed amount → {value, currency, approximate, value_max}; None when JioNLP cannot read it all.

    ``82，225.00元`` → 82225, ``人民币伍拾万元整`` → 500000, ``约4.287亿美元`` → 428700000 USD, a range
    ``5万至10万元`` → value 50000, value_max 100000. An amount is never truncated: an unreadable one
    gives None (and the entity keeps no value) rather than a wrong number.
    """
    text = _SPACE.sub("", s)
    candidates = [text, re.sub(r"^(人民币|RMB)", "", text), re.sub(r"^(人民币|RMB)|整$", "", text)]
    for t in dict.fromkeys(candidates):
        try:
            r = _jio().parse_money(t)
        except Exception:
            continue
        num = r.get("num") if isinstance(r, dict) else None
        if num is None:
            continue
        lo, hi = (num, None) if not isinstance(num, list) else (num[0], num[1])
        try:
            v = float(lo)
            vmax = float(hi) if hi is not None else None
        except (TypeError, ValueError):
            continue
        cur = _CURRENCIES.get(r.get("case") or "元", r.get("case"))
        out = {"value": int(v) if v.is_integer() else round(v, 2), "currency": cur,
               "approximate": r.get("definition") != "accurate"}
        if vmax is not None:
            out["value_max"] = int(vmax) if vmax.is_integer() else round(vmax, 2)
        return out
    return None
