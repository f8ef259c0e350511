"""Relations: tables, pairings, responsibilities, deadlines, goals — on seeds and on small made-up notices."""
from collections import Counter

import pytest

from extractor import extract_text
from extractor.evaluation.scoring import Counts, _score_multiset, _tuple_key

SIGNATURE = "\n某某县教育局\n2016年8月4日\n"


def notice(body: str) -> str:
    return "某某县教育局关于开展结对帮扶工作的通知\n各乡镇中心校：\n" + body + SIGNATURE


# ------------------------------------------------------------------------------------------ tables

FLATTENED = """一、帮扶安排
北山大学帮扶淳安县、建德市，南湖学院帮扶桐庐县和学前教育，结对学校详见附件。
附件
结对帮扶学校名单
编号
受援学校
支援学校
牵头高校
1
淳安县第一小学
东城区实验小学
2
淳安县第二小学
东城区第三小学
西城区第五中学
北山大学
北山大学
3
建德市第一中学
西城区第二中学
4
桐庐县第一小学
东城区第一小学
南湖学院
5
桐庐县中心幼儿园
省直属机关
第一幼儿园"""


def test_flattened_table_rows_merged_cells_and_leads():
    rec = extract_text(notice(FLATTENED))
    assert len(rec.tables) == 1
    t = rec.tables[0]
    assert t.columns == ["编号", "受援学校", "支援学校", "牵头高校"] and t.layout == "flattened"
    assert [r.number for r in t.rows] == [1, 2, 3, 4, 5]
    # row 2: two supporters in one cell, the lead printed twice (page break) is one value
    assert [v.text for v in t.rows[1].cells[2].values] == ["东城区第三小学", "西城区第五中学"]
    assert [v.text for v in t.rows[1].cells[3].values] == ["北山大学"]
    # a name broken over two lines is one value whose span covers both lines
    v = t.rows[4].cells[2].values[0]
    assert v.text == "省直属机关第一幼儿园" and rec.text[v.start:v.end] == "省直属机关\n第一幼儿园"
    # the lead of row 3 comes from the merged cell above
    assert t.rows[2].cells[3].merged and t.rows[2].cells[3].values[0].text == "北山大学"

    pairs = {(p.supporter, p.recipient): p for p in rec.pairings}
    assert len(rec.pairings) == 6
    assert pairs[("西城区第五中学", "淳安县第二小学")].lead == "北山大学"
    assert pairs[("西城区第二中学", "建德市第一中学")].lead == "北山大学"
    assert pairs[("东城区第一小学", "桐庐县第一小学")].lead == "南湖学院"
    # kindergarten: the body gives 学前教育 to 南湖学院; the table's merged cell says the same
    assert pairs[("省直属机关第一幼儿园", "桐庐县中心幼儿园")].stage == "kindergarten"
    assert pairs[("省直属机关第一幼儿园", "桐庐县中心幼儿园")].lead == "南湖学院"
    # row 1 printed no lead: the body text says 北山大学 covers 甲县, and a warning says so
    assert pairs[("东城区实验小学", "淳安县第一小学")].lead == "北山大学"
    assert any("inferred from the body text" in w and "row(s) 1" in w for w in rec.warnings)
    # the coverage sentence itself is not a pairing
    assert not any(p.supporter in ("北山大学", "南湖学院") for p in rec.pairings)
    for p in rec.pairings:
        assert p.table == t.id and 0 <= p.start < p.end <= len(rec.text)


TAB_LAID = "（四）建立特殊教育的结对帮扶，具体安排表如下：\n\t帮扶牵头指导学校\n\t县级结对帮扶安排\n\n\t\n\t帮扶学校\n\t受援学校\n\n" \
           "\t甲市特殊教育学校\n\t乙县特殊教育学校\n\t丙县特殊教育学校\n\n\t\n\t丁县特殊教育学校\n\t戊县特殊教育学校\n\n" \
           "（五）县区结对。\n\t帮扶县区\n\t联系人及电话\n\t受援县区\n\n\t城东区\n\t\n\t北县\n\n\t城西区\n\t\n\t南县\n\n"


