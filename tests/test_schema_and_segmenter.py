import json
import logging

from conftest import CORPUS

from extractor.schema import json_schema, published_schema


def test_published_schema_file_matches_models():
    assert published_schema() == json.loads(json.dumps(json_schema(), ensure_ascii=False)), \
        "run `python cli.py schema --write`"


def test_fast_segmenter_is_identical_to_stock_jieba():
    import jieba
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    for p in sorted((CORPUS / "notices").iterdir()):
        text = p.read_text("utf-8")
        assert rjieba.cut(text, False) == jieba.lcut(text, HMM=False), p.name
        assert [w for w, _ in rjieba.tag(text, False)] == jieba.lcut(text, HMM=False), p.name
