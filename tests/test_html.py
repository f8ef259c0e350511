"""HTML backend: main content, tables with rowspan/colspan, charset, published date; the archive sample."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from archive_check import chrome_texts, expected_published, page_title

from extractor.backends import load
from extractor.text.normalize import squeeze

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "archive-sample" / "html"

PAGE = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="PubDate" content="2024-03-05 09:30">
<title>某某市教育局关于开展学校结对帮扶工作的通知_通知公告_某某市教育局网站</title>
<script>var menu = "首页";</script><style>.nav{}</style></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/a">机构概况</a> | <a href="/b">政务公开</a> | <a href="/c">办事服务</a></div>
<div id="nav"><ul><li><a href="/1">通知公告</a></li><li><a href="/2">政策文件</a></li><li><a href="/3">工作动态</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/n">通知公告</a></div>
<div class="main">
 <div class="left"><h3>相关链接</h3><ul><li><a href="/x">关于做好春季开学工作的通知</a></li><li><a href="/y">教育局召开年度工作会议</a></li></ul></div>
 <div class="article">
  <h1 class="title">某某市教育局关于开展学校结对帮扶工作的通知</h1>
  <div class="info">来源：某某市教育局　发布时间：2024-03-05　浏览次数：123</div>
  <div class="content">
   <p>各县（区）教育局：</p>
   <p>　　为促进城乡教育均衡发展，决定开展学校结对帮扶工作，现将有关事项通知如下：</p>
   <p>一、工作目标</p>
   <p>　　到2025年，结对学校教育质量明显提升。</p>
   <p>二、结对安排</p>
   <table border="1">
    <tr><td>序号</td><td>受援学校</td><td>支援学校</td><td>牵头单位</td></tr>
    <tr><td>1</td><td>某某县第一小学</td><td>某某市实验小学</td><td rowspan="3">某某市教育科学研究所</td></tr>
    <tr><td>2</td><td>某某县第二小学</td><td>某某市第三小学</td></tr>
    <tr><td>3</td><td>某某县第三小学<br>某某县第四小学</td><td>某某市第五小学</td></tr>
    <tr><td colspan="4">备注：结对期限三年</td></tr>
   </table>
   <p>某某市教育局</p>
   <p>2024年3月1日</p>
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
 </div>
</div>
<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a></p><p>版权所有：某某市教育局 备案号：某ICP备12345678号</p></div>
</body></html>"""


def test_html_page_main_content_table_and_metadata(tmp_path, pipeline):
    p = tmp_path / "notice.html"
    p.write_bytes(PAGE.encode("gb18030"))
    rec = pipeline.extract_file(p)
    assert rec.source.format == "html" and rec.source.encoding == "gb18030"
    assert rec.document.title == "某某市教育局关于开展学校结对帮扶工作的通知"
    assert rec.document.published_date == "2024-03-05"
    assert rec.document.signed_date == "2024-03-01"
    assert rec.text.startswith("某某市教育局关于开展学校结对帮扶工作的通知\n各县（区）教育局：")
    for chrome in ("机构概况", "政务公开", "当前位置", "相关链接", "教育局召开年度工作会议", "分享到", "网站地图", "版权所有",
                   "浏览次数", "var menu"):
        assert chrome not in rec.text, chrome
    t = rec.tables[0]
    assert t.layout == "html" and t.columns == ["序号", "受援学校", "支援学校", "牵头单位"]
    assert [(c.values[0].text if c.values else None, c.merged) for c in (r.cells[3] for r in t.rows[:3])] == \
        [("某某市教育科学研究所", False), ("某某市教育科学研究所", True), ("某某市教育科学研究所", True)]
    assert [v.text for v in t.rows[2].cells[1].values] == ["某某县第三小学", "某某县第四小学"]
    note = t.rows[3].cells
    assert note[0].values[0].text == "备注：结对期限三年" and all(c.merged for c in note[1:])
    assert len(rec.pairings) == 4
    assert {p.lead for p in rec.pairings} == {"某某市教育科学研究所"}


def test_html_charset_from_detection_when_undeclared(tmp_path):
    page = PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
    p = tmp_path / "nocharset.htm"
    p.write_bytes(page.encode("gb18030"))
    doc = load(p)
    assert "结对帮扶" in doc.raw_text


def _sample(n: int = 20) -> list[Path]:
    pages = sorted(ARCHIVE.glob("*.html"), key=lambda p: int(p.stem))
    step = max(1, len(pages) // n)
    return pages[::step][:n]


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="../shared/archive-sample is not present")
@pytest.mark.parametrize("page", _sample() if ARCHIVE.is_dir() else [], ids=lambda p: p.name)
def test_archive_sample_page(pipeline, page):
    """20 pages spread over the archive: the page's title, its 发布时间, and no text of its menus,
    sidebars or footers (texts printed only inside elements the page marks as chrome)."""
    raw = page.read_bytes()
    rec = pipeline.extract_file(page)
    assert rec.document.title, "no title"
    assert squeeze(rec.document.title) in squeeze(page_title(raw))
    assert rec.document.published_date == expected_published(raw)
    lines = {re.sub(r"\s+", "", ln) for ln in rec.text.split("\n")}
    leaked = chrome_texts(raw) & lines
    assert not leaked, leaked
    assert not re.search(r"当前位置|版权所有|Copyright|ICP备|点击数|进入后台编辑|打印正文|关闭窗口", rec.text)


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="../shared/archive-sample is not present")
def test_whole_archive_extracts_without_error(tmp_path):
    """The batch job over every page of the archive sample: no errors, one record per page."""
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "run", str(ARCHIVE), "--out", str(out), "-q",
                           "--workers", "2"], capture_output=True, text=True, timeout=900, cwd=ROOT)
    n = len(list(ARCHIVE.glob("*.html")))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"{n} extracted, 0 failed" in proc.stdout
    records = [json.loads(x) for x in (out / "records.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == n
    assert sum(1 for r in records if r["document"]["title"]) == n
