"""Actors: the dated registry, name normalisation and resolution."""
