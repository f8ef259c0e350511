"""Deadlines: the dates by which, or at which, the programme's steps must happen.

A DATE entity is a deadline when:

- it is followed by a 'by' word: ``9月15日前``, ``2016年8月底前``, ``1月14日17:00前``, ``2020年前``; or
- it is preceded by ``截至`` / ``截止`` / ``不迟于`` (``报名截至11月3日下午5点``); or
- it opens a clause of a schedule: a phase item (``启动阶段。2016年8月中旬，启动…``), or a section
  whose heading is about time (实施步骤, 时间安排, 进度安排, 时间地点).

These are not deadlines: start dates (``…起``, ``自…``), spans of the past (``以来``, ``至今``),
edition years (``(2023年版)``), the notice's own date, and target years of goals (``到2026年`` is a goal).
A year alone before 前 means the end of that year. The calendar rules for 上旬, 月底 and a missing
year are in normalize.resolve_date, and the README documents them.
"""
from __future__ import annotations

import bisect
import re
from datetime import date

from ...core.document import Document
from ...text.normalize import CLOCK_RE, clock_time
from .base import body_start, forward_spans, in_signature, is_descriptive, sentence_end, sentence_start, within

_BY_AFTER = re.compile(r"^(?:\s*[（(](?:周|星期)[^）)]{1,3}[）)])?[\s\d:：∶时点分半上下午晚中早班a-zA-Z]{0,12}?"
                       r"(?:之前|以前|底前|末前|前|为止|止)")
# a clock time right after the date, a weekday in brackets allowed between: 11月12日（周三）17:00前
# (or the date in brackets itself, a weekday inside: 周三（2月15日）中午12:30, 今天（2月16日，周三）中午12:25)
_CLOCK_AFTER = re.compile(r"^\s*(?:[（(](?:周|星期)[^）)]{1,3}[）)]|(?:[，,、]\s*(?:周|星期)[一二三四五六日天])?\s*[）)])?\s*("
                          + CLOCK_RE.pattern + ")")
_BY_BEFORE = re.compile(r"(?:截至|截止|截止到|截止至|不迟于|最迟于|最迟)\s*$")
_NOT_AFTER = re.compile(r"^\s*(?:起|开始|以来|至今|以后|之后|后|版|届|级|年度|学年)")
_NOT_BEFORE = re.compile(r"(?:自|从|到|至|力争到|截至目前|于)\s*$")
_SCHEDULE_HEADING = re.compile(r"阶段|步骤|安排|进度|时间|日程|期限|时限")
_CLAUSE_OPEN = re.compile(r"(?:^|[\n。；;：:]|阶段[。.：:，,]?|[一二三四五六七八九十0-9]+[、.．]|时间|日期|时间地点)\s*(?:于|在)?\s*$")


def _in_schedule(doc: Document, pos: int) -> bool:
    for s in doc.sections:
        if s.start <= pos < s.end and s.number and (_SCHEDULE_HEADING.search(s.heading) or s.category == "deadline"):
            return True
    return False


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    return sentence_start(text, start), sentence_end(text, end)


def deadlines(doc: Document) -> list[dict]:
    if is_descriptive(doc):
        # a report (通报, 总结 …) tells what happened; only what it still asks for after its own date
        # counts (于5月30日前将整改报告报送…), and that only as a proposal the deadline model decides
        own = doc.info.get("signed_date") or doc.info.get("published_date")
        fwd = forward_spans(doc)
        if not own and not fwd:
            return []
        items = []
        for x in _deadlines(doc):
            if within(fwd, x["start"]):
                items.append(x)         # the part that plans ahead (下一步打算) is read like a notice
            elif own and x["date"] and x["date"] > own and x["_kind"] in ("by", "at", "other"):
                x["_kind"] = "other"
                items.append(x)
        return items
    return _deadlines(doc)


