"""Structure: recover the GB/T 9704 parts of a notice from the cleaned text.

Fills ``Document.info`` (title, doc_type, doc_number, issuers, recipients, cc, signed_date,
published_date, index_number, attachments, note) and ``Document.sections`` (the heading tree
一、（一）1.（1） and 第X章/第X条, plus the paragraphs under them).

Works on lines first (the common case), and falls back to patterns inside a line for run-on OCR text
where the header, title and recipients share one line.
"""
from __future__ import annotations

import html
import re
from datetime import date
from functools import lru_cache

from ..core.document import Document, SectionNode
from ..rules.gazetteer import gazetteer
from ..rules.lexicon import DOC_TYPES, name_endings, org_suffix_alternation, word_list
from ..text.normalize import COMPACT_DATE_RE, DOTTED_DATE_RE, find_doc_numbers, parse_date_text, squeeze
from .clean import _MARKER, _RANK

_DOC_TYPE_ALT = "|".join(DOC_TYPES)
# a site's menu label made of 文种 words only (通知公告, 公示公告): never a title
_ONLY_DOC_TYPES = re.compile(rf"(?:(?:{_DOC_TYPE_ALT}|公示|动态)[、·\s]*){{2,}}")
def _is_menu(t: str) -> bool:
    """A site's menu line (首页 | 学校概况 | 通知公告): never a title."""
    return t.count("|") + t.count("｜") >= 2


_TITLE_END = re.compile(rf"(?:{_DOC_TYPE_ALT})[》」]?$")
_ORG_END = re.compile(rf"(?:{org_suffix_alternation()})$")
_ORG_LINE = re.compile(rf"[\u4e00-\u9fff（）()]{{2,40}}(?:{org_suffix_alternation()})")
_FULL_DATE = re.compile(
    r"(?:(?:19|20|１９|２０)[0-9０-９]{2}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日"
    r"|(?=[〇○零OＯ0０]*[一二三四五六七八九])[〇○零OＯ0０一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月"
    r"\s*[一二三四五六七八九十]{1,3}\s*日)")
_ATTACH_LIST = re.compile(r"附\s*件\s*[:：]\s*(.*)")
_ATTACH_HEAD = re.compile(r"附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?")
_ITEM = re.compile(r"(?<![0-9０-９])([0-9０-９]{1,2})\s*[.．、]\s*(?=\S)")
_NOTE = re.compile(r"[（(]\s*此\s*件.{1,20}[）)]")


def _lines(doc: Document) -> list[tuple[int, int, str]]:
    return [(b.start, b.end, doc.text[b.start:b.end]) for b in doc.blocks]


# a signature at the end of a run-on last line, set off by wide spacing: …如有变动将另行通知。   德育处  教学处   2023年7月4日
_TAIL_SIGN = re.compile(r"[ \t\u3000]{3,}([^\s\d，。；：:,]{2,20}(?:[ \t\u3000]+[^\s\d，。；：:,]{2,20}){0,3})[ \t\u3000]+"
                        r"((?:19|20)\d{2}\s*年[^。\n]{3,12}日)\s*$")
_ONE_LINE_SIGN = re.compile(r"([^\s\d，。；：:,]{2,40}?)[ \t\u3000]+((?:19|20)\d{2}\s*年.{3,12}日)")


_MONTH_DAY_LINE = re.compile(r"([0-9]{1,2})月([0-9]{1,2})日")


def _nearest_day(pub: str, month: int, day: int) -> str | None:
    """``month``/``day`` in the year that puts it nearest to ``pub`` (ISO): a notice signed in late
    December and posted in January belongs to the year before; one posted two days early, to the same."""
    p = date.fromisoformat(pub)      # (pub comes from _meta_date: a valid ISO day)
    days = []
    for y in (p.year - 1, p.year, p.year + 1):
        try:
            days.append(date(y, month, day))
        except ValueError:
            pass        # 2月29日 outside a leap year, 13月: no such day
    return min(days, key=lambda d: abs((d - p).days)).isoformat() if days else None


def is_date_line(t: str) -> bool:
    t = squeeze(t)
    return bool(_FULL_DATE.fullmatch(t) or COMPACT_DATE_RE.fullmatch(t) or DOTTED_DATE_RE.fullmatch(t))


@lru_cache(maxsize=1)
def _addressee_end() -> re.Pattern:
    return re.compile(rf"(?:{name_endings(*word_list('addressees.txt'))})[）)]?$")


_NOT_ADDRESSEE = re.compile(r"如下|现将|为了|为进一步|根据|按照|^现|^(?:主办|承办|协办|指导|支持|参赛|参加|报名|联系)")


def _addressees(items: list[str]) -> bool:
    """Whether the items of a line before a colon read as addressees (各区、县（市）教体局，市直学校): every
    item short, none prose, at least half ending in an addressee word (or opening with 各/全体)."""
    if not items or any(len(squeeze(i)) > 40 or _NOT_ADDRESSEE.search(squeeze(i)) for i in items):
        return False
    named = sum(bool(_addressee_end().search(squeeze(i)) or squeeze(i).startswith(("各", "全体"))) for i in items)
    return 2 * named >= len(items)


def _is_org_line(t: str) -> bool:
    s = squeeze(t)
    return len(s) <= 40 and bool(_ORG_LINE.fullmatch(s)) and not re.search(r"[，。；：:,]", s)


