"""Rules that read a notice's layout: contact lines, the 主送 line, signatures, timetables, targets and
school names (issue 9, session 3). Each case is invented text, not a corpus document; the rules run
with the models off (``PE_DECIDE=rules``) where a model would decide, so a retrained model cannot make
a case pass or fail."""
from __future__ import annotations

import pytest

from extractor import extract_text

HEAD = "关于开展工作的通知\n各学校：\n"
SIGN = "\n某某市教育局\n2025年10月22日\n"


def contacts(body: str) -> list[tuple]:
    r = extract_text(HEAD + body + SIGN)
    return [(c.name, c.unit, tuple(c.phones)) for c in r.document.contacts]


@pytest.mark.parametrize("body, expected", [
    # a unit before the name: the layout makes a person of a name without a Han surname
    ("联系人：省教育厅基础教育处 拉毛措，电话：0971-8230614；某某师范大学教师教育学院 何文斌，手机：13709785521\n",
     [("拉毛措", "省教育厅基础教育处", ("0971-8230614",)), ("何文斌", "某某师范大学教师教育学院", ("13709785521",))]),
    # a second contact on the next line, without a cue
    ("联系人：市教育局教师发展科 黄丽萍，电话：0779-3036125\n市教师发展中心 陈志强，手机：13877917263\n",
     [("黄丽萍", "市教育局教师发展科", ("0779-3036125",)), ("陈志强", "市教师发展中心", ("13877917263",))]),
    # two names of one unit sharing a phone
    ("区教体局装备中心 李宏伟、孙静，联系电话：0539-8312756\n",
     [("李宏伟", "区教体局装备中心", ("0539-8312756",)), ("孙静", "区教体局装备中心", ("0539-8312756",))]),
    # 请与X老师联系 with the phone after it
    ("请于9月13日前与梁边老师联系，联系电话：9294001。\n", [("梁边", None, ("9294001",))]),
    # the colon left out, a local number glued to the name
    ("材料报市教育教学研究院（联系人王玉，电话88979775）。\n邮发至a@b.cn（联系人：徐伟英88905982）。\n",
     [("王玉", "市教育教学研究院", ("88979775",)), ("徐伟英", None, ("88905982",))]),
    # a teacher and the number at once; a second item after a semicolon
    ("主会场：赵老师17757528797\n安全处陈老师，手机：18906858057；孟老师，手机：17757556827\n",
     [("赵老师", None, ("17757528797",)), ("陈老师", "安全处", ("18906858057",)), ("孟老师", None, ("17757556827",))]),
    # (ninth round) a unit and a colon open the line; a local number after a space; a name padded to three
    ("具体联系方式：\n德育处：蒋文涛 8213456\n市教育技术中心：吴  平，电话：0571-86012345。\n",
     [("蒋文涛", "德育处", ("8213456",)), ("吴平", "市教育技术中心", ("0571-86012345",))]),
    # a unit alone on the line over a block of contact lines gives every item of the block its unit
    ("八、联系方式\n某某省青少年科技教育协会秘书处\n邓　华　手机:13912345678\n电话:025-83561234\n",
     [("邓华", "某某省青少年科技教育协会秘书处", ("13912345678",)), (None, "某某省青少年科技教育协会秘书处", ("025-83561234",))]),
    # a full name with 老师 is the name; a local number in brackets; a short number; a bracketed unit
    ("联系人：冯晓东老师（86123457）。\n联系人：郑丽（校团委），短号：663421；钱永刚（物理教研组），电话：13857512345。\n",
     [("冯晓东", None, ("86123457",)), ("郑丽", "校团委", ("663421",)), ("钱永刚", None, ("13857512345",))]),
    # the unit glued to the name before 办公电话; 技术支持 in the article is not a site footer
    ("校内联系人：信息中心马建军，办公电话0571-86543210。\n平台技术支持（某某科技有限公司），电话：0571-86112233。\n",
     [("马建军", "信息中心", ("0571-86543210",)), (None, None, ("0571-86112233",))]),
    # the person materials are sent to, with the phone opening the next sentence; a unit before 联系人：
    (("材料寄至某某市教育科学研究院207室许文静老师收，地址：某路1号。联系电话：0571-86627315。\n"
     "某某市教育技术中心联系人：何海燕，联系电话：0571-85730573。\n"),
     [("许文静", "某某市教育科学研究院", ("0571-86627315",)), ("何海燕", "某某市教育技术中心", ("0571-85730573",))]),
    # (tenth round) unit + name + 老师 before the phone; a dotted name after its unit; a padded name after ；
    (("学校德育处严立新老师，联系电话：85338037。\n联系人：区教育局基础教育股 古丽娜·吐尔逊，联系电话：0902-2236518；"
     "网络信息中心 钱  坤，短号：661702\n"),
     [("严立新", "学校德育处", ("85338037",)), ("古丽娜吐尔逊", "区教育局基础教育股", ("0902-2236518",)),
      ("钱坤", "网络信息中心", ("661702",))]),
    # the unit printed with the person's numbers wins over the one where the name first stands
    ("材料上报至市教育技术中心周文斌老师。\n纸质材料请寄到台州市教育技术中心周文斌老师，联系电话：85730573。\n",
     [("周文斌", "台州市教育技术中心", ("85730573",))]),
    # a person materials are handed to, with no number, is no contact
    ("请于5月10日前将报名表交至校教科室（宋明辉老师）。\n", []),
])
def test_contact_layouts(body, expected):
    assert contacts(body) == expected


def test_a_person_without_a_number_is_a_contact_only_when_named_as_one():
    body = "课题负责人：平建树\n如有疑问请联系。联系人：王芳\n"
    assert [c[0] for c in contacts(body)] == ["王芳"]


def test_the_same_person_printed_twice_is_one_contact():
    body = "电话预约：王佩金：17757556831\n联系人：王佩金老师（17757556831）\n"
    assert contacts(body) == [("王佩金", None, ("17757556831",))]


def test_a_value_after_a_phone_label_is_not_a_name():
    got = contacts("值班电话：0575-88123456\n")
    assert got == [(None, None, ("0575-88123456",))]


@pytest.mark.parametrize("text, recipients", [
    ("关于公开招聘社团指导教师的通知\n学生社团是素质教育的平台，现面向全校公开招聘兼职教师，具体安排如下：\n一、招聘计划\n", []),
    ("关于干部学年考核评价的通知\n各位教工：为了进一步推进学校工作，学校将对干部进行考核评价。\n", ["各位教工"]),
    # a reprinted notice's own two-line heading before its 主送 line
    ("转发市教育局关于开展专项治理的通知\n某某市教育局关于开展市直学校\n专项治理工作的通知\n各市直学校，机关各处室、直属事业单位：\n为进一步加强…\n",
     ["各市直学校", "机关各处室、直属事业单位"]),
    ("关于举办活动的通知\n主办单位：某某市教育局\n", []),
])
def test_recipients_are_addressees(text, recipients):
    assert extract_text(text).document.recipients == recipients


@pytest.mark.parametrize("tail, issuers, signed", [
    ("纪检部 2021年11月25日\n", ["纪检部"], "2021-11-25"),
    ("某某中学安全处\n2022.11月8日\n", ["某某中学安全处"], "2022-11-08"),
    # at the end of a run-on last line, names set apart by wide spacing
    ("备注：以上安排如有变动将另行通知。        德育处  教学处          2023年7月4日\n", ["德育处", "教学处"], "2023-07-04"),
])
def test_signature_forms(tail, issuers, signed):
    r = extract_text("【纪检部】干事会议通知\n请纪检部成员于11月26日中午12:30到教室开会。\n" + tail)
    assert (r.document.issuers, r.document.signed_date) == (issuers, signed)


def test_issuer_of_a_reprinted_notice_under_a_covering_note():
    text = ("关于培训安排的通知\n接上级通知，培训安排如下，请报名的老师按时报到。\n"
            "某某市教育教学研究院办公室关于举办市直\n2019年心理健康教育教师培训的通知\n各市直属学校：\n根据年度工作计划，举办培训。\n")
    assert extract_text(text).document.issuers == ["某某市教育教学研究院办公室"]


