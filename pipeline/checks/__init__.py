"""Checks over tracks and catalogues: small functions that yield findings, in one registry."""