_SIGN_SPLIT = re.compile(r"\s*、\s*|[ \u3000]+")
_SIGN_STOP = re.compile(r"[，。；：:,.;!?！？0-9０-９]")


@lru_cache(maxsize=1)
def _sign_part() -> re.Pattern:
    """One name in a signature line: any organization ending (offices, groups, committees: 教科室, 德育处,
    团委, 年管会) or a school (X县一中)."""
    return re.compile(rf"[\u4e00-\u9fff（）()]{{0,38}}(?:{name_endings()}|[一二三四五六七八九十]{{1,2}}中)")


def _signature_names(t: str) -> list[str]:
    """The issuers a line right above the signed date prints: one organ (letter-spaced or not) or several
    names separated by 、 or spaces (德育处、团委); [] when the line is not a signature."""
    s = t.strip()
    if not s or len(s) > 60 or _SIGN_STOP.search(s):
        return []
    wide = [p for p in re.split(r"[ \t\u3000]{2,}", s) if p]
    if len(wide) > 1 and all(len(p) >= 2 and _sign_part().fullmatch(p) for p in wide):
        return wide         # 德育处  教学处: names set apart by wide spacing (letter-spacing uses one space)
    spaced = s.split()
    if len(spaced) > 1 and all(len(p) >= 3 and _sign_part().fullmatch(p) for p in spaced):
        return spaced       # 德育处 教学处: whole names set apart by one space (letter-spacing splits single characters)
    if _is_org_line(s):
        return [squeeze(s)]
    parts = [p for p in _SIGN_SPLIT.split(s) if p]
    if parts and all(len(p) >= 2 and _sign_part().fullmatch(p) for p in parts):
        return parts
    return []


def split_top_level(s: str, seps: str = "，,；;") -> list[str]:
    """Split at separators outside brackets; drop a trailing colon and empty items."""
    out, depth, cur = [], 0, []
    for c in s:
        if c in "（([〔【《":
            depth += 1
        elif c in "）)]〕】》":
            depth = max(0, depth - 1)
        if c in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return [x.strip().rstrip("：:。").strip() for x in out if x.strip().rstrip("：:。").strip()]


# a site's tag or column label before a heading: 【通知转发】, 【纪检部】, 警示教育 |
_SITE_TAG = re.compile(r"^(?:【[^【】]{1,10}】|[（(]转(?:发|载)?[）)]|[\u4e00-\u9fff]{2,8}\s*[|｜]\s*)+")
# a site's note after a heading that the page was edited or uploaded again: （有修改）, （红字部分有修改）, (1)
_EDIT_MARK = re.compile(r"(?:[（(][^（()）]{0,8}(?:有修改|已修改|有更新|已更新|修订版)[）)]|[（(][0-9][）)])$")
# (one organ, or joint issuers set apart by spaces or 、 on one title line: 某县教育局　某县人民政府教育督导委员会办公室)
_ISSUER_ONE = r"[\u4e00-\u9fff（）()]{2,30}(?:局|厅|部|委|办公室|办公厅|政府|委员会|中心|院|学校|中学|小学|幼儿园|党组|党委|工委)"
_ISSUER_LINE = re.compile(rf"^{_ISSUER_ONE}(?:[ \u3000、]+{_ISSUER_ONE})*$")


def _continues_title(above: str, title: str) -> bool:
    """Is the line above the first line of a title printed over two or more lines?

    ``关于…`` / ``X关于…`` without a 文种 of its own (the title goes on below), or an issuer alone on the
    line right above ``关于…`` (GB/T 9704 prints long issuers on their own title line)."""
    if not above or re.search(r"[。；;：:]", above) or len(above) > 60 or _TITLE_END.search(above):
        return False
    if "关于" in above and "关于" not in title:
        return True
    if title.startswith("关于") and _ISSUER_LINE.fullmatch(above) and not above.endswith("文件"):
        return True
    # a school or unit line above a plan title (苏州市某中学 / 2025学年德育工作计划)
    return bool(_ISSUER_LINE.fullmatch(above)) and bool(re.match(r"(?:19|20)\d{2}", title))


def _clean_issuer(s: str) -> str:
    """An issuer taken from a heading: without 转发：, a leading document number and its dash."""
    s = re.sub(r"^(?:转发|转)[:：]?", "", s).lstrip("《“\"「")
    nums = find_doc_numbers(s, 0, min(len(s), 40))
    if nums and nums[0][0] == 0:
        s = s[nums[0][1]:].lstrip("-—－ ")
    return s


_ORGAN_TAIL = re.compile(r"(?:委员会|人民政府|政府|办公厅|办公室|教育厅|教育局|财政厅|财政局|厅|局|部|委|司|署|院|中心|联盟)")


@lru_cache(maxsize=1)
def _central_organs() -> tuple[str, ...]:
    return word_list("central_organs.txt")


