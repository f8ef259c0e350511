"""Traditional-character notices are read through a simplified shadow and keep their printed characters."""
from extractor import extract_text
from extractor.stages.script import is_traditional, simplified

NOTICE = """臺州市教育局關於開展城鄉學校結對幫扶工作的通知
臺教基〔2025〕12號
各縣（市、區）教育局：
為促進義務教育優質均衡發展，現將有關事項通知如下：
一、結對安排
臺州市實驗小學與仙居縣橫溪鎮中心小學結對，臺州市第一中學與天台縣街頭鎮中學結對。
二、工作要求
各縣（市、區）教育局要在6月30日前報送結對幫扶協議。
聯繫人：市教育局基礎教育處 陳曉明，電話：0576-88512345。
臺州市教育局
2025年5月20日
"""


def test_shadow_keeps_length_and_offsets():
    s = simplified(NOTICE)
    assert len(s) == len(NOTICE)
    assert "关于开展城乡学校结对帮扶工作的通知" in s
    assert [i for i, (a, b) in enumerate(zip(NOTICE, s)) if a != b and not a.isascii()]   # something changed
    assert all(a == b for a, b in zip(NOTICE, s) if a.isascii())


def test_only_traditional_text_is_read_through_the_shadow():
    assert is_traditional(NOTICE)
    assert not is_traditional(simplified(NOTICE))
    # a simplified notice quoting one traditional name is left as it is
    assert not is_traditional("关于开展结对帮扶工作的通知\n" * 20 + "臺灣")


def test_traditional_notice_yields_values_in_printed_characters():
    rec = extract_text(NOTICE).model_dump(mode="json")
    assert rec["text"].startswith("臺州市教育局關於") and "关于" not in rec["text"]
    schools = {e["text"] for e in rec["entities"] if e["type"] == "SCHOOL"}
    assert {"臺州市實驗小學", "仙居縣橫溪鎮中心小學", "臺州市第一中學", "天台縣街頭鎮中學"} <= schools
    for e in rec["entities"]:
        assert rec["text"][e["start"]:e["end"]] == e["text"]
    pairs = {(p["supporter"], p["recipient"]) for p in rec["pairings"]}
    assert ("臺州市實驗小學", "仙居縣橫溪鎮中心小學") in pairs
    doc = rec["document"]
    assert doc["title"] == "臺州市教育局關於開展城鄉學校結對幫扶工作的通知"
    assert doc["doc_number"]["text"] == "臺教基〔2025〕12号"       # the schema's normalized 号
    assert doc["signed_date"] == "2025-05-20"
    assert [d["date"] for d in rec["deadlines"]] == ["2025-06-30"]
    assert any(w.startswith("traditional characters") for w in rec["warnings"])


def test_simplified_notice_is_untouched():
    rec = extract_text(simplified(NOTICE)).model_dump(mode="json")
    assert rec["document"]["title"] == "台州市教育局关于开展城乡学校结对帮扶工作的通知"
    assert not any(w.startswith("traditional characters") for w in rec["warnings"])
