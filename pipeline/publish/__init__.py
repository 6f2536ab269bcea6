"""`msm publish`: captions and localised titles to the YouTube channel through the Data API."""