def split_joint_issuers(s: str) -> list[str]:
    """Joint issuers printed on one line: 省教育厅省财政厅 → 省教育厅, 省财政厅; 中共X委员会X局 → two.

    A split is made after an organ ending when what follows opens like a new organ (a place, 中共, 省/市/县)."""
    gz = gazetteer()
    out, start = [], 0
    for m in _ORGAN_TAIL.finditer(s):
        rest = s[m.end():]
        if len(rest) < 3 or m.end() - start < 3:
            continue
        opens = (re.match(r"(?:中共|国家|省|市|县|区|自治区)", rest) or any(a == 0 for a, _, _ in gz.find(rest[:12]))
                 or rest.startswith(_central_organs()))
        if opens and _ORGAN_TAIL.search(rest):
            out.append(s[start:m.end()])
            start = m.end()
    out.append(s[start:])
    return [x for x in out if x]


def _title_from(t: str) -> str | None:
    """A title at the start of a (possibly run-on) line."""
    nums = find_doc_numbers(t, 0, min(len(t), 60))
    if nums:
        t = t[nums[0][1]:]
    m = re.match(rf"([^。：:；]{{2,100}}?关于[^。：:；]{{2,160}}?的(?:{_DOC_TYPE_ALT}))", t)
    if m:
        return m.group(1)
    m = re.match(rf"([^。：:；，,]{{4,60}}?(?:{_DOC_TYPE_ALT}))(?=目\s*录)", t)
    if m:
        return m.group(1)
    return None


def _header(doc: Document, lines: list[tuple[int, int, str]], info: dict) -> int:
    """Title, doc_type, doc_number, recipients. Returns the index of the first body line."""
    title, title_idx, title_end = None, -1, 0
    for idx, (s, e, t) in enumerate(lines[:15]):
        tt = t.strip()
        if len(tt) <= 120 and _TITLE_END.search(tt) and not tt.startswith(("各", "附件", "《")) and not _MARKER.match(tt) \
                and not re.search(r"[。；]", tt) and ("关于" in tt or idx < 6 or _continues_title(lines[idx - 1][2].strip(), tt)) \
                and not _ONLY_DOC_TYPES.fullmatch(tt) and not _is_menu(tt):
            parts = [tt]
            j = idx
            # a title broken over lines: join while brackets are unbalanced or the line above
            # opens with 关于
            while j > 0 and (sum(p.count("《") for p in parts) < sum(p.count("》") for p in parts)
                             or _continues_title(lines[j - 1][2].strip(), "".join(parts))):
                j -= 1
                parts.insert(0, lines[j][2].strip())
            # …and downwards while a 《 it opened is not closed (关于印发《某方案 / （2026—2028年）》的通知):
            # the line ends with a 文种 word, but that is the cited plan's, not the title's
            k = idx
            while "".join(parts).count("《") > "".join(parts).count("》") and k + 1 < min(len(lines), idx + 3):
                nxt = lines[k + 1][2].strip()
                if not nxt or len(nxt) > 80 or re.search(r"[。；：:]", nxt):
                    break
                k += 1
                parts.append(nxt)
            if k > idx and not _TITLE_END.search(parts[-1]):
                parts, k = parts[:len(parts) - (k - idx)], idx
            title = "".join(parts)
            title_idx, title_end = k, lines[k][1]
            break
        if (len(tt) > 120 or idx == 0) and not _is_menu(tt):
            cand = _title_from(tt)
            if cand and not _ONLY_DOC_TYPES.fullmatch(cand):
                title, title_idx = cand, idx
                title_end = s + (len(t) - len(t.lstrip())) + tt.find(cand) + len(cand) if cand in tt else e
                break
    if doc.meta.get("heading"):
        # the page's own article heading (HTML), when it opens the text, beats a title guessed later
        want = squeeze(doc.meta["heading"])
        for idx, (s, e, t) in enumerate(lines[:3]):
            if squeeze(t) == want and (title is None or title_idx > idx):
                title, title_idx, title_end = t.strip(), idx, e
                break
    if title:
        nums = find_doc_numbers(title, 0, min(len(title), 40))
        if nums and nums[0][0] == 0:
            title = title[nums[0][1]:]
        # a page that escaped its entities twice prints them (某市人事局&nbsp;某市教育局): the title is a
        # value, not a span, so it is given as read
        title = html.unescape(html.unescape(title)).replace("\xa0", " ")
        title = _EDIT_MARK.sub("", _SITE_TAG.sub("", squeeze(title))) or None
    info["title"] = title
    m = re.search(rf"({_DOC_TYPE_ALT})[》」]?$", title or "")
    info["doc_type"] = m.group(1) if m else None
    if info["doc_type"] is None and re.search(r"转发给你们|印发给你们|通知如下|特此通知|现通知", doc.text[:3000]):
        info["doc_type"] = "通知"  # an untitled notice still names its 文种 in its fixed formulas

    # doc number: in the header, before the title or within two lines after it
    zone_end = title_end
    if title_idx >= 0:
        # the two lines after the title, or further past the 版头's issuer lines that a page prints
        # between its heading and the number
        other = False
        for n, (s, e, t) in enumerate(lines[title_idx + 1:title_idx + 6]):
            if n >= 2 and other:
                break
            if find_doc_numbers(t) and len(t) < 40:
                zone_end = e
            elif not (_is_org_line(t.strip()) or _ISSUER_LINE.fullmatch(t.strip())):
                other = True
    else:
        zone_end = lines[min(2, len(lines) - 1)][1] if lines else 0
    # (a number in brackets right after a cited 《…》 is the cited document's, never the notice's own)
    head_nums = [x for x in find_doc_numbers(doc.text, 0, zone_end)
                 if not re.search(r"》\s*[（(〔]?\s*$", doc.text[max(0, x[0] - 3):x[0]])]
    own = head_nums[0] if head_nums else None
    if own is None and doc.meta.get("doc_number"):
        found = find_doc_numbers(doc.meta["doc_number"])
        if found:
            info["doc_number"] = _number_info(found[0][2], None, None)
    if own:
        s, e, p = own
        info["doc_number"] = _number_info(p, s, e)
    info.setdefault("doc_number", None)

    # recipients: first line after the title ending with a colon (or opening with 各), else the
    # run-on text after the title up to the first colon
    body_idx = title_idx + 1 if title_idx >= 0 else 0
    recipients: list[str] = []
    rest = doc.text[title_end:lines[title_idx][1]] if title_idx >= 0 else ""
    if rest.strip() and title_idx >= 0:
        m = re.match(r"\s*([^。]{2,200}?)[:：]", rest)
        if m and not re.search(r"\d", m.group(1)[:2]):
            recipients = split_top_level(m.group(1))
            info["recipients_span"] = (title_end + m.start(1), title_end + m.end(1))
    if not recipients:
        for k in range(body_idx, min(body_idx + 4, len(lines))):
            s, e, t = lines[k]
            tt = t.strip()
            if find_doc_numbers(tt) and len(tt) < 40 or _is_org_line(tt):
                continue
            if _ATTACH_LIST.match(tt):
                body_idx = k + 1     # a page's linked files under its heading: not the body
                continue
            if len(tt) < 200 and (re.search(r"[:：]$", tt) or tt.startswith("各") and "。" not in tt):
                items = split_top_level(tt)
                if _addressees(items):
                    recipients = items
                    info["recipients_span"] = (s, e)
                    body_idx = k + 1
                    break
            # a salutation run into the first paragraph: 各位教工：为了进一步…
            m = re.match(r"\s*([^。：:]{2,60}?)[:：](?=.)", t)
            if m and _addressees(split_top_level(m.group(1))):
                recipients = split_top_level(m.group(1))
                info["recipients_span"] = (s + m.start(1), s + m.end(1))
                break
            # a reprinted notice's own heading (one or two lines) before its 主送 line
            if len(tt) < 60 and "。" not in tt and not re.search(r"[:：，,]", tt):
                continue
            break
    info["recipients"] = [squeeze(r) if len(squeeze(r)) < len(r) - 3 else r for r in recipients]
    return body_idx