def test_timed_rows_under_a_day_line_are_proposed():
    body = "三、日程安排\n11月6日\n8:30—9:00　开班仪式\n14:30—17:00　分组研讨\n11月7日\n8:30—11:30　现场观摩\n"
    rows = [(x["date"], x["time"]) for x in proposed("关于举办培训的通知\n各学校：\n" + body + SIGN) if x["_kind"] == "clock"]
    assert rows == [("2025-11-06", "08:30"), ("2025-11-06", "14:30"), ("2025-11-07", "08:30")]


def test_a_table_day_column_without_its_month_dates_the_rows():
    body = ("四、时间安排：2025年8月23日——2025年8月29日\n日期\t时间\t活动安排\n"
            "D1 23日\t上午\t7:10\t学生报到\n8:00-8:40\t开营仪式\nD2 24日\t上午\t7:10\t军事训练\n")
    rows = [(x["date"], x["time"]) for x in proposed("关于军训的通知\n各班级：\n" + body + SIGN) if x["_kind"] == "clock"]
    assert rows == [("2025-08-23", "07:10"), ("2025-08-23", "08:00"), ("2025-08-24", "07:10")]


@pytest.mark.parametrize("body, expected", [
    ("一、时间安排\n1.拟定于2025年11月中下旬开展比赛。\n", ("2025-11-30", "2025-11-11", None)),
    ("一、时间安排\n1.2025年12月上、中旬完成自查。\n", ("2025-12-20", "2025-12-01", None)),
    ("一、报名\n报名通道于10月30日24时关闭。\n", ("2025-10-30", None, "24:00")),
    ("一、报到\n教官于10月28日下午两点报到。\n", ("2025-10-28", None, "14:00")),
    ("一、日程\n10月28日中午1：10集合。\n", ("2025-10-28", None, "13:10")),
])
def test_date_and_time_forms(body, expected):
    # the deadline rules' proposals (which the deadline model then accepts or rejects)
    assert expected in [(x["date"], x["start_date"], x["time"]) for x in proposed("关于举办培训的通知\n各学校：\n" + body + SIGN)]


def proposed(text: str) -> list[dict]:
    from extractor.backends import load_bytes
    from extractor.core.pipeline import DEFAULT_STAGES
    from extractor.stages.relate.deadlines import deadlines as propose

    doc = load_bytes(text.encode(), path="x.txt")
    for _, stage, *_ in DEFAULT_STAGES[:6]:
        doc = stage(doc)
    return propose(doc)


def test_a_report_keeps_only_what_it_still_asks_for():
    text = ("某某区教育局关于作业管理专项督查情况的通报\n各学校：\n一、基本情况\n4月14日至25日，区教育局开展了督查。\n"
            "二、整改要求\n被点名的学校要于5月30日前将整改报告报送区教育局。\n某某区教育局\n2025年5月8日\n")
    assert [x["date"] for x in proposed(text)] == ["2025-05-30"]


