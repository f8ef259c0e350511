"""The pipeline's declared components: the default order is valid, and a stage out of order is refused
when the pipeline is built, before any document runs."""
import pytest

from extractor.core.pipeline import DEFAULT_STAGES, check_order


def test_default_order_is_valid():
    check_order(DEFAULT_STAGES)
    assert [c.name for c in DEFAULT_STAGES][:2] == ["script", "clean"]


def test_a_stage_before_what_it_reads_is_refused():
    by_name = {c.name: c for c in DEFAULT_STAGES}
    swapped = (by_name["script"], by_name["annotate"], by_name["clean"])
    with pytest.raises(ValueError, match="stage 'annotate' requires text"):
        check_order(swapped)


def test_relate_needs_the_decided_entities():
    without_decide = tuple(c for c in DEFAULT_STAGES if c.name != "decide_entities")
    with pytest.raises(ValueError, match="entities.confidence"):
        check_order(without_decide)