_YEAR_MONTH_LINE = re.compile(r"(?:19|20)[0-9]{2}年[0-9]{1,2}月")
_AFTER_SIGNATURE = re.compile(r"\s*(?:附件|附\s*[:：]|附表)|[^，。；：:]{2,40}(?:表|名单|回执)\s*$")


def _undated_signature(lines: list[tuple[int, int, str]], start_idx: int) -> tuple[int, int, list[str]] | None:
    """(first line, last line, names) of a signature printed without a full date, near the end of the notice:
    the last line is the year-and-month line when one follows the names."""
    n = len(lines)
    if n - start_idx < 2:
        return None
    cands = [k for k in range(max(start_idx + 1, n - 6), n - 1) if _YEAR_MONTH_LINE.fullmatch(squeeze(lines[k + 1][2]))]
    cands.append(n - 1)
    # the line before what follows the signature: a form, a list or an attachment (…征集表, 附：报名表)
    after = next((k for k in range(max(start_idx + 1, n - 40), n) if _AFTER_SIGNATURE.match(lines[k][2])), None)
    if after is not None:
        cands.append(after - 1)
    for k in cands:
        if k <= start_idx:
            continue
        names = _signature_names(lines[k][2])
        prev = lines[k - 1][2].rstrip()
        dated = k + 1 < n and _YEAR_MONTH_LINE.fullmatch(squeeze(lines[k + 1][2]))
        if names and (dated or prev.endswith(("。", "！", "!", "）", ")", "；"))):
            return k, k + 1 if dated else k, names
    return None