def test_person_times_count_as_one_classifier(monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text("关于印发工作要点的通知\n各学校：\n一、工作目标\n2025年，资助困难学生不少于3000人次，培训乡村教师1200人次。\n" + SIGN)
    goal = r.goals[0]
    assert goal.year == 2025
    assert [(t.value, t.unit) for t in goal.targets][:2] == [(3000, "人次"), (1200, "人次")]


@pytest.mark.parametrize("text, school", [
    ("以黄冈中学、黄州区实验小学为重点打造示范校。", "黄冈中学"),
    ("请漳州第一中学做好考场编排。", "漳州第一中学"),
    ("诸暨中学\t10月27日\n", "诸暨中学"),
    ("发挥衡山镇中心学校的示范作用。", "衡山镇中心学校"),
])
def test_school_names_the_rules_find(text, school, monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text(HEAD + text + SIGN)
    assert school in {e.text for e in r.entities if e.type == "SCHOOL"}


def test_a_quantified_category_is_no_school(monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text(HEAD + "请考点学校和诸多学校做好准备，大部分学校已完成。" + SIGN)
    assert not {e.text for e in r.entities if e.type == "SCHOOL"}


@pytest.mark.parametrize("clause", ["根据上级部门要求，各支部要组织好活动。", "各支部要组织好主题党日活动。"])
def test_generic_and_run_on_subjects_are_no_units(clause, monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text("关于开展主题党日活动的通知\n各支部：\n一、活动要求\n" + clause + SIGN)
    assert [x.units for x in r.responsibilities] == []


def test_a_school_office_is_a_unit(monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text("某某中学结对帮扶工作方案\n四、职责分工\n（一）教科室负责联合教研和课题研究。\n（二）党政办负责统筹协调。\n" + SIGN)
    assert [x.units for x in r.responsibilities] == [["教科室"], ["党政办"]]


@pytest.mark.parametrize("body, phone", [
    ("活动咨询电话：400-605-6508（工作日）。\n", "4006056508"),
    ("可通过学员服务电话4008980910进行咨询。\n", "4008980910"),
    ("联系人：杨老师，联系电话：0571一88846782。\n", "0571-88846782"),
])
def test_phone_forms(body, phone):
    assert phone in [p for c in extract_text(HEAD + body + SIGN).document.contacts for p in c.phones]


def test_a_qq_address_typed_apart_is_one_address():
    r = extract_text(HEAD + "论文发送至邮箱：103936473 @qq.com。\n" + SIGN)
    assert [e for c in r.document.contacts for e in c.emails] == ["103936473@qq.com"]


# ---------------------------------------------------------------- issue 9, session 4 (rules, models off)

def test_a_unit_list_is_split_outside_brackets_only():
    from extractor.stages.relate.responsibilities import split_units

    assert split_units("市教体局人事科、市教育科学研究所、各县（市、区）教体局") == [
        "市教体局人事科", "市教育科学研究所", "各县（市、区）教体局"]
    assert split_units("市、县教育局和财政局") == ["市、县教育局", "财政局"]


@pytest.mark.parametrize("body, expected", [
    # a note with a bracketed level list inside it
    ("（一）建设智慧校园。（市教体局基础教育科牵头，各县（市、区）教体局配合）\n",
     [(["市教体局基础教育科", "各县（市、区）教体局"], "市教体局基础教育科")]),
    # 牵头 … 配合 without 由, the lead opening its clause
    ("（二）建设校园文化。各学校要打造长廊。县教育局基础教育股牵头，县教研室配合，每学期组织1次观摩。\n",
     [(["县教育局基础教育股", "县教研室"], "县教育局基础教育股")]),
    # (ninth round) a modal before 会同: the partner shares the task, and no one leads it
    ("（三）加强队伍建设。县教育局人事股要会同县人力资源和社会保障局做好教师招聘工作。\n",
     [(["县教育局人事股", "县人力资源和社会保障局"], None)]),
])
def test_lead_and_partner_notes(body, expected, monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text("某某县校园建设实施方案\n一、主要任务\n" + body + SIGN)
    assert [(x.units, x.lead_unit) for x in r.responsibilities] == expected


@pytest.mark.parametrize("unit, names, trimmed", [
    ("寒假期间市教育局", ["市教育局"], "市教育局"),          # a period before a decided name
    ("二各州市教育体育局", ["各州市教育体育局"], "各州市教育体育局"),   # a list mark
    ("市教育局基础教育科", ["市教育局"], "市教育局基础教育科"),  # an office of the organ: kept
    ("各县的报名人选由各县委组织部", [], "各县委组织部"),     # after the last preposition, an organ
])
def test_run_on_text_before_a_unit_is_trimmed(unit, names, trimmed):
    from extractor.stages.relate.responsibilities import _trim_unit

    assert _trim_unit(unit, sorted(names, key=len, reverse=True)) == trimmed


@pytest.mark.parametrize("unit", ["学生综合素质评价录入责任部门", "月下旬举行运动会责任部门", "人民政府", "任教学科", "主办"])
def test_labels_bare_organs_and_run_on_text_are_no_units(unit):
    from extractor.stages.relate.responsibilities import is_organ

    assert not is_organ(unit)


def test_joint_issuers_after_a_central_organ_are_split():
    from extractor.stages.structure import split_joint_issuers

    assert split_joint_issuers("教育部基础教育司公安部治安管理局") == ["教育部基础教育司", "公安部治安管理局"]
    assert split_joint_issuers("教育部办公厅") == ["教育部办公厅"]


@pytest.mark.parametrize("body, expected", [
    ("一、活动时间\n3月27日/28日第九节\n", ("2025-03-28", "2025-03-27")),   # either day: the span runs to the later
    ("一、时间地点\n11月10日/11日（周一/周二）会议室\n", ("2025-11-11", "2025-11-10")),
])
def test_alternative_days_read_as_a_range(body, expected):
    assert expected in [(x["date"], x["start_date"]) for x in proposed("关于开展活动的通知\n各支部：\n" + body +
                                                                      "\n某某中学党委\n2025年3月20日\n")]


def test_decimal_bounds_are_targets(monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text("关于印发实施方案的通知\n各学校：\n一、工作目标\n到2026年底，小学、初中校际差异系数分别不高于0.50和0.45。\n" + SIGN)
    assert [(t.value, t.unit) for g in r.goals for t in g.targets] == [(0.5, None), (0.45, None)]


def test_a_build_target_without_a_year_is_a_proposal(monkeypatch):
    """新增学位1800个: no year, no bound word. The rules alone do not emit it; it is a candidate the
    target scorer decides on."""
    from extractor.stages.relate.goals import goals as propose_goals

    text = "关于印发实施方案的通知\n各学校：\n二、主要任务\n1.改扩建县第二中学，新增学位1800个。\n" + SIGN
    monkeypatch.setenv("PE_DECIDE", "rules")
    assert [t for g in extract_text(text).goals for t in g.targets] == []
    from extractor.backends import load_bytes
    from extractor.core.pipeline import DEFAULT_STAGES

    doc = load_bytes(text.encode(), path="x.txt")
    for _, stage, *_ in DEFAULT_STAGES[:6]:
        doc = stage(doc)
    got = [(g.get("_kind"), [(t["value"], t["unit"]) for t in g["targets"]]) for g in propose_goals(doc)]
    assert ("build", [(1800, "个")]) in got


def test_pairs_printed_one_a_line_with_a_dash():
    text = ("某某市教育局关于做好东西部结对帮扶签约工作的通知\n各区教育局：\n一、结对名单\n"
            "1．甲市第一中学—乙县第三高级中学（牵头：甲市教育局）\n"
            "2．甲市实验小学、甲市东湖小学—乙县丙镇中心小学（牵头：甲市东湖区教育局）\n"
            "二、工作要求\n各区教育局要于5月9日前报送协议。\n某某市教育局\n2025年4月20日\n")
    got = [(p.supporter, p.recipient, p.lead) for p in extract_text(text).pairings]
    assert got == [("甲市第一中学", "乙县第三高级中学", "甲市教育局"),
                   ("甲市实验小学", "乙县丙镇中心小学", "甲市东湖区教育局"),
                   ("甲市东湖小学", "乙县丙镇中心小学", "甲市东湖区教育局")]


def test_a_tab_separated_table_with_a_county_column_and_an_empty_first_cell():
    body = ("附件\n结对安排表\n序号\t帮扶学校\t受援学校\t所在县（市、区）\t牵头单位\n"
            "1\t甲市第一小学\t乙县丙镇中心小学\t乙县\t甲市教育局\n"
            "2\t甲市第二小学\t乙县丁乡中心小学\t乙县\t甲市教育局\n"
            "\t甲市第三小学\t乙县戊乡中心小学\t乙县\t甲市教育局\n")
    rec = extract_text("关于开展城乡学校结对帮扶的通知\n各学校：\n" + body + SIGN)
    assert [len(t.rows) for t in rec.tables] == [3]
    assert [(p.supporter, p.recipient, p.lead) for p in rec.pairings][2] == ("甲市第三小学", "乙县戊乡中心小学", "甲市教育局")


def test_a_task_table_with_lead_and_partner_columns(monkeypatch):
    """牵头单位 and 配合单位 columns give one responsibility a row, led by the 牵头 cell (a proposal: the
    responsibility scorer decides; here the proposals themselves are checked)."""
    from extractor.backends import load_bytes
    from extractor.core.pipeline import DEFAULT_STAGES
    from extractor.stages.relate.responsibilities import responsibilities

    text = ("关于印发名师工作室建设分工方案的通知\n各县（区）教育局：\n附件\n任务分工\n"
            "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t制定管理办法\t教师工作科\t人事科、市教师发展中心\t2025年12月底前\n"
            "2\t组织年度考核\t市教师发展中心\t各县（市、区）教育局\t长期坚持\n" + SIGN)
    doc = load_bytes(text.encode(), path="x.txt")
    for _, stage, *_ in DEFAULT_STAGES[:7]:
        doc = stage(doc)
    got = [(x["units"], x["lead_unit"]) for x in responsibilities(doc) if x.get("_kind") == "table"]
    assert got == [(["教师工作科", "人事科", "市教师发展中心"], "教师工作科"),
                   (["市教师发展中心", "各县（市、区）教育局"], "市教师发展中心")]


def test_partners_after_a_jointly_verb_share_the_task(monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text("关于印发方案的通知\n各市：\n一、任务\n（一）省教育厅会同省财政厅对项目学校进行总结验收。\n"
                     "（二）成立领导小组，由省教育厅牵头，省发展改革委、省财政厅等部门参加，统筹推进工作。\n" + SIGN)
    assert [(x.units, x.lead_unit) for x in r.responsibilities] == [
        (["省教育厅", "省财政厅"], None), (["省教育厅", "省发展改革委", "省财政厅"], "省教育厅")]


def test_the_section_model_reads_the_enclosing_heading():
    from extractor.stages.classify import parent_heading, section_views

    doc = _annotated("关于印发方案的通知\n各市：\n三、保障措施\n1.建立台账。各地要建立工作台账。\n" + SIGN, upto=4)
    by_id = {n.id: n for n in doc.sections}
    node = next(n for n in doc.sections if n.heading.startswith("建立台账"))
    heading, body, parent = section_views(doc, node, parent_heading(by_id, node))
    assert parent == "保障措施" and body.startswith(heading) and "各地要建立工作台账" in body


# ---------------------------------------------------------------- issue 9, session 5 (invented text)

def _annotated(text: str, upto: int = 7):
    from extractor.backends import load_bytes
    from extractor.core.pipeline import DEFAULT_STAGES

    doc = load_bytes(text.encode(), path="x.txt")
    for _, stage, *_ in DEFAULT_STAGES[:upto]:
        doc = stage(doc)
    return doc


def pairs(text: str) -> set[tuple]:
    from extractor.stages.relate.pairings import pairings

    return {(p["supporter"], p["recipient"], p["lead"]) for p in pairings(_annotated(text))}


def test_pair_lines_with_role_tags_labels_and_a_heading_lead():
    text = ("关于开展城乡学校结对帮扶工作的通知\n各县（区）教育局：\n一、结对安排\n"
            "某某市第一高级中学（支援）——某某县第二高级中学（受援）（牵头：市教研室）\n"
            "交流学校：某某市实验小学→某某县东关镇中心小学\n"
            "（三）幼儿园结对（由市教育局学前教育科牵头指导）：\n1.某某市第一幼儿园——某某县城关镇中心幼儿园\n" + SIGN)
    got = pairs(text)
    assert ("某某市第一高级中学", "某某县第二高级中学", "市教研室") in got
    assert ("某某市实验小学", "某某县东关镇中心小学", None) in got
    assert ("某某市第一幼儿园", "某某县城关镇中心幼儿园", "市教育局学前教育科") in got


def test_respectively_pairs_and_an_alias_before_the_verb():
    text = ("关于开展托管帮扶工作的通知\n各学校：\n一、结对安排\n"
            "徐州市铜山区实验小学（以下简称“区实小”）托管帮扶铜山区棠张镇中心小学。"
            "赣州市蓉江高级中学、赣州市八境高级中学分别帮扶安远县三百山高级中学、石城县琴江高级中学。"
            "2026年起，由区实小托管帮扶铜山区汉王镇紫山小学。\n" + SIGN)
    got = {(a, b) for a, b, _ in pairs(text)}
    assert got == {("徐州市铜山区实验小学", "铜山区棠张镇中心小学"), ("赣州市蓉江高级中学", "安远县三百山高级中学"),
                   ("赣州市八境高级中学", "石城县琴江高级中学"), ("区实小", "铜山区汉王镇紫山小学")}


def test_a_table_of_leading_and_paired_schools_and_a_table_after_the_signature():
    text = ("关于开展结对帮扶工作的通知\n各学校：\n由牵头园（校）对结对园（校）实施帮扶，安排如下：\n"
            "片区\t牵头园（校）\t结对园（校）\t联系人\n城区片\t某某县第一幼儿园\t某某县寨河镇中心幼儿园\t胡某某 13837621458\n"
            "\t某某县第二幼儿园\t某某县文殊乡中心幼儿园\t程某 13598317726\n"
            "东片\t某某县实验小学\t某某县十里镇中心小学\t杨某某 15936284471\n" + SIGN +
            "附件1\n结对帮扶名单\n序号\t帮扶学校\t受援学校\t学段\n1\t某某市花果园第二小学\t某某县龙岗镇中心小学\t小学\n"
            "2\t某某市东山小学\t某某县洒坪镇中心小学\t小学\n3\t某某市溪北中学\t某某县九庄镇中学\t初中\n")
    got = pairs(text)
    assert ("某某县第一幼儿园", "某某县寨河镇中心幼儿园", "某某县第一幼儿园") in got
    assert ("某某县实验小学", "某某县十里镇中心小学", "某某县实验小学") in got
    # the attached list's rows are content: the cleaning keeps them, the tab table reads them
    assert ("某某市溪北中学", "某某县九庄镇中学", None) in got


@pytest.mark.parametrize("text, schools", [
    # jieba cuts 铜山区 as 铜|山区 and 卫城镇 as 卫|城镇: inside a place they are not category words
    ("徐州市铜山区张集中学与铜山区单集镇初级中学结对。", ["徐州市铜山区张集中学", "铜山区单集镇初级中学"]),
    ("贵阳市白云区泉湖小学与清镇市卫城镇中心小学结对。", ["贵阳市白云区泉湖小学", "清镇市卫城镇中心小学"]),
    ("贵阳市南明区筑新中学对口帮扶开阳县高寨乡九年一贯制学校。", ["贵阳市南明区筑新中学", "开阳县高寨乡九年一贯制学校"]),
    ("加强山区学校和城镇小学建设，创建新中学。", []),
    ("支持开阳县乡镇学校和清镇市城镇小学改善办学条件。", []),
    ("支持大同市城区学校改善办学条件。", []),
])
def test_school_names_whose_place_jieba_cuts(monkeypatch, text, schools):
    monkeypatch.setenv("PE_DECIDE", "rules")
    assert [e.text for e in extract_text(HEAD + text + SIGN).entities if e.type == "SCHOOL"] == schools


@pytest.mark.parametrize("tail, issuers, signed", [
    # a date without a year under the issuer at the end of the page: the publication date's year
    ("高三党支部\n12月8日\n", ["高三党支部"], "2009-12-08"),
    ("德育处 教学处\n2019年6月28日\n", ["德育处", "教学处"], "2019-06-28"),
    ("某某中学\n二0一一年四月二十二日\n", ["某某中学"], "2011-04-22"),
])
def test_more_signature_forms(tail, issuers, signed):
    html = ("<html><body><h1>支部会议通知</h1><p>发布时间：2009年12月14日</p><p>全体党员：</p>"
            "<p>定于今天下午召开支部会议，请准时参加。</p>" + "".join(f"<p>{x}</p>" for x in tail.split("\n") if x) +
            "</body></html>")
    from extractor import Pipeline

    r = Pipeline().extract_bytes(html.encode(), path="x.html", fmt="html")
    assert (r.document.issuers, r.document.signed_date) == (issuers, signed)


def test_month_ranges_and_a_long_dash_range():
    from datetime import date

    from extractor.text.normalize import find_date_spans, resolve_span

    def read(t):
        return [(m.group(), (resolve_span(m, date(2025, 2, 1)) or {}).get("start_date"),
                 (resolve_span(m, date(2025, 2, 1)) or {}).get("date")) for m in find_date_spans(t)]

    assert read("评审在3～5月举行") == [("3～5月", "2025-03-01", "2025-05-31")]
    assert read("评审在3-5月举行") == [("3-5月", "2025-03-01", "2025-05-31")]      # not March 5th
    assert read("2019年7月2日---2019年7月4日") == [("2019年7月2日---2019年7月4日", "2019-07-02", "2019-07-04")]
    assert read("5～3月") == [("5～3月", None, None)]                               # an end before the start


def test_several_times_in_one_timetable_cell_are_proposed():
    body = "三、日程\n日期\t时间\t内容\n7月3日\t上午7：45—8:20 8:30—10:50 11：00—11：40\t班级教育\n7月4日\t下午14：00—16：10\t讲座\n"
    rows = {(x["date"], x["time"]) for x in proposed("关于衔接教育的通知\n各班级：\n" + body + SIGN)}
    assert {("2025-07-03", "07:45"), ("2025-07-03", "08:30"), ("2025-07-03", "11:00")} <= rows
    assert ("2025-07-03", "08:20") not in rows          # the end of a range is no step of its own


def test_responsibility_clause_forms(monkeypatch):
    from extractor.stages.relate.responsibilities import responsibilities

    monkeypatch.setenv("PE_DECIDE", "rules")        # the rule components' names, not a model's

    text = ("关于跑操的实施方案\n各年级：\n一、组织\n1.跑操活动由校长室直接领导，学校安全处、教学处、德育处协调配合，总务处负责场地和器材。\n"
            "2.德育处协同学生会、值周班检查跑操情况。\n3.高校科研处以及区教科规划办应组织专家初审。\n" + SIGN)
    got = [(x["units"], x["lead_unit"], x.get("_kind")) for x in responsibilities(_annotated(text))]
    assert (["校长室", "学校安全处", "教学处", "德育处"], "校长室", None) in got
    assert (["总务处"], "总务处") in [(u, lead) for u, lead, _ in got]     # a later clause of that sentence
    assert (["德育处", "学生会"], None, None) in got
    assert (["高校科研处", "区教科规划办"], None, None) in got


def test_a_report_reads_its_next_steps_section():
    from extractor.stages.relate.responsibilities import responsibilities

    text = ("某某区教育局2025年托管帮扶工作总结\n一、主要工作\n区教育局督导室对托管学校开展了督查。\n"
            "二、下一步打算\n区教育局督导室负责制定考核细则，于2026年5月底前印发实施。\n")
    doc = _annotated(text)
    assert doc.info["doc_type"] == "总结"
    got = [(x["units"], x["start"] > text.index("下一步")) for x in responsibilities(doc)]
    assert got == [(["区教育局督导室"], True)]


def test_a_menu_label_is_no_title_and_a_cited_number_is_not_the_notices_own():
    r = extract_text("首页 | 学校概况 | 通知公告\n关于开展主题党日活动的通知\n各党支部：\n请准时参加。\n" + SIGN)
    assert r.document.title == "关于开展主题党日活动的通知"
    r = extract_text("某某区2025年托管帮扶工作总结\n区教育局认真贯彻《某某市教育局关于推进托管帮扶的实施意见》（某教发〔2024〕32号），"
                     "持续深化托管帮扶。\n")
    assert r.document.doc_number is None and r.document.doc_type == "总结"


def test_labels_contacts_permissions_and_cut_names_are_no_responsibilities():
    from extractor.stages.relate.responsibilities import responsibilities

    text = ("关于论文评比的通知\n各位老师：\n一、组织机构\n主办部门：教科室\n二、联系方式\n信息处：陈锋  9299057\n"
            "三、数据反馈\n各区、县（市）教育局在活动页面可以查看完成情况。\n四、分工\n1.场地布置：总务处\n" + SIGN)
    got = [x["units"] for x in responsibilities(_annotated(text))]
    assert ["总务处"] in got                        # a task line ending with its unit
    assert ["教科室"] not in got and ["信息处"] not in got
    assert not any("教育局" in u for units in got for u in units)


# ---------------------------------------------------------------- issue 9, session 6 (invented text)

def test_a_supporter_printed_once_for_several_rows_or_as_ditto():
    text = ("关于开展城乡学校结对帮扶工作的通知\n各县（区）教育局：\n结对名单如下：\n"
            "帮扶学校\t受援学校\t学段\t县级牵头单位\n"
            "某某市第一小学\t某某县东关镇中心小学\t小学\t某某县教育局\n"
            "\t某某县西河镇中心小学\t小学\t某某县教育局\n"
            "某某市第二中学\t某某县南山镇初级中学\t初中\t某某县教育局\n"
            "同上\t某某县北岭镇初级中学\t初中\t某某县教育局\n" + SIGN)
    got = {(a, b) for a, b, _ in pairs(text)}
    assert got == {("某某市第一小学", "某某县东关镇中心小学"), ("某某市第一小学", "某某县西河镇中心小学"),
                   ("某某市第二中学", "某某县南山镇初级中学"), ("某某市第二中学", "某某县北岭镇初级中学")}


def test_role_lines_group_lines_and_a_lead_announced_before_prose_pairs():
    text = ("关于开展结对帮扶和集团化办学工作的通知\n各学校：\n一、结对安排\n"
            "（一）高中学段（由市教育局基础教育科牵头指导）\n"
            "1．帮扶方：某某市第一高级中学\n   受援方：某某县第二高级中学、某某县第三高级中学\n"
            "（二）教育集团\n"
            "某某市实验学校教育集团：核心校某某市实验学校，成员校某某县东关小学、某某县西河小学。\n"
            "（三）学前结对。幼儿园结对由市教育局学前教育科牵头指导：柳州市第一幼儿园与融安县城关幼儿园结成帮扶对子；"
            "桂林市第二幼儿园牵手阳朔县白沙镇中心幼儿园。\n" + SIGN)
    got = pairs(text)
    assert ("某某市第一高级中学", "某某县第二高级中学", "市教育局基础教育科") in got
    assert ("某某市第一高级中学", "某某县第三高级中学", "市教育局基础教育科") in got
    assert ("某某市实验学校", "某某县东关小学", None) in got and ("某某市实验学校", "某某县西河小学", None) in got
    assert ("柳州市第一幼儿园", "融安县城关幼儿园", "市教育局学前教育科") in got
    assert ("桂林市第二幼儿园", "阳朔县白沙镇中心幼儿园", "市教育局学前教育科") in got


def test_a_pairing_tables_lead_column_and_a_heading_lead_note_are_no_duties():
    from extractor.stages.relate import relate

    text = ("关于开展结对帮扶工作的通知\n各学校：\n一、结对安排\n"
            "（一）高中学段（由市教育局基础教育科牵头指导）\n"
            "1．帮扶方：某某市第一高级中学\n   受援方：某某县第二高级中学\n"
            "帮扶学校\t受援学校\t县级牵头单位\n某某市第一小学\t某某县东关镇中心小学\t某某县教育局\n"
            "二、工作要求\n市教育局人事科负责选派支教教师。\n" + SIGN)
    doc = relate(_annotated(text))
    units = [x["units"] for x in doc.relations["responsibilities"]]
    assert ["市教育局人事科"] in units
    assert ["市教育局基础教育科"] not in units and ["某某县教育局"] not in units


def test_a_list_mark_before_an_office_is_no_part_of_its_name():
    from extractor.learn.entities import propose_orgs, token_bounds

    doc = _annotated("关于做好工作的通知\n各学校：\n三、职责分工\n（一）区教育局对口支援办公室负责统筹协调。\n" + SIGN, upto=6)
    starts, ends = token_bounds(doc.tokens)
    names = {doc.text[s:e] for s, e, _ in propose_orgs(doc.text, doc.tokens, starts, ends)}
    assert "区教育局对口支援办公室" in names
    assert not any(n.startswith(("（", "一）")) for n in names)


def test_one_school_with_a_list_and_a_numbered_short_form():
    text = ("关于开展城乡教共体建设的通知\n各学校：\n"
            "柳州市实验小学与融安县长安镇中心小学、融安县浮石镇中心小学结成城乡教共体。\n"
            "柳州市第八中学教育集团：核心校柳州八中，成员校融安县大将镇初级中学。\n" + SIGN)
    got = {(a, b) for a, b, _ in pairs(text)}
    assert {("柳州市实验小学", "融安县长安镇中心小学"), ("柳州市实验小学", "融安县浮石镇中心小学"),
            ("柳州八中", "融安县大将镇初级中学")} <= got


@pytest.mark.parametrize("line, issuers", [
    ("杭州市教育科学研究院杭州市中小学劳动教育联盟", ["杭州市教育科学研究院", "杭州市中小学劳动教育联盟"]),
    ("省教育厅省财政厅", ["省教育厅", "省财政厅"]),
    ("某市教育局教研中心", ["某市教育局教研中心"]),
])
def test_joint_issuers_ending_in_an_institute_or_an_alliance_are_split(line, issuers):
    from extractor.stages.structure import split_joint_issuers

    assert split_joint_issuers(line) == issuers


@pytest.mark.parametrize("heading, title", [
    ("2019年某中学新生衔接教育实施方案（有修改）", "2019年某中学新生衔接教育实施方案"),
    ("2025年学考模拟演练方案（红字部分有修改）", "2025年学考模拟演练方案"),
    ("关于开展读书节活动的通知(1)", "关于开展读书节活动的通知"),
    ("关于印发实施方案（试行）的通知", "关于印发实施方案（试行）的通知"),
])
def test_a_sites_edit_mark_after_a_heading_is_no_part_of_the_title(heading, title):
    html = (f"<html><head><title>{heading}</title></head><body><h1>{heading}</h1><p>各处室：</p>"
            "<p>现将有关事项通知如下，请认真执行。</p><p>某中学</p><p>2025年3月1日</p></body></html>")
    from extractor import Pipeline

    assert Pipeline().extract_bytes(html.encode(), path="x.html", fmt="html").document.title == title


def test_a_permission_is_no_duty_and_a_verb_before_a_unit_is_no_part_of_it():
    from extractor.stages.relate import relate

    text = ("关于开展安全教育专题活动的通知\n各区、县（市）教育局：\n一、数据反馈\n"
            "各区、县（市）教育局在专题活动页面“查看完成情况”，可以分别查看各学校的详细完成情况。\n"
            "各区、县（市）教育局组织本地区学校自愿申报。\n" + SIGN)
    doc = relate(_annotated(text))
    spans = [doc.text[x["start"]:x["end"]] for x in doc.relations["responsibilities"]]
    assert not any("可以" in s for s in spans)
    assert any("自愿申报" in s for s in spans)


@pytest.mark.parametrize("unit, names, trimmed", [
    ("左右德育处", ["德育处"], "德育处"),
    ("突出支部", ["支部"], "支部"),
])
def test_an_adverb_or_verb_glued_before_a_unit_is_trimmed(unit, names, trimmed):
    from extractor.stages.relate.responsibilities import _trim_unit

    assert _trim_unit(unit, names) == trimmed


def test_a_lead_column_named_for_the_bureau_offices_leads():
    # (ninth round) 牵头股室 / 配合单位 columns read like 牵头单位 / 配合单位 (table rows are proposals the
    # responsibility model decides, so this case runs with the models)
    body = ("一、排查重点及责任分工\n序号\t排查内容\t牵头股室\t配合单位\t完成时限\n"
            "1\t校舍安全隐患\t计划财务股\t市住房和城乡建设局\t2026年3月31日前\n"
            "2\t食堂食品安全\t体卫艺股\t市市场监督管理局\t2026年4月30日前\n"
            "3\t消防设施隐患\t安全股\t市消防救援大队\t2026年4月15日前\n")
    r = extract_text("某某市教育局关于开展校园安全排查的通知\n各学校：\n" + body + SIGN)
    assert [(x.units, x.lead_unit) for x in r.responsibilities] == [
        (["计划财务股", "市住房和城乡建设局"], "计划财务股"), (["体卫艺股", "市市场监督管理局"], "体卫艺股"),
        (["安全股", "市消防救援大队"], "安全股")]


def test_a_campus_printed_with_its_school_is_one_school_candidate():
    # (ninth round) 某中学西校区: a campus printed with its school is one SCHOOL (corpus/GUIDELINES.md); the
    # school name extended to its campus is a candidate the entity model decides
    from extractor.backends import load_bytes
    from extractor.core.pipeline import DEFAULT_STAGES
    from extractor.learn.decide import _candidates

    doc = load_bytes((HEAD + "培训地点：某某市实验中学东湖校区报告厅。\n" + SIGN).encode(), fmt="txt")
    for c in DEFAULT_STAGES:
        if c.name == "decide_entities":
            break
        doc = c.run(doc)
    assert ("SCHOOL", "某某市实验中学东湖校区", "campus") in [(lab, name, how) for lab, _, _, how, name, _ in _candidates(doc)]


def test_a_clause_verb_inside_a_candidate_makes_no_name():
    from extractor.learn.decide import _CLAUSE_VERB

    assert _CLAUSE_VERB.search("县教育局人事股要会同县人力资源和社会保障局")
    assert not _CLAUSE_VERB.search("芜湖市妇女联合会")
    from extractor.learn.decide import _PRONOUN_LEVEL

    assert _PRONOUN_LEVEL.match("我市丹河中学") and _PRONOUN_LEVEL.match("本县教育局")
    assert not _PRONOUN_LEVEL.match("本溪市第一中学")


# ---------------------------------------------------------------- issue 9, session 9 (invented text)

def test_a_pairing_cell_listing_two_schools_and_ditto_recipient_and_lead_cells():
    text = ("关于公布城乡学校结对名单的通知\n各县（区）教育局：\n结对名单如下：\n"
            "帮扶学校\t受援学校\t牵头单位\n"
            "某某市第一中学\t某某县东关镇初级中学、某某县西河镇初级中学\t某某市教育科学研究院\n"
            "某某市第二中学\t同上\t同上\n"
            "某某市第三中学\t某某县南山镇\n九年一贯制学校\t某某县教育局\n" + SIGN)
    got = pairs(text)
    assert ("某某市第一中学", "某某县东关镇初级中学", "某某市教育科学研究院") in got
    assert ("某某市第一中学", "某某县西河镇初级中学", "某某市教育科学研究院") in got
    # 同上 in the recipient cell repeats the recipients above; in the lead cell, the lead above
    assert ("某某市第二中学", "某某县东关镇初级中学", "某某市教育科学研究院") in got
    assert not any("同上" in (b or "") or "同上" in (c or "") for _, b, c in got)


def test_a_responsibility_note_that_names_its_lead_and_the_others():
    body = ("一、主要任务\n（一）加强师德建设\n开展专项整治。（责任单位：县教育局人事股牵头，县纪委监委驻县教育局纪检监察组、"
            "各学校按职责分工负责）\n")
    rec = extract_text("关于印发工作要点的通知\n各学校：\n" + body + SIGN)
    got = [(r.units, r.lead_unit) for r in rec.responsibilities]
    assert (["县教育局人事股", "县纪委监委驻县教育局纪检监察组"], "县教育局人事股") in got


def _org_proposals(text: str) -> set[str]:
    from extractor.learn.entities import propose_orgs, token_bounds

    doc = _annotated(text, upto=6)
    starts, ends = token_bounds(doc.tokens)
    return {doc.text[s:e] for s, e, _ in propose_orgs(doc.text, doc.tokens, starts, ends)}


def test_an_office_joining_two_fields_with_yu_is_one_name():
    names = _org_proposals("关于做好工作的通知\n各学校：\n请于6月1日前报市教育局体育卫生与艺术教育处备案，"
                           "由机械科学与工程学院牵头。市教育局与市财政局联合发文。\n" + SIGN)
    assert "市教育局体育卫生与艺术教育处" in names and "机械科学与工程学院" in names
    assert "市教育局与市财政局" not in names       # two organs, not one name


def test_a_committee_named_after_its_programme_keeps_the_programme_verbs():
    names = _org_proposals("关于做好工作的通知\n各学校：\n成立某某县学前教育普及普惠提升行动领导小组，负责统筹。\n" + SIGN)
    assert "某某县学前教育普及普惠提升行动领导小组" in names
    assert not any(n.startswith("成立") for n in names)


def test_an_organ_opening_after_a_verb_the_walk_took_in_is_proposed():
    names = _org_proposals("关于做好工作的通知\n各学校：\n县教育局要会同县财政局做好经费保障，认真做好迎接省委巡视工作。\n" + SIGN)
    assert "县财政局" in names and "省委" in names


def test_a_science_association_is_an_organization_ending():
    names = _org_proposals("关于做好工作的通知\n各学校：\n团市委、市科协和市妇联联合举办。\n" + SIGN)
    assert "市科协" in names


def test_a_school_found_by_the_organization_walk_is_a_school_candidate():
    from extractor.learn.decide import entity_candidates

    doc = _annotated("关于做好工作的通知\n各学校：\n决赛于11月中旬在某某职业学院举行；成员校某某县某某镇中学参加。\n" + SIGN, upto=6)
    got = {(lab, doc.text[s:e]) for lab, s, e, _, _ in entity_candidates(doc)}
    assert ("SCHOOL", "某某职业学院") in got


def test_a_school_start_where_a_place_opens_after_words_the_rule_took_in():
    from extractor.learn.decide import entity_candidates

    doc = _annotated("关于做好工作的通知\n各学校：\n教育部委托北京师范大学开展评估。\n" + SIGN, upto=6)
    got = {(lab, doc.text[s:e]) for lab, s, e, _, _ in entity_candidates(doc)}
    assert ("SCHOOL", "北京师范大学") in got


# ---------------------------------------------------------------- issue 9, session 10 (invented text)

def test_a_one_plus_n_community_list_pairs_the_core_school_with_each_member():
    text = ("关于公布城乡学校共同体名单的通知\n各学校：\n一、共同体名单\n（一）小学学段\n"
            "1．某某市实验小学＋甲镇中心小学　乙镇中心小学　丙乡中心小学\n2．某某市育才小学＋丁乡中心小学、戊镇中心小学\n"
            "（二）幼儿园（2个，由某某市教育局学前教育股牵头指导）\n1．某某市第一幼儿园＋甲镇中心幼儿园 乙镇中心幼儿园\n" + SIGN)
    got = pairs(text)
    assert {("某某市实验小学", "甲镇中心小学"), ("某某市实验小学", "乙镇中心小学"), ("某某市实验小学", "丙乡中心小学"),
            ("某某市育才小学", "戊镇中心小学"), ("某某市第一幼儿园", "乙镇中心幼儿园")} <= {(a, b) for a, b, _ in got}
    assert ("某某市第一幼儿园", "甲镇中心幼儿园", "某某市教育局学前教育股") in got
    assert not any("　" in b or len(b) > 12 for _, b, _ in got)


def test_prose_pairs_with_an_adverb_and_a_list_after_dui():
    text = ("关于开展结对帮扶的通知\n各学校：\n某某县第一中学继续托管帮扶某某县湾口高级中学。"
            "某某县第二中学对甲镇中学、乙乡九年一贯制学校实施托管。\n" + SIGN)
    got = {(a, b) for a, b, _ in pairs(text)}
    assert {("某某县第一中学", "某某县湾口高级中学"), ("某某县第二中学", "甲镇中学"),
            ("某某县第二中学", "乙乡九年一贯制学校")} <= got


def test_a_group_line_after_the_groups_name_and_a_full_stop():
    text = ("关于同意组建教育集团的批复\n某某区教育局：\n一、同意组建以下教育集团\n"
            "1.某某区实验小学教育集团。核心校：某某市某某区实验小学；成员校：某某区甲镇中心小学、某某区乙乡中心小学。\n" + SIGN)
    got = {(a, b) for a, b, _ in pairs(text)}
    assert {("某某市某某区实验小学", "某某区甲镇中心小学"), ("某某市某某区实验小学", "某某区乙乡中心小学")} <= got


def test_partners_after_huitong_at_the_end_of_a_clause_share_the_task():
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("PE_DECIDE", "rules")
    try:
        r = extract_text("关于做好工作的通知\n各学校：\n三、职责分工\n县教育局人事股要会同县人力资源和社会保障局，落实教师职称评聘倾斜。\n" + SIGN)
    finally:
        monkeypatch.undo()
    assert (["县教育局人事股", "县人力资源和社会保障局"], None) in [(x.units, x.lead_unit) for x in r.responsibilities]


def test_an_office_seated_in_a_section_is_the_subject_of_its_duty_clause():
    from extractor.stages.relate import relate

    doc = relate(_annotated("关于做好工作的通知\n各学校：\n四、保障措施\n县教育局成立工作领导小组，局长任组长。"
                            "领导小组办公室设在基础教育股，负责日常调度和督促检查。\n" + SIGN))
    assert ["领导小组办公室"] in [x["units"] for x in doc.relations["responsibilities"]]


def test_the_addressee_named_by_a_pronoun_is_no_unit():
    from extractor.stages.relate.responsibilities import _NO_UNIT

    assert _NO_UNIT.match("你局") and _NO_UNIT.match("你区") and not _NO_UNIT.match("县教育局")


def test_a_supervision_list_joins_the_assisting_units_and_applies_its_ranking_rule():
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("PE_DECIDE", "rules")
    try:
        r = extract_text("关于下达重点任务督办清单的通知\n各县区教育局：\n任务清单中“责任单位”排在首位的为牵头单位。\n"
                         "1．推进学校建设项目。\n责任单位：市教育局发展规划科、市财政局\n配合单位：某某区教育体育局、市住房和城乡建设局\n"
                         "完成时限：10月底\n" + SIGN)
    finally:
        monkeypatch.undo()
    got = [(x.units, x.lead_unit) for x in r.responsibilities]
    assert (["市教育局发展规划科", "市财政局", "某某区教育体育局", "市住房和城乡建设局"], "市教育局发展规划科") in got


def test_a_dash_line_with_a_lead_tag_and_a_recipient_list_broken_over_two_lines():
    text = ("关于公布结对名单的通知\n各学校：\n一、初中学段\n1．某某区第六中学——甲乡九年一贯制学校、\n"
            "    乙乡九年一贯制学校\n2．某某市第七中学（牵头）、某某区第八中学——丙镇中学\n" + SIGN)
    got = pairs(text)
    assert {("某某区第六中学", "甲乡九年一贯制学校", None), ("某某区第六中学", "乙乡九年一贯制学校", None),
            ("某某市第七中学", "丙镇中学", "某某市第七中学"), ("某某区第八中学", "丙镇中学", "某某市第七中学")} <= got


def test_an_organization_walk_stops_at_verbs_that_bring_a_body_in_and_at_a_phone_number():
    names = _org_proposals("关于做好工作的通知\n各学校：\n学校聘请某某大学教育学院专家指导，邀请某某师范学院派员参加。"
                           "联系电话：8352600（教务处办公室），报某某省中小学心理健康教育指导中心办公室备案。\n" + SIGN)
    assert "某某大学教育学院" in names and "某某师范学院" in names and "教务处办公室" in names
    assert "某某省中小学心理健康教育指导中心办公室" in names
    assert not any(n.startswith(("学校聘请", "聘请", "邀请", "8352600")) for n in names)


def test_school_names_of_a_level_word_and_a_school_type_and_of_a_town_street():
    doc = _annotated("关于做好工作的通知\n各学校：\n县民族中学、区实验小学、县特殊教育学校和某某县职业教育中心参加；"
                     "水西门街道红星小学承办。\n" + SIGN, upto=6)
    got = {sp.text for sp in doc.entities if sp.label == "SCHOOL"}
    assert {"县民族中学", "区实验小学", "县特殊教育学校", "某某县职业教育中心", "水西门街道红星小学"} <= got


def test_a_school_printed_before_its_groups_word_is_no_school_of_its_own():
    r = extract_text("关于举办教职工培训活动的通知\n各校区：\n某某市第一中学教育集团教职工参加培训，某某市第一中学党委书记讲话。"
                     "某某市第一中学承办。\n" + SIGN)
    schools = [(e.start, e.text) for e in r.entities if e.type == "SCHOOL"]
    assert all(not r.text.startswith(("教育集团", "党委"), s + len(t)) for s, t in schools)
    assert (r.text.index("某某市第一中学承办"), "某某市第一中学") in schools


def test_a_responsibility_that_calls_a_units_people_to_a_meeting_is_marked_so():
    from extractor.learn.relations import Context, responsibility_features

    text = "请团学联文体部干部、干事于11月15日下午至4106教室参加会议。"
    doc = _annotated(text + SIGN, upto=6)
    f = responsibility_features(Context(doc), {"units": ["团学联文体部"], "lead_unit": "团学联文体部", "start": 0,
                                               "end": len(text)})
    assert "responsibilities:u_then_people" in f and "responsibilities:cue=attend" in f


def test_a_reprinted_notice_under_a_signed_covering_note_is_the_document():
    text = ("关于做好学业水平考试报名工作的通知\n各位高二同学：\n现将某某市教育局通知转发给你们，请于11月3日前完成报名。\n"
            "某某中学教务处\n2025年10月28日\n某某市教育局\n关于做好学业水平考试报名工作的通知\n某教考〔2025〕19号\n"
            "各县（区）教育局，市直各高中校：\n现将报名工作有关事项通知如下。请各县（区）教育局于11月14日前报送汇总表。\n"
            "某某市教育局\n2025年10月24日\n")
    r = extract_text(text)
    assert r.document.issuers == ["某某市教育局"] and r.document.signed_date == "2025-10-24"
    assert r.document.doc_number.text == "某教考〔2025〕19号"
    assert r.document.recipients == ["各县（区）教育局", "市直各高中校"]
    dates = {d.date for d in r.deadlines}
    assert "2025-11-03" in dates and "2025-10-28" not in dates      # the note's task stays, its signature is no deadline


def test_a_contact_line_with_an_office_in_brackets_is_no_responsibility():
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("PE_DECIDE", "rules")
    try:
        r = extract_text("关于做好注册工作的通知\n各学校：\n四、其他问题\n请及时与市教育局相关处室联系。\n"
                         "联系人：王某某  13221558191（行政审批服务处），何某某  85221561（教师工作处）。\n"
                         "五、工作要求\n3．材料报送：教务处负责汇总（教务处）\n" + SIGN)
    finally:
        monkeypatch.undo()
    units = [x.units for x in r.responsibilities]
    assert ["教师工作处"] not in units and ["行政审批服务处"] not in units


def test_a_notice_without_a_date_of_its_own_dates_yearless_deadlines_by_its_first_full_date():
    r = extract_text("转发：某某市教育局关于开展食品安全专项检查的通知\n各学校：\n一、检查时间\n2026年9月7日至9月30日。\n"
                     "二、工作要求\n各学校于9月15日前将自查报告报所在县（区）教育局。\n")
    assert "2026-09-15" in {d.date for d in r.deadlines}


# ---- fourteenth round (issue 9, session 11)

def test_attachments_listed_one_label_a_line_and_a_sites_uploaded_files():
    r = extract_text(HEAD + "请按要求报送材料。\n附件1：论文报送格式要求\n附件2 2026年论文征集诚信承诺书\n附件3：汇总表.xls\n" + SIGN)
    assert [a.title for a in r.document.attachments] == ["论文报送格式要求", "2026年论文征集诚信承诺书", "汇总表.xls"]
    r = extract_text(HEAD + "请按要求报送材料。\n附件：\n202104120928279321.rar\n")
    assert [a.title for a in r.document.attachments] == ["202104120928279321.rar"]
    from extractor.stages.structure import _upload_title
    assert _upload_title("初审简表202110251424317995.docx") == "初审简表"
    assert _upload_title("附件3申报、评审表.doc") == "申报、评审表.doc"
    # a bare 附件： over its numbered list is the list, not the start of the attachments' own text
    r = extract_text(HEAD + "请按要求报送材料。\n 附件：\n1. 《某某省教育厅关于开展征集活动的通知》\n2.2026年项目汇总表\n")
    assert [a.title for a in r.document.attachments] == ["某某省教育厅关于开展征集活动的通知", "2026年项目汇总表"]
    # 附件1~4下载： is no attachment named "~4下载："
    r = extract_text(HEAD + "请按要求报送材料。\n附件1：申报表\n附件2：汇总表\n附件1~4下载：\n")
    assert [a.title for a in r.document.attachments] == ["申报表", "汇总表"]


def test_a_list_of_contacts_each_with_a_bracketed_local_number():
    got = contacts("1.各项目联系人：谢某某（88905979）、姚国庆（85093028）、周海（85083083）。\n")
    assert got == [("谢某某", None, ("88905979",)), ("姚国庆", None, ("85093028",)), ("周海", None, ("85083083",))]


def test_a_covering_notes_own_short_signature_over_a_full_reprint():
    r = extract_text("关于转发《某某市教育局关于开展专项治理工作的通知》的通知\n全体教工：\n"
                     "现将上级通知转发给大家，请认真学习。\n                 某某市第一中学\n                    6月28日\n"
                     "某某市教育局关于开展2026年度专项治理\n工作的通知\n各区、县（市）教体局，市直学校：\n"
                     "为规范从教行为，经研究，市教育局决定开展专项治理工作。请各地于7月10日前报送自查情况。\n"
                     "某某市教育局\n2026年6月24日\n")
    assert r.document.issuers == ["某某市教育局"] and r.document.signed_date == "2026-06-24"
    assert r.document.recipients == ["各区、县（市）教体局", "市直学校"]


def test_an_organs_own_decision_sentence_proposes_its_task(monkeypatch):
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text(HEAD + "为进一步加强班主任队伍建设，经研究，县教育局决定举办2026年全县班主任能力提升培训班。"
                     "现将有关事项通知如下：\n" + SIGN)
    assert ["县教育局"] in [x.units for x in r.responsibilities]


def test_a_timetable_rows_day_cell_without_a_time_gives_its_sessions():
    from extractor.stages.relate.deadlines import _deadlines
    from extractor.text.normalize import clock_time

    assert clock_time("7∶50") == "07:50"        # the ratio colon some notices print
    text = (HEAD + "二、活动安排\n时间\t科别\t活动内容\n"
            "2026年5月26日上午\t初中\t1.第1节7∶50——8∶35，示范课。2.第2节8∶45——9∶30，公开课。\n" + SIGN)
    items = _deadlines(_annotated(text))
    got = {(x["date"], x["time"]) for x in items if x["date"] == "2026-05-26"}
    assert got == {("2026-05-26", "07:50"), ("2026-05-26", "08:45")}      # the ends of ranges and the bare day: none


def test_short_forms_a_notice_defines_name_its_pairs():
    text = ("关于开展托管帮扶的通知\n各县（市、区）教育局：\n托管帮扶由某某市第一高级中学（以下简称“市一高”）、"
            "某某市第二中学普高部（以下简称“二中普高部”）承担。受援学校中，某某县第二高级中学简称“县二高”。\n"
            "1．市一高托管帮扶县二高；\n2．二中普高部托管帮扶某某县柳城高级中学。\n" + SIGN)
    got = {(a, b) for a, b, _ in pairs(text)}
    assert {("市一高", "县二高"), ("二中普高部", "某某县柳城高级中学")} <= got


@pytest.mark.parametrize("line, expected", [
    ("临泽县第一小学作为帮扶校，分别与沙河镇中心小学、蓼泉镇中心小学结对。",
     {("临泽县第一小学", "沙河镇中心小学", None), ("临泽县第一小学", "蓼泉镇中心小学", None)}),
    ("临泽县第二小学与沙河镇中心小学、蓼泉镇中心小学分别结对。",
     {("临泽县第二小学", "沙河镇中心小学", None), ("临泽县第二小学", "蓼泉镇中心小学", None)}),
    ("临泽县第三幼儿园同时与沙河镇中心幼儿园、新墩镇中心幼儿园结成帮扶对子。",
     {("临泽县第三幼儿园", "沙河镇中心幼儿园", None), ("临泽县第三幼儿园", "新墩镇中心幼儿园", None)}),
    ("沙河镇中心小学、蓼泉镇中心小学分别与临泽县东街小学结对，由东街小学选派骨干教师实施帮扶。",
     {("临泽县东街小学", "沙河镇中心小学", None), ("临泽县东街小学", "蓼泉镇中心小学", None)}),
    ("临泽县南关学校、临泽县新华中学分别与沙河镇中学、平川乡中学结对，由县教育研究室牵头指导。",
     {("临泽县南关学校", "沙河镇中学", "县教育研究室"), ("临泽县新华中学", "平川乡中学", "县教育研究室")}),
])
def test_prose_pairs_with_fenbie_tongshi_and_a_clause_lead(line, expected):
    text = "关于开展城乡学校结对帮扶工作的通知\n各学校：\n一、结对安排\n" + line + "\n" + SIGN
    assert expected <= pairs(text)


def test_group_lines_with_a_tagged_core_school_lead_their_pairs():
    text = ("关于公布集团化办学名单的通知\n各学校：\n说明：冒号前为帮扶学校，标注“（牵头）”的为牵头校。\n"
            "高台县第一小学（牵头）：巷道镇中心小学、沙河镇中心小学\n"
            "高台县南华小学（牵头）、高台县第三小学：蓼泉镇中心小学\n" + SIGN)
    got = pairs(text)
    assert {("高台县第一小学", "巷道镇中心小学", "高台县第一小学"), ("高台县第一小学", "沙河镇中心小学", "高台县第一小学"),
            ("高台县南华小学", "蓼泉镇中心小学", "高台县南华小学"), ("高台县第三小学", "蓼泉镇中心小学", "高台县南华小学")} <= got


def test_a_town_whose_name_jieba_cuts_as_a_category_word():
    doc = _annotated("关于做好工作的通知\n各学校：\n由高台县南华小学与文峰镇中心小学、通城镇中心小学结成共同体。\n" + SIGN, upto=6)
    assert "通城镇中心小学" in {sp.text for sp in doc.entities if sp.label == "SCHOOL"}


def test_a_central_organ_of_the_word_list_is_a_feature_of_its_name():
    from extractor.learn.entities import name_features

    assert "ORG:central" in name_features("ORG", "公安部")
    assert "ORG:central_office" in name_features("ORG", "教育部基础教育司")
    assert not {"ORG:central", "ORG:central_office"} & set(name_features("ORG", "学习教育局"))


# ---- fifteenth round (issue 9, session 11)

def test_an_organ_line_above_the_title_and_a_title_after_a_long_banner():
    r = extract_text("中共某某市教育局党组\n\n某教党〔2026〕3号\n\n中共某某市教育局党组\n关于印发《2026年工作要点》的通知\n\n"
                     "各学校党组织：\n    现将《2026年工作要点》印发给你们，请认真落实。\n")
    assert r.document.title == "中共某某市教育局党组关于印发《2026年工作要点》的通知"
    banner = "".join(f"{' '.join(n)}\n" for n in ("某某市教育局", "某某市公安局", "某某市交通运输局", "某某市应急管理局", "某某市民政局"))
    r = extract_text(banner + "\n某教联〔2026〕6号\n\n关于开展2026年春季学期中小学幼儿园\n校园安全综合治理专项行动的通知\n\n"
                     "各县区教育局，市直各学校：\n    现将有关事项通知如下。\n")
    assert r.document.title == "关于开展2026年春季学期中小学幼儿园校园安全综合治理专项行动的通知"
    assert r.document.doc_number.text == "某教联〔2026〕6号"


def test_a_clock_after_a_bracketed_date_and_a_clocks_colon_is_no_label(monkeypatch):
    r = extract_text(HEAD + "请学生会全体成员于今天（2月16日，周三）中午12:25至行政楼会议室开会。\n"
                     "请各位干事于周三（2月15日）中午12:30至2112教室开会。\n" + SIGN)
    times = {(d.date[5:], d.time) for d in r.deadlines if d.date}
    assert ("02-16", "12:25") in times and ("02-15", "12:30") in times
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text(HEAD + "二、工作要求\n4.请各支部做好活动记录，于12月23日17:00前将图文资料报党政办。\n" + SIGN)
    assert ["党政办"] not in [x.units for x in r.responsibilities]


def test_a_request_to_a_units_people_and_a_subject_with_its_short_form(monkeypatch):
    from extractor.stages.relate.responsibilities import responsibilities

    doc = _annotated(HEAD + "请团学联新一届主要学生干部于今天下午至图书馆拍照。\n请县教育局通知本县学校代表按时参会。\n" + SIGN)
    units = [x["units"] for x in responsibilities(doc)]      # the proposals too, before the model decides
    assert ["团学联"] not in units and ["县教育局"] in units
    monkeypatch.setenv("PE_DECIDE", "rules")
    r = extract_text(HEAD + "经研究，某某市教育科学规划领导小组办公室（以下简称市教科规划办）决定组织2026年课题结题验收工作。\n" + SIGN)
    assert ["某某市教育科学规划领导小组办公室"] in [x.units for x in r.responsibilities]


def test_a_person_at_a_units_desk_after_its_address():
    got = contacts("材料报送到某某市教育教学研究院（某某路89号，邮编312000）刘晓庆老师处（联系电话：88905972）。\n")
    assert ("刘晓庆", None, ("88905972",)) in got


def test_an_attachments_own_label_is_no_numbered_section_in_scoring():
    from extractor.evaluation.scoring import predicted_fields

    r = extract_text(HEAD + "一、工作要求\n请认真落实。\n附件：某某实施细则\n" + SIGN + "附件\n某某实施细则\n第一条 为规范工作，制定本细则。\n")
    assert any(s.kind == "attachment" for s in r.sections)
    assert not any(x.startswith("附件") for x in predicted_fields(r)["sections"])
