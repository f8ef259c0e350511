"""The published program schema: pydantic models and the exported JSON Schema file."""
import json
from importlib import resources

from .models import SCHEMA_VERSION, ProgramRecord, json_schema

SCHEMA_FILE = "program.schema.json"


def published_schema() -> dict:
    """The JSON Schema file shipped in the package (a test proves it matches the models)."""
    return json.loads(resources.files(__name__).joinpath(SCHEMA_FILE).read_text("utf-8"))


__all__ = ["SCHEMA_VERSION", "ProgramRecord", "json_schema", "published_schema", "SCHEMA_FILE"]