def _signature(doc: Document, lines: list[tuple[int, int, str]], start_idx: int, info: dict,
               inline_from: int = 0) -> tuple[int, int] | None:
    """Issuers and signed date from the 落款. Returns the line index where the signature starts."""
    gz = gazetteer()
    for idx in range(start_idx, len(lines)):
        s, e, t = lines[idx]
        short = _MONTH_DAY_LINE.fullmatch(squeeze(t))
        if short and idx > start_idx and sum(len(x[2]) for x in lines[idx + 1:]) < 400 \
                and (names := _signature_names(lines[idx - 1][2])):
            # 高三党支部 / 12月8日 at the end of the page: a signature whose date prints no year takes the
            # year of the page's publication date (the year before when the day would fall after it)
            pub = _meta_date(doc.meta.get("published_date"))
            info["issuers"] = names
            info["signed_date"] = _nearest_day(pub, int(short.group(1)), int(short.group(2))) if pub else None
            info["signature_span"] = (lines[idx - 1][0], e)
            return idx - 1, idx
        if not is_date_line(t):
            # the name and the date on one line, at the end: 纪检部 2021年11月25日
            one = _ONE_LINE_SIGN.fullmatch(t.strip()) or _TAIL_SIGN.search(t)
            if one and idx >= len(lines) - 3 and is_date_line(one.group(2)) and (names := _signature_names(one.group(1))):
                info["issuers"] = names
                info["signed_date"] = parse_date_text(one.group(2))
                info["signature_span"] = (s, e)
                return idx, idx
            continue
        orgs, j = [], idx - 1
        while j >= 0 and len(orgs) < 4 and (names := _signature_names(lines[j][2])):
            orgs[0:0] = names
            j -= 1
        if orgs:
            info["issuers"] = orgs
            info["signed_date"] = parse_date_text(t)
            info["signature_span"] = (lines[j + 1][0], e)
            return j + 1, idx
    # a signature whose date prints no day (某某委员会 / 2017年10月), or none at all: the organ alone on the
    # last line of the notice, or on the line before a form or an attachment printed after it
    tail = _undated_signature(lines, start_idx)
    if tail is not None:
        k, last, names = tail
        info["issuers"] = names
        info["signed_date"] = None
        info["signature_span"] = (lines[k][0], lines[last][1])
        return k, k
    # run-on text: "…。省某某局2021年8月16日…"
    for m in _FULL_DATE.finditer(doc.text, inline_from):
        left = doc.text[max(0, m.start() - 40):m.start()]
        run = re.search(r"[\u4e00-\u9fff（）()]+$", left)
        if not run:
            continue
        run_s = run.group()
        if not _ORG_END.search(run_s):
            continue
        # the organ starts at a place name inside the run, else right after a sentence end
        org = None
        for ps, pe, name in gz.find(run_s):
            cand = run_s[ps:]
            if _ORG_LINE.fullmatch(cand):
                org = cand
                break
        if org is None and len(run_s) <= 20 and left[:len(left) - len(run_s)].rstrip().endswith(("。", "）", ")")):
            org = run_s
        if org:
            info["issuers"] = [org]
            info["signed_date"] = parse_date_text(m.group())
            start = m.start() - len(org)
            info["signature_span"] = (start, m.end())
            for k, (s, e, t) in enumerate(lines):
                if s <= start < e + 1:
                    return k, k
            return None
    # no organ printed above the date: the first date standing alone on a line is still the 成文日期
    for idx in range(start_idx, len(lines)):
        if is_date_line(lines[idx][2]):
            info["signed_date"] = parse_date_text(lines[idx][2])
            info["signature_span"] = (lines[idx][0], lines[idx][1])
            return idx, idx
    return None


_UPLOADED_FILE = re.compile(r"\S{1,120}\.(?:docx?|pdf|wps|xlsx?|pptx?|ofd|rar|zip|et)", re.I)


# one numbered attachment a line, the label on each (附件1：教师操作手册 / 附件2课题申报汇总表.xls)
_ATTACH_LABELLED = re.compile(r"\s*附\s*件\s*[0-9０-９]{1,2}(?:\s*[:：、.．]\s*|\s+|(?=[^0-9０-９]))(?P<title>[^\s~～—\-－至到].*)")
# a crawled site's upload name: a title, then the upload's time stamp (初审简表202110251424317995.docx)
_UPLOAD_STAMP = re.compile(r"(?<=[^0-9])[0-9]{12,}\.[A-Za-z]{2,4}$")


def _labelled_attachments(lines, idx: int, end_idx: int) -> tuple[list[str], int] | None:
    """Attachments listed one a line, each with its own 附件N label, two at least (a lone 附件1：X is as
    often the heading of the attachment's own text)."""
    items, k = [], idx
    while k < end_idx:
        m = _ATTACH_LABELLED.fullmatch(lines[k][2].strip())
        if not m or len(m.group("title")) > 80:
            break
        # 附件1.pdf: an uploaded file named by its label only keeps the label
        items.append(lines[k][2].strip() if re.fullmatch(r"[A-Za-z]{2,4}", m.group("title")) else m.group("title"))
        k += 1
    return (items, k - 1) if len(items) >= 2 else None


def _upload_title(name: str) -> str:
    name = re.sub(r"^附\s*件\s*[0-9０-９]{1,2}\s*[:：、.．]?\s*(?=\S)", "", name)
    return _UPLOAD_STAMP.sub("", name) or name


def _attachments(lines, start_idx: int, end_idx: int, info: dict) -> tuple[int, int] | None:
    """The 附件 list of the notice: [{index, title}]. Returns its (first, last) line indexes."""
    for idx in range(start_idx, end_idx):
        s, e, t = lines[idx]
        labelled = _labelled_attachments(lines, idx, end_idx)
        if labelled:
            info["attachments"] = [{"index": i, "title": re.sub(r"^《(.*)》$", r"\1", _upload_title(x.strip()))}
                                   for i, x in enumerate(labelled[0], 1)]
            return idx, labelled[1]
        m = _ATTACH_LIST.search(t)
        if not m or (t[:m.start()].strip() and not t[:m.start()].rstrip().endswith(("。", "；"))
                     and not re.match(r"\s*[1１]\s*[.．、]", m.group(1))):
            continue
        items: list[str] = []
        items_are_uploads = False
        first = m.group(1).strip()
        last_idx = idx
        if first:
            parts = [p for p in _ITEM.split(first)]
            if len(parts) > 1:
                # "1.A2.B" run together, or "1.A" alone
                it = iter(parts[1:])
                items.extend(title for _, title in zip(it, it))
            else:
                items.append(first)
        for k in range(idx + 1, min(end_idx, idx + 20)):
            if _UPLOADED_FILE.fullmatch(lines[k][2].strip()):
                last_idx = k
                if not items or items_are_uploads:
                    # 附件： and only the site's uploaded files under it: they are the attachments
                    items.append(_upload_title(lines[k][2].strip()))
                    items_are_uploads = True
                continue        # the uploaded file of the item above (202511061657032546.xls): not an item
            if items_are_uploads:
                break
            mk = _ITEM.match(lines[k][2].strip())
            if not mk:
                break
            items.append(lines[k][2].strip()[mk.end():])
            last_idx = k
        sig = info.get("signature_span")
        out = []
        for i, title in enumerate(items, 1):
            if sig:
                org = (info.get("issuers") or [""])[0]
                if org and org in title:
                    title = title[:title.index(org)]
            title = re.sub(r"^《(.*)》$", r"\1", title.strip()).rstrip("。；;，, ")
            if title:
                out.append({"index": i, "title": title})
        info["attachments"] = out
        return idx, last_idx
    info["attachments"] = []
    return None


