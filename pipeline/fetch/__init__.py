"""`msm pull`: fetch the toolkit videos and their caption tracks with yt-dlp, and import them.

Nothing in this package imports yt_dlp at module level (it costs ≈125 ms): only `ytdl.py` does,
inside its functions, so `msm --help` and every other command stay fast.
"""