def _deadlines(doc: Document) -> list[dict]:
    text = doc.text
    start_of_body = body_start(doc)
    cited = [(c["start"], c["end"]) for c in doc.info.get("cited_documents", []) if c.get("start") is not None]
    out: list[dict] = []
    for sp in sorted((e for e in doc.entities if e.label == "DATE"), key=lambda e: e.start):
        if sp.start < start_of_body or in_signature(doc, sp.start):
            continue
        if any(abs(sp.start - a) < 80 and sp.start < b for a, b in cited) and "《" in text[max(0, sp.start - 80):sp.start]:
            continue
        after, before = text[sp.end:sp.end + 16], text[max(0, sp.start - 8):sp.start]
        by = _BY_AFTER.match(after)
        kind = None
        if by:
            kind = "by"
        elif _BY_BEFORE.search(before):
            kind = "by"
        elif _CLAUSE_OPEN.search(text[max(0, sp.start - 12):sp.start]) and not _NOT_BEFORE.search(before) \
                and _in_schedule(doc, sp.start) and re.match(r"^[\s\d:：时点分]*[，,、]?", after) \
                and not _NOT_AFTER.match(after):     # a start opening a clause (2016年秋季学期起，…) is a start
            kind = "at"
        if kind is None:
            # not a deadline by the rules: still a candidate, which the deadline model may accept
            kind = "start" if _NOT_AFTER.match(after) else "other"
        norm = sp.normalized or {}
        if kind == "start" or kind == "other" and not norm.get("date"):
            continue            # a start (…起, 自…) is never a deadline (the guidelines), not even a candidate
        day = norm.get("date")
        if day is None and norm.get("granularity") == "year" and norm.get("iso") and by:
            day = f"{norm['iso']}-12-31"          # 2020年前: by the end of 2020
        if day is None and kind in ("by", "at"):
            doc.warn(f"deadline {sp.text!r} has no year and the notice no date; its date is null")
        clock = _CLOCK_AFTER.match(after)
        if clock and "\n" in clock.group():
            clock = None        # a day on its own line heads the timed rows below it (_clock_rows)
        time = clock_time(clock.group(1)) if clock else clock_time(sp.text)
        date_end = sp.end + (by.end() if by else clock.end() if clock else 0)
        s, e = _sentence(text, sp.start, date_end)
        action = text[date_end:e].lstrip("，,、 ")
        if len(action) < 4:
            action = text[s:sp.start].rstrip("于在，, ")
        out.append({"date": day, "start_date": norm.get("start_date"), "time": time,
                    "date_text": text[sp.start:date_end], "action": action.strip()[:160], "start": s, "end": e,
                    "_kind": kind})
    out += _clock_rows(doc, start_of_body)
    out += _more_times(text, out)
    return [x for x in out if x["_kind"] != "row_day"]


# what may stand between two times printed in one cell: white space or a list mark (7：45—8:20 8:30—10:50)
_TIME_GAP = re.compile(r"[ \u3000、，,；;]+$")


def _more_times(text: str, items: list[dict]) -> list[dict]:
    """Proposals: the further steps of a timed row printed in the same cell after its first time
    (``上午7：45—8:20 8:30—10:50 11：00—11：40``): one item per printed time on the row's day, the end
    of a range (``—8:20``) excepted."""
    out = []
    for x in items:
        if not x.get("time") and x.get("date"):
            row = _row_times(text, x)
            if row:
                x["_kind"] = "row_day"      # the day cell: its sessions are the items (corpus/GUIDELINES.md)
            out += row
            continue
        if not x.get("date"):
            continue
        k = text.find(x["date_text"], x["start"], x["end"] + len(x["date_text"]))
        if k < 0:
            continue
        p = k + len(x["date_text"])
        stop = min([i for i in (text.find("\t", p), text.find("\n", p)) if i != -1] or [len(text)])
        for m in CLOCK_RE.finditer(text, p, stop):
            at = m.start("part") if m.group("part") else m.start("h")
            if not (m.group("mi") or m.group("part")) or not _TIME_GAP.search(text, p, at):
                continue        # the end of a range (—8:20) or text between: not a step of its own
            t = clock_time(m.group())
            if t and t != x["time"]:
                out.append({"date": x["date"], "start_date": None, "time": t, "date_text": text[at:m.end()],
                            "action": x["action"], "start": x["start"], "end": x["end"], "_kind": "clock"})
    return out


