"""Readers for external event-coding dictionaries (PETRARCH/TABARI format)."""
