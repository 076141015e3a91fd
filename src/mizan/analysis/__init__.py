"""Analyses over the store: timeline, dyads, network and alignment between blocs.

Each is one plain function that takes a store and returns plain data (lists and dicts), so
the CLI, the API and the brief call the same code.
"""
