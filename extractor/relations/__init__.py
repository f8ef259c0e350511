"""Relation extractors: one module per relation, each ``Document → list[dict]``.

Every item carries ``start``/``end``: its evidence span in ``Document.text``.
"""
