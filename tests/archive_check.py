"""What a saved web page itself says about its chrome, title and date, for checking the HTML backend.

These read the page independently of the backend: menu/footer texts are the link and block texts
inside elements the page marks as navigation, menus, sidebars, footers or link lists (by tag, class
or id); the title is the <title> minus the site name; the date is the page's 发布时间/发布日期 label.
"""
from __future__ import annotations

import re

import lxml.html

_CHROME = re.compile(r"nav|menu|side|foot|copyright|toplink|header|link|path|crumb|banner|login|search", re.I)


def chrome_texts(data: bytes) -> set[str]:
    """Texts printed only in the page's chrome (not also somewhere else on the page)."""
    root = lxml.html.document_fromstring(data)
    out: set[str] = set()
    chrome = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if el.tag in ("nav", "footer") or (attrs and _CHROME.search(attrs)):
            chrome.append(el)
            for a in el.iter("a", "li", "p", "span"):
                t = re.sub(r"\s+", "", a.text_content())
                if len(t) >= 2:
                    out.add(t)
    for el in chrome + list(root.iter("script", "style", "title")):
        if el.getparent() is not None:
            el.getparent().remove(el)
    rest = re.sub(r"\s+", "", root.text_content())
    return {t for t in out if t not in rest}


def page_title(data: bytes) -> str:
    """The <title> as a reader sees it (a page that escaped its entities twice shows &nbsp; or &#8226;:
    the reader sees a space or a bullet)."""
    import html

    root = lxml.html.document_fromstring(data)
    t = root.find(".//title")
    text = html.unescape(t.text_content()).replace("\xa0", " ") if t is not None else ""
    return re.sub(r"\s+", " ", text).strip()


def expected_published(data: bytes) -> str | None:
    text = lxml.html.document_fromstring(data).text_content()
    m = re.search(r"发布(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None
