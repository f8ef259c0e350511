from datetime import date

import pytest

from extractor.text.normalize import (
    DATE_RE,
    MONEY_RE,
    find_doc_numbers,
    money_value,
    normalize_phone,
    parse_date_text,
    resolve_date,
    soft_key,
)


@pytest.mark.parametrize("text,span,value", [
    ("(桂政办发〔2022〕22号)", "桂政办发〔2022〕22号", "桂政办发〔2022〕22号"),
    ("（柳政办〔202418号）文件精神", "柳政办〔202418号", "柳政办〔2024〕18号"),
    ("根据梧办发201745号文件", "梧办发201745号", "梧办发〔2017〕45号"),
    ("教基〔20207號)", "教基〔20207號", "教基〔2020〕7号"),
    ("某某文件鲁扶贫组字〔2021〕1号山东省", "鲁扶贫组字〔2021〕1号", "鲁扶贫组字〔2021〕1号"),
    ("国发［２０１８］４１号", "国发［２０１８］４１号", "国发〔2018〕41号"),
])
def test_doc_numbers_repaired_and_span_exact(text, span, value):
    found = find_doc_numbers(text)
    assert len(found) == 1
    s, e, p = found[0]
    assert text[s:e] == span and p["text"] == value


def test_not_a_doc_number():
    assert find_doc_numbers("第2017年度") == [] and find_doc_numbers("2016年8月4日") == []


@pytest.mark.parametrize("text,ref,iso,day", [
    ("2022年3月31日", None, "2022-03-31", "2022-03-31"),
    ("二〇二二年三月三十一日", None, "2022-03-31", "2022-03-31"),
    ("二Ｏ一一年十二月十五日", None, "2011-12-15", "2011-12-15"),
    ("9月15日前", date(2016, 8, 4), "2016-09-15", "2016-09-15"),
    ("8月底前", date(2016, 8, 4), "2016-08", "2016-08-31"),
    ("2016年8月中旬", None, "2016-08", "2016-08-20"),
    ("9月上旬", date(2016, 8, 4), "2016-09", "2016-09-10"),
    ("2016年2月底", None, "2016-02", "2016-02-29"),
    ("2022年秋季学期", None, "2022", "2022-09-01"),
    ("1月10日前", date(2021, 12, 20), "2022-01-10", "2022-01-10"),
])
def test_dates(text, ref, iso, day):
    m = DATE_RE.search(text)
    r = resolve_date(m, ref)
    assert r["iso"] == iso and r["date"] == day


def test_date_without_reference_has_no_guess():
    r = resolve_date(DATE_RE.search("9月15日前"), None)
    assert r["date"] is None


def test_compact_signature_date():
    assert parse_date_text("20241021") == "2024-10-21"
    assert parse_date_text("20241399") is None


def test_phones_and_money():
    assert normalize_phone("0771—5815198") == "0771-5815198"
    assert normalize_phone("(0772)8612234") == "0772-8612234"
    assert normalize_phone("13812345678") == "13812345678"
    assert money_value(MONEY_RE.search("投入资金8953万元"))["value"] == 89530000
    assert money_value(MONEY_RE.search("3.21亿元"))["value"] == 321000000


def test_soft_key():
    assert soft_key("柳政办〔2024〕18號") == soft_key("柳政办(2024)18号")
    assert soft_key("柳  州  市") == "柳州市"