def _row_times(text: str, x: dict) -> list[dict]:
    """Proposals: a timetable row whose day cell prints no time (``5月26日上午 ⇥ 初中班主任 ⇥ 1.第1节7:50—8:35，…
    2.第2节8:45—9:30，…``): one item per session the later cells of the row open, on the cell's day (the end
    of a range excepted). The deadline model decides, as for every proposal."""
    k = text.find(x["date_text"], x["start"], x["end"] + len(x["date_text"]))
    if k < 0:
        return []
    p = k + len(x["date_text"])
    line_end = text.find("\n", p)
    line_end = len(text) if line_end < 0 else line_end
    tab = text.find("\t", p, line_end)
    before = text[text.rfind("\n", 0, k) + 1:k]
    if tab < 0 or before.strip(" \u3000") and not before.endswith("\t"):
        return []           # not a table row whose cell the day opens
    out = []
    for m in CLOCK_RE.finditer(text, tab, line_end):
        at = m.start("part") if m.group("part") else m.start("h")
        if not (m.group("mi") or m.group("part")) or _RANGE_END.search(text, max(tab, at - 3), at):
            continue
        t = clock_time(m.group())
        if t:
            out.append({"date": x["date"], "start_date": None, "time": t, "date_text": text[at:m.end()],
                        "action": x["action"], "start": x["start"], "end": x["end"], "_kind": "row_clock"})
    return out


_RANGE_END = re.compile(r"[—\-－–~～至到]\s*$")
# a cell or line opening with a day number alone (D1 23日 / 24日 / 第2天 25日)
_BARE_DAY = re.compile(r"(?m)(?:^|\t)[ \u3000]*(?:[Dd][0-9]{1,2}|第[一二三四五六七八九十0-9]{1,2}天)?[ \u3000]*(?<![月0-9])(?P<d>[0-9]{1,2})日(?=[ \t\u3000]|$)")


def _day_in_month(ref: tuple, n: int) -> str | None:
    """Day ``n`` in the month of the dated day ``ref`` (or of a range's first day), the next month when
    ``n`` comes before it."""
    try:
        anchor = date.fromisoformat(ref[3] or ref[2])
        y, mth = anchor.year, anchor.month
        if n < anchor.day and not (ref[3] and n <= date.fromisoformat(ref[2]).day):
            y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
        return date(y, mth, n).isoformat()
    except ValueError:
        return None


def _clock_rows(doc: Document, start_of_body: int) -> list[dict]:
    """Proposals (the deadline model decides): a line or table cell that opens with a clock time and
    prints no date of its own (``7:35 集合``, ``下午2:30 开幕式``), dated by the nearest day above it — the
    rows of a programme or a timetable."""
    text = doc.text
    days = sorted((sp.start, sp.end, sp.normalized["date"], sp.normalized.get("start_date"), True) for sp in doc.entities
                  if sp.label == "DATE" and (sp.normalized or {}).get("date")
                  and (sp.normalized or {}).get("granularity") in ("day", "range"))
    if not days:
        return []
    # a table's day column without its month (D1 23日, 24日): the month of the nearest dated day above
    marks = []
    day_starts = [d[0] for d in days]
    for m in _BARE_DAY.finditer(text, start_of_body):
        i = bisect.bisect_left(day_starts, m.start()) - 1
        if i >= 0 and m.start() - days[i][0] <= 3000:
            day = _day_in_month(days[i], int(m.group("d")))
            if day:
                marks.append((m.start(), m.end(), day, None, False))
    if marks:
        days = sorted(days + marks)
    starts = [d[0] for d in days]
    out = []
    for m in CLOCK_RE.finditer(text, start_of_body):
        at = m.start("part") if m.group("part") else m.start("h")     # (the pattern admits white space first)
        line_start = text.rfind("\n", 0, at) + 1
        prefix = text[line_start:at]
        if len(prefix.strip()) > 6 or _RANGE_END.search(prefix) or in_signature(doc, m.start()):
            continue
        if not (m.group("mi") or m.group("part")):
            continue            # 3点 alone is too often a count (第3点) to open a timetable row
        i = bisect.bisect_left(starts, at) - 1
        if i < 0 or at - days[i][0] > 1500:
            continue
        if days[i][1] >= line_start and days[i][4]:
            continue            # the line has a date of its own: the date's rule has read it
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        action = text[m.end():line_end].strip(" \t:：，,、")
        action = re.sub(r"^[—\-－–~～至到]\s*" + CLOCK_RE.pattern, "", action).strip(" \t:：，,、")
        if len(action) < 2:
            continue
        out.append({"date": days[i][2], "start_date": None, "time": clock_time(m.group()), "date_text": text[at:m.end()],
                    "action": action[:160], "start": line_start, "end": line_end, "_kind": "clock"})
    return out
