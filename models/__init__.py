"""Trained models, shipped inside the package as ``extractor.models`` (see pyproject.toml)."""