def _meta_date(value: str | None) -> str | None:
    return parse_date_text(value) if value else None


def _number_info(parsed: dict, start: int | None, end: int | None) -> dict:
    """``info["doc_number"]``: a parsed number of ``find_doc_numbers`` and where it is printed."""
    return {"text": parsed["text"], "agency": parsed["agency"], "year": parsed["year"], "serial": parsed["serial"],
            "start": start, "end": end}


# a heading that opens with its organ's name: 某市教育局关于…的通知
_ORGAN_HEADING = re.compile(r"([\u4e00-\u9fff（）()]{2,30}?)关于")


# a 主送 line: the addressees and a colon, alone on the line
_ADDRESSED = re.compile(r"([^。：:]{2,200})[:：]")


def _number_line(line: tuple[int, int, str]) -> dict | None:
    """``info["doc_number"]`` of a line that prints one document number and nothing else (a 发文字号 line)."""
    s, _, t = line
    nums = find_doc_numbers(t)
    if len(nums) == 1 and len(t.strip()) <= len(nums[0][2]["text"]) + 2:
        return _number_info(nums[0][2], s + nums[0][0], s + nums[0][1])
    return None


def _reprint_after_note(doc: Document, lines, body_idx: int, sig: tuple[int, int], info: dict) -> tuple[int, int] | None:
    """A covering note signed by the page's owner, then the notice it reprints in full — its heading, its
    number, its 主送 line, its text and its own signature: the reprinted notice is the document (GUIDELINES,
    *a page that reprints a notice under a covering note*), so its signature, number and recipients replace
    the note's. Returns the reprinted notice's signature (line indexes), None when there is no reprint."""
    first = sig[1] + 1
    if sig[0] - body_idx > 20:
        return None   # a long notice signed, then something after it: its attachment (a letter, a form), not a reprint
    for k in range(first, min(len(lines), first + 6)):
        t = lines[k][2].strip()
        addressed = _ADDRESSED.fullmatch(t)
        if not addressed or not _addressees(split_top_level(addressed.group(1))):
            continue
        head = [lines[j][2].strip() for j in range(first, k)]
        if not head or not any(_TITLE_END.search(h) or _TITLE_END.search(h + nxt) for h, nxt in zip(head, head[1:] + [""])):
            return None   # no heading of its own before the 主送 line: the note's text goes on
        if any(_ATTACH_HEAD.fullmatch(h) or re.match(r"附\s*件", h) for h in head):
            return None   # the notice's attachment (附件：致家长的一封信 …), not a reprinted notice
        # an organ's notice: its 版头 line, its number, or a heading that opens with its name
        # (or the heading of the very notice the page's title says it forwards: 转发X关于…的通知 over 关于…的通知)
        if not (_is_org_line(head[0]) or any(find_doc_numbers(h) and len(h) < 40 for h in head)
                or (m := _ORGAN_HEADING.match(head[0])) and _ORG_END.search(m.group(1))
                or _forwarded_heading(info.get("title"), "".join(head))):
            return None
        again: dict = {}
        found = _signature(doc, lines, k + 1, again)
        if found is None or not again.get("issuers"):
            return None
        info["issuers"], info["signed_date"] = again["issuers"], again.get("signed_date")
        info["note_signature_span"], info["signature_span"] = info.get("signature_span"), again["signature_span"]
        # (the recipients' span stays the note's: the body — the note's own tasks and dates included — starts there)
        info["recipients"] = split_top_level(addressed.group(1))
        if info.get("doc_number") is None:
            for j in range(first, k):
                num = _number_line(lines[j])
                if num is not None:
                    info["doc_number"] = num
        if info.get("doc_number") is None:
            # a reprint without a number line of its own: the number the note gives it (现将《H》（某〔2026〕1号）转发)
            heading = "".join(head)
            note_from, note_to = lines[body_idx][0], lines[sig[0]][0]
            at = doc.text.find("《" + heading + "》", note_from, note_to) if len(heading) >= 8 else -1
            if at >= 0:
                after = at + len(heading) + 2
                nums = find_doc_numbers(doc.text, after, min(len(doc.text), after + 30))
                if nums and nums[0][0] - after <= 2:
                    info["doc_number"] = _number_info(nums[0][2], nums[0][0], nums[0][1])
        return found
    return None


