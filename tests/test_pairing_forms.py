"""Pairing, task-table and signature forms added in issue 9's eighth round (made-up notices, not corpus text)."""
from extractor import extract_file, extract_text
from extractor.stages.relate.responsibilities import split_glued, split_units

SIGNATURE = "\n某某市教育局\n2025年9月1日\n"


def notice(body: str) -> str:
    return "某某市教育局关于开展城乡学校结对帮扶工作的通知\n各县（区）教育局：\n" + body + SIGNATURE


def pairs(rec) -> set[tuple[str, str]]:
    return {(p.supporter, p.recipient) for p in rec.pairings}


def test_lead_run_and_recipient_first_pairs():
    rec = extract_text(notice(
        "一、结对安排\n（一）初中。鸡西市第三中学领办密山市第二中学，领办学校派驻执行校长。"
        "虎林市第一中学由鸡西市第一中学主帮、鸡西市第五中学协帮。\n"
        "（二）小学。鸡西市实验小学对虎林市第二小学实施托管，托管期三年。\n"))
    got = pairs(rec)
    assert ("鸡西市第三中学", "密山市第二中学") in got
    assert ("鸡西市第一中学", "虎林市第一中学") in got and ("鸡西市第五中学", "虎林市第一中学") in got
    assert ("鸡西市实验小学", "虎林市第二小学") in got
    stage = {(p.supporter, p.recipient): p.stage for p in rec.pairings}
    assert stage[("鸡西市实验小学", "虎林市第二小学")] == "primary"


def test_core_school_and_member_lines():
    rec = extract_text(notice(
        "二、共同体名单\n（一）小学教共体\n鸡西市实验小学（融合型）：密山市第一小学、密山市第二小学\n"
        "（二）高中发展共同体\n以鸡西市第一中学为龙头校，虎林市第一中学、密山市第一中学为成员校，组建发展共同体，"
        "由市教师发展中心牵头指导。\n"))
    got = {(p.supporter, p.recipient): (p.lead, p.stage) for p in rec.pairings}
    assert got[("鸡西市实验小学", "密山市第一小学")] == (None, "primary")
    assert ("鸡西市实验小学", "密山市第二小学") in got
    assert got[("鸡西市第一中学", "虎林市第一中学")] == ("市教师发展中心", "high_school")
    assert ("鸡西市第一中学", "密山市第一中学") in got


def test_area_pairs_keep_their_city_and_a_tab_table_of_areas():
    rec = extract_text(notice(
        "一、县域结对\n哈尔滨市道里区对口支援延寿县；哈尔滨市南岗区对口支援木兰县。\n\n"
        "支援方\t受援方\t协作重点\n鸡冠区\t虎林市\t教师培训\n恒山区\t密山市\t课后服务\n滴道区\t鸡东县\t教研\n"))
    got = {(p.supporter, p.recipient): p.stage for p in rec.pairings}
    assert got.get(("哈尔滨市道里区", "延寿县")) == "county"
    assert got.get(("鸡冠区", "虎林市")) == "county"


HTML_TASKS = """<html><body><h1>某校2021年度工作要点</h1><table>
<tr><td colspan="5">某校2021年重点工作计划清单（共3项）</td></tr>
<tr><td>序号</td><td>子项目名称</td><td>完成时间</td><td>负责处室</td><td>配合处室</td></tr>
<tr><td>1</td><td>规范会议管理</td><td>2021年3月底前</td><td>党政办</td><td>各处室</td></tr>
<tr><td>2</td><td>优化值班管理</td><td>2021年7月底前</td><td>党政办 总务处</td><td>信息处</td></tr>
<tr><td>3</td><td>家长参与治理</td><td>2021年7月底前</td><td>德育处</td><td>教学处团委</td></tr>
</table></body></html>"""


def test_a_title_row_over_the_labels_and_the_charge_column_leads(tmp_path):
    page = tmp_path / "tasks.html"
    page.write_text(HTML_TASKS, "utf-8")
    rec = extract_file(page)
    table = rec.tables[0]
    assert table.columns[:4] == ["序号", "子项目名称", "完成时间", "负责处室"]
    got = [(r.units, r.lead_unit) for r in rec.responsibilities]
    assert (["党政办"], "党政办") in got                            # 各处室 is generic
    assert (["党政办", "总务处", "信息处"], None) in got            # two units in the charge cell: no one leads
    assert (["德育处", "教学处", "团委"], "德育处") in got


def test_glued_offices_and_units_that_are_no_units():
    assert split_glued("教学处教科室") == ["教学处", "教科室"]
    assert split_glued("各处室各支部") == ["各处室", "各支部"]
    assert split_glued("党政办公室") == ["党政办公室"]
    assert split_units("党政办 总务处 信息处") == ["党政办", "总务处", "信息处"]
    assert split_units("工 会") == ["工会"]
    assert [q for p in split_units("教学处团 委 各年段") for q in split_glued(p)] == ["教学处", "团委", "各年段"]
    rec = extract_text(notice("三、工作要求\n贵局负责做好学员遴选。三部门将联合开展抽查。"
                              "市教育局负责统筹推进，德育处、校办等部门做好配合。\n"))
    units = [u for r in rec.responsibilities for u in r.units]
    assert "贵局" not in units and "三部门" not in units
    assert "校办等部门" not in units


def test_a_signature_without_a_full_date_gives_the_issuers():
    rec = extract_text("关于评选优秀团员的通知\n各班团支部：\n请各班于6月26日前上传推荐名单。\n感谢各班团支部的配合！\n校团委\n")
    assert rec.document.issuers == ["校团委"] and rec.document.signed_date is None
    rec = extract_text("关于参加领导力体验营的通知\n一、活动时间\n11月10日至12日。\n附：报名表\n"
                       "共青团某某市第一中学委员会\n2017年10月\n")
    assert rec.document.issuers == ["共青团某某市第一中学委员会"] and rec.document.signed_date is None