def test_tab_laid_tables_with_group_header_and_empty_cells():
    rec = extract_text(notice(TAB_LAID))
    assert [t.layout for t in rec.tables] == ["tab", "tab"]
    special, county = rec.tables
    assert special.columns == ["帮扶牵头指导学校", "帮扶学校", "受援学校"]
    assert special.rows[1].cells[0].merged
    got = [(p.supporter, p.recipient, p.lead, p.stage) for p in rec.pairings]
    assert got == [("乙县特殊教育学校", "丙县特殊教育学校", "甲市特殊教育学校", "special_education"),
                   ("丁县特殊教育学校", "戊县特殊教育学校", "甲市特殊教育学校", "special_education"),
                   ("城东区", "北县", None, "county"), ("城西区", "南县", None, "county")]


def test_prose_pairings():
    rec = extract_text(notice("一、结对安排\n由杭州市第一中学托管帮扶衢州市第二中学、衢州市第三中学。"
                              "温州市实验小学与丽水市松阳县实验小学结对。\n"))
    got = {(p.supporter, p.recipient) for p in rec.pairings}
    assert got == {("杭州市第一中学", "衢州市第二中学"), ("杭州市第一中学", "衢州市第三中学"),
                   ("温州市实验小学", "丽水市松阳县实验小学")}
    assert all(p.table is None for p in rec.pairings)


# -------------------------------------------------------------------------------- responsibilities

def test_responsibility_notes_and_lead_rules():
    body = ("一、主要任务\n（一）改善办学条件\n建成一批标准化学校。〔责任单位：县教育局、县财政局、县自然资源局。排名第一的为牵头单位，下同〕\n"
            "（二）加强教师培训\n开展全员培训。〔责任单位：县人社局、县教育局〕\n"
            "（三）强化资金保障\n加大投入。(省财政厅牵头，有关部门按职责分工负责)\n"
            "二、组织实施\n由县教育局牵头，县发展改革局、县妇联配合，制定工作方案。各地区、各部门要高度重视。"
            "我局将适时通报。县教育局、各学校要建立工作台账。地方政府可给予支持。\n")
    rec = extract_text(notice(body))
    got = [(r.units, r.lead_unit) for r in rec.responsibilities]
    assert got == [
        (["县教育局", "县财政局", "县自然资源局"], "县教育局"),
        (["县人社局", "县教育局"], "县人社局"),            # 下同: the first-named rule holds for later notes
        (["省财政厅"], "省财政厅"),
        (["县教育局", "县发展改革局", "县妇联"], "县教育局"),
        (["县教育局"], "县教育局"),                         # schools in the subject are left out
    ]
    assert rec.responsibilities[0].task == "改善办学条件"


def test_seed_004_actions_reported_once(records):
    rec = records["004_2df88d5aac5a8345"]
    notes = [r for r in rec.responsibilities if r.task.endswith("行动")]
    assert len(notes) == 8
    assert notes[0].units == ["县教育局", "县发展和改革局", "县财政局", "县自然资源和规划局", "县住房和城乡建设局"]
    assert notes[1].units == ["县教育局", "县妇联", "团县委"]
    assert all(r.lead_unit == "县教育局" for r in notes)
    targets = Counter((t.value, t.unit) for g in rec.goals if g.year == 2026 for t in g.targets)
    assert targets[(40, "名")] == 1 and targets[(5, "门")] == 1 and targets[(20, "节")] == 1


# --------------------------------------------------------------------------------------- deadlines

def test_deadline_rules():
    body = ("一、实施步骤\n1．启动阶段。8月中旬，启动结对帮扶工作。\n2．签约阶段。2016年9月底前，签订帮扶协议。\n"
            "3．深化阶段。2018年前，定期检查指导。\n二、工作要求\n请于9月15日前将方案报县教育局。"
            "报名截至11月3日下午5点。2016年秋季学期起，全面启动项目。到2018年，建成10所示范校。\n")
    rec = extract_text(notice(body))
    got = [(d.date, d.date_text) for d in rec.deadlines]
    assert got == [("2016-08-20", "8月中旬"), ("2016-09-30", "2016年9月底前"), ("2018-12-31", "2018年前"),
                   ("2016-09-15", "9月15日前"), ("2016-11-03", "11月3日下午5点")]
    assert rec.deadlines[3].action.startswith("将方案报县教育局")
    assert rec.deadlines[4].time == "17:00" and rec.deadlines[3].time is None


