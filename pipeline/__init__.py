"""msm: the subtitle and localisation pipeline of the Making Spend Matter toolkit."""

__version__ = "0.1.0"