def _reprint_below_note(doc: Document, lines, body_idx: int, sig_idx: int, info: dict) -> None:
    """An unsigned covering note (现将…转发给你们), then the notice it forwards with its own number line,
    heading and 主送 line, signed at the end: the number and the recipients are the reprinted notice's
    (GUIDELINES, *a page that reprints a notice under a covering note*)."""
    for k in range(body_idx + 1, min(sig_idx, body_idx + 12)):
        num = _number_line(lines[k])
        if num is None:
            continue
        for j in range(k + 2, min(sig_idx, k + 5)):
            addressed = _ADDRESSED.fullmatch(lines[j][2].strip())
            if not addressed:
                continue
            head = "".join(lines[x][2].strip() for x in range(k + 1, j))
            if len(head) <= 120 and _TITLE_END.search(head) and _addressees(split_top_level(addressed.group(1))):
                info["doc_number"] = num
                info["recipients"] = split_top_level(addressed.group(1))
            return
        return


def _forwarded_heading(title: str | None, heading: str) -> bool:
    """Whether ``heading`` is the title of the notice that a 转发… page title forwards."""
    if not title or not re.match(r"转发|转", title):
        return False
    h = squeeze(heading)
    return len(h) >= 8 and squeeze(title).endswith(h) and _TITLE_END.search(h) is not None


def _note_signature(lines, body_idx: int, sig_idx: int) -> tuple[int, int] | None:
    """A covering note's own signature (a name line, then a date line) between the body's start and the
    signature found below it, within the note's first 20 lines; None when there is none."""
    for idx in range(body_idx + 1, min(sig_idx, body_idx + 21)):
        t = squeeze(lines[idx][2])
        if (_MONTH_DAY_LINE.fullmatch(t) or is_date_line(t)) and _signature_names(lines[idx - 1][2]):
            return idx - 1, idx
    return None


def _reprinted_issuer(lines, body_idx: int) -> list[str]:
    """The issuer of a notice a page reprints under its own heading (a covering note, then
    ``X局关于…的通知`` / ``各市直学校：`` / body), when the page has no signature of its own."""
    for k in range(body_idx, min(len(lines), body_idx + 40)):
        t = lines[k][2].strip()
        m = _ORGAN_HEADING.match(t)
        if not m or not _ORG_END.search(m.group(1)):
            continue
        head, after = t, k + 1
        if not _TITLE_END.search(head) and after < len(lines):
            head, after = head + lines[after][2].strip(), after + 1
        if len(head) > 120 or not _TITLE_END.search(head):
            continue
        for j in range(after, min(len(lines), after + 2)):
            addressed = re.match(r"\s*([^。：:]{2,80})[:：]\s*$", lines[j][2])
            if addressed and _addressees(split_top_level(addressed.group(1))):
                return [m.group(1)]
    return []


def structure(doc: Document) -> Document:
    info: dict = {}
    lines = _lines(doc)
    if not lines:
        info.update(title=None, doc_type=None, doc_number=None, issuers=[], recipients=[], cc=[], signed_date=None,
                    published_date=None, index_number=None, attachments=[], note=None)
        doc.info = info
        return doc
    body_idx = _header(doc, lines, info)
    sig = _signature(doc, lines, body_idx, info, inline_from=info.get("recipients_span", (0, 0))[1])
    if sig is not None and info.get("issuers"):
        note = _note_signature(lines, body_idx, sig[0])
        if note is not None:
            # the note's own short signature (某中学 / 6月28日) was passed over for the reprint's below it
            info["signature_span"] = (lines[note[0]][0], lines[note[1]][1])
            _reprint_after_note(doc, lines, body_idx, note, info)
        else:
            reprint = _reprint_after_note(doc, lines, body_idx, sig, info)
            if reprint is not None:
                sig = reprint       # the notice's text, and its attachments, run on to the reprint's signature
    if sig is not None and info.get("doc_number") is None:
        _reprint_below_note(doc, lines, body_idx, sig[0], info)
    sig_idx = sig[0] if sig else None
    info.setdefault("issuers", [])
    info.setdefault("signed_date", None)
    if not info["issuers"]:
        # header 版头 ("XX办公厅  文件" followed by joint issuers), then the title's own prefix
        for s, e, t in lines[:4]:
            m = re.fullmatch(r"(.{2,40}?)\s*文\s*件", t.strip())
            if m and _is_org_line(m.group(1)):
                info["issuers"] = [squeeze(m.group(1))]
                continue
            if info["issuers"] and _is_org_line(t) and not find_doc_numbers(t):
                info["issuers"].append(squeeze(t))
        if not info["issuers"] and info.get("title") and "关于" in info["title"]:
            prefix = info["title"].split("关于", 1)[0]
            if prefix and _ORG_END.search(prefix):
                info["issuers"] = [prefix]
        if not info["issuers"]:
            info["issuers"] = _reprinted_issuer(lines, body_idx)
        if not info["issuers"] and doc.meta.get("issuer"):
            info["issuers"] = [squeeze(doc.meta["issuer"])]
    info["issuers"] = [x for i in info["issuers"] for x in split_joint_issuers(_clean_issuer(i)) if x]
    if info["signed_date"] is None:
        info["signed_date"] = _meta_date(doc.meta.get("signed_date"))
    info["published_date"] = _meta_date(doc.meta.get("published_date"))
    info["index_number"] = squeeze(doc.meta["index_number"]) if doc.meta.get("index_number") else None

    # where the notice's own text ends and its attachments begin
    annex_idx = len(lines)
    search_from = sig_idx if sig_idx is not None else body_idx
    for k in range(search_from, len(lines)):
        t = lines[k][2].strip()
        if _ATTACH_HEAD.fullmatch(t) or re.fullmatch(r"附\s*件\s*[0-9０-９一二三四五六七八九十]+", t):
            nxt = lines[k + 1][2].strip() if k + 1 < len(lines) else ""
            if re.fullmatch(r"附\s*件\s*[:：]", t) and (_ITEM.match(nxt) or _UPLOADED_FILE.fullmatch(nxt)):
                continue        # 附件： over its numbered list (1.X / 2.Y) or its uploaded files: the list
            annex_idx = k
            break
        if sig is not None and k > sig[1] and len(t) <= 40 and not re.search(r"[，。；：:,]", t) \
                and not _MARKER.match(t) and not _NOTE.fullmatch(t) and k + 1 < len(lines) and (
                    _TITLE_END.search(t) or _TITLE_END.search(t + lines[k + 1][2].strip())):
            annex_idx = k
            break
    att = _attachments(lines, body_idx, annex_idx, info)

    cc: list[str] = []
    for s, e, t in lines:
        m = re.match(r"\s*抄\s*送\s*[:：]\s*(.+)", t)
        if m:
            cc = split_top_level(m.group(1), "，,；;、")
            break
    info["cc"] = cc
    note = None
    for s, e, t in lines[: annex_idx]:
        m = _NOTE.fullmatch(t.strip())
        if m:
            note = m.group()
            break
    info["note"] = note
    doc.info = info
    doc.sections = _sections(doc, lines, body_idx, annex_idx, att, sig)
    return doc