@pytest.mark.parametrize("mode", ["rules", "combined"])
def test_deadline_ranges_times_and_numerals(mode, monkeypatch):
    """A range gives date = its last day and start_date = its first; a clock time goes to ``time``; Chinese
    numerals, quarters and a day without 日 are read (JioNLP through normalize.time_span)."""
    monkeypatch.setenv("PE_DECIDE", mode)
    body = ("一、时间安排\n1．培训时间：11月2—4日，请于10月20日下午3点前报名。\n"
            "2．请各校于10月10前报送材料，二〇一六年九月下旬前完成验收。\n")
    rec = extract_text(notice(body))
    got = {(d.date, d.start_date, d.time) for d in rec.deadlines}
    assert ("2016-11-04", "2016-11-02", None) in got
    assert ("2016-10-20", None, "15:00") in got
    assert ("2016-10-10", None, None) in got
    assert ("2016-09-30", None, None) in got


def test_school_year_calendar():
    """A plan dated by school year: September–December are that year, January–August the next."""
    text = ("2025学年第一学期德育工作计划\n一、工作安排\n1．9月10日前，完成新生入学教育。\n2．1月15日前，完成期末评价。\n"
            "德育处\n")
    rec = extract_text(text)
    dates = {d.normalized["date"] for d in rec.entities if d.type == "DATE" and isinstance(d.normalized, dict)}
    assert "2025-09-10" in dates and "2026-01-15" in dates


def test_contacts_with_units_and_without_names():
    body = ("请于9月15日前报送。\n联系人：县教育局基础教育股 韦丽萍，联系电话：0771-5815198；传真：0771-5815199。\n"
            "联系电话：0771-5815000（县教育局办公室）\n报送邮箱：jyj@example.cn\n")
    rec = extract_text(notice(body))
    items = [c.model_dump() for c in rec.document.contacts]
    person = next(c for c in items if c["name"] == "韦丽萍")
    assert person["unit"] == "县教育局基础教育股" and person["phones"] == ["0771-5815198"]   # the fax is no phone
    assert any(c["name"] is None and c["phones"] == ["0771-5815000"] for c in items)
    assert any(c["name"] is None and c["emails"] == ["jyj@example.cn"] for c in items)
    assert not any("0771-5815199" in c["phones"] for c in items)


def test_seed_deadlines(records):
    dates = {d.date for d in records["003_ad0509e425ffc264"].deadlines}
    assert dates == {"2022-07-31", "2022-08-15"}
    dates = [d.date for d in records["001_87613898c2fa54f0"].deadlines]
    assert "2016-09-15" in dates and "2016-08-31" in dates and "2016-09-10" in dates


# ------------------------------------------------------------------------------------------- goals

def test_goals_and_targets():
    body = ("一、工作目标\n到2018年，建成10所示范校，培育不少于20名骨干教师，力争到2020年覆盖率达到95%。"
            "每学期至少开展2次联合教研。形成不少于5个优秀案例。\n")
    rec = extract_text(notice(body))
    got = [(g.year, [(t.value, t.unit) for t in g.targets]) for g in rec.goals]
    assert got == [(2018, [(10, "所"), (20, "名")]), (2020, [(95, "%")]), (2020, [(5, "个")])]


def test_experience_compilation_has_no_goals(records):
    rec = records["002_6f6fda71434bcdf0"]
    assert rec.document.doc_type == "汇编"
    assert rec.goals == [] and rec.deadlines == []


# ------------------------------------------------------------------------------------- evaluation

def test_relation_scoring_counts_duplicates():
    c = Counts()
    _score_multiset([("a", "b"), ("a", "b")], [("a", "b")], _tuple_key(str), c)
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)


@pytest.mark.parametrize("doc", ["000_48cafea73979d010", "001_87613898c2fa54f0", "004_2df88d5aac5a8345"])
def test_relation_spans_are_grounded(records, doc):
    rec = records[doc]
    for group in (rec.pairings, rec.responsibilities, rec.deadlines, rec.goals):
        for x in group:
            assert 0 <= x.start < x.end <= len(rec.text)
    for g in rec.goals:
        assert rec.text[g.start:g.end] == g.text


def test_heldout_set_extracts_and_scores(pipeline):
    """The former held-out notices (now dev: corpus/dev/notices/heldout-*) extract into valid records and every relation field is scored."""
    from conftest import CORPUS

    from extractor.evaluation.scoring import RELATIONS, evaluate

    recs = {p.stem: pipeline.extract_file(p) for p in sorted((CORPUS / "notices").glob("heldout-*.txt"))}
    assert len(recs) == 3
    rep = evaluate(recs, CORPUS / "gold")
    assert set(RELATIONS) <= set(rep.soft)
    assert all(rep.soft[f].docs == 3 for f in RELATIONS)
