"""Evaluation against gold-standard data sets, always read by path (never bundled)."""
