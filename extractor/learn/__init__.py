"""Learned decisions: candidate features, linear scorers with calibrated confidence, their training."""