def reference_date(doc: Document) -> date | None:
    for key in ("signed_date", "published_date"):
        v = doc.info.get(key)
        if v:
            return date.fromisoformat(v)
    return None


def _heading_text(rest: str) -> tuple[str, int]:
    """Heading text after the marker and how many characters of ``rest`` it covers: up to the first 。
    (or ！？), else the whole line (corpus/GUIDELINES.md, sections)."""
    m = re.search(r"[。！？]", rest)
    if m:
        return rest[:m.start()].strip().rstrip("：:；;"), m.end()
    return rest.strip().rstrip("：:。；;"), len(rest)


def _sections(doc: Document, lines, body_idx: int, annex_idx: int, att, sig) -> list[SectionNode]:
    sig_idx = sig[0] if sig else None
    nodes: list[SectionNode] = []
    stack: list[tuple[int, SectionNode]] = []   # (rank, node)
    skip = set(range(att[0], att[1] + 1)) if att else set()
    closers = set()
    if sig_idx is not None:
        closers.add(sig_idx)
    if att:
        closers.add(att[0])
    counter = 0

    def new_id() -> str:
        nonlocal counter
        counter += 1
        return f"s{counter}"

    ends: dict[str, int] = {}

    def close(rank: int, pos: int) -> None:
        while stack and stack[-1][0] >= rank:
            _, node = stack.pop()
            ends[node.id] = pos

    for idx, (s, e, t) in enumerate(lines):
        if idx < body_idx:
            continue
        if idx in closers:
            close(-1 if idx == annex_idx else 0, s)
        if idx == annex_idx:
            close(-2, s)
            if _ATTACH_HEAD.match(t.strip()) and t.strip().startswith("附"):
                number = t.strip().rstrip("：:")
                title_line = lines[idx + 1][2].strip() if idx + 1 < len(lines) else ""
            else:
                number, title_line = None, t.strip()
                if not _TITLE_END.search(title_line) and idx + 1 < len(lines):
                    title_line += lines[idx + 1][2].strip()
            node = SectionNode(new_id(), None, 1, number, title_line if len(title_line) <= 60 else "", s, len(doc.text),
                               kind="attachment", body_start=e)
            nodes.append(node)
            stack.append((-1, node))
            continue
        if idx in skip or (sig is not None and sig[0] <= idx <= sig[1]):
            continue
        m = _MARKER.match(t)
        if m and m.start() == 0 and len(t) > m.end():
            kind = m.lastgroup
            rank = _RANK[kind]
            close(rank, s)
            heading, used = _heading_text(t[m.end():])
            parent = stack[-1][1] if stack else None
            node = SectionNode(new_id(), parent.id if parent else None, (parent.level + 1) if parent else 1,
                               m.group(), heading, s, len(doc.text), kind=kind,
                               body_start=s + m.end() + used)
            nodes.append(node)
            stack.append((rank, node))
            continue
        tt = t.strip()
        if len(tt) >= 15 and re.search(r"[。；，,]", tt):
            parent = stack[-1][1] if stack else None
            nodes.append(SectionNode(new_id(), parent.id if parent else None, (parent.level + 1) if parent else 1,
                                     None, "", s, e, kind="paragraph", body_start=s))
    close(-9, len(doc.text))
    for n in nodes:
        if n.id in ends:
            n.end = ends[n.id]
        # trailing newline is not part of the section
        while n.end > n.start and doc.text[n.end - 1] == "\n":
            n.end -= 1
    return nodes
