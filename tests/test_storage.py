import pytest
from conftest import CORPUS


@pytest.fixture(scope="module")
def rec(pipeline):
    return pipeline.extract_file(CORPUS / "notices" / "001_87613898c2fa54f0.txt")


def test_sqlite_upsert(tmp_path, rec):
    from extractor.sinks import SqlWriter

    w = SqlWriter(str(tmp_path / "r.sqlite"))
    w.write(rec)
    w.write(rec)
    assert w.count() == 1
    w.close()


def test_postgresql_upsert(rec):
    sqlalchemy = pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg")
    from extractor.sinks import SqlWriter, records_table

    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    try:
        w = SqlWriter(url)
    except sqlalchemy.exc.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432: {exc.__class__.__name__}")
    with w.engine.begin() as conn:
        conn.execute(records_table.delete().where(records_table.c.id == rec.id))
    w.write(rec)
    w.write(rec)
    with w.engine.connect() as conn:
        rows = conn.execute(sqlalchemy.select(records_table.c.doc_number).where(records_table.c.id == rec.id)).all()
    assert rows == [("柳教基〔2016〕68号",)]
    w.close()
