"""policy-extractor: Chinese government policy notices → grounded, schema-valid JSON records.

Public API::

    from extractor import extract_file, extract_text
    record = extract_file("notice.txt")        # a ProgramRecord (pydantic model)
    record.model_dump(mode="json")
"""
from .core.pipeline import Pipeline, extract_file, extract_text
from .errors import ExtractionError

__version__ = "0.1.0"
__all__ = ["ExtractionError", "Pipeline", "extract_file", "extract_text", "__version__"]
