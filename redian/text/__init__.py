"""Text stage: title normalization, match keys and segmentation shared by later stages."""

from redian.text.normalize import clean_title, match_key

__all__ = ["clean_title", "match_key"]
