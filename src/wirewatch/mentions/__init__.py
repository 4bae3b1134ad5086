"""Mentions: the parties, places, dates, figures and attributions of an article, each
with its span in the raw text. Events are built from these.
"""

from .finder import Mention, MentionFinder, find_mentions

__all__ = ["Mention", "MentionFinder", "find_mentions"]
