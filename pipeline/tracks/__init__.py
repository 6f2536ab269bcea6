"""Tracks: the cue model, reading and writing SRT/VTT/PO, merging and alignment."""
