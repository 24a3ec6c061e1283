"""The site owner's options the library takes: `CleaningOptions` (data/cleaning.yml), one field per key
of the file, with the only defaults there are. The hook checks the file (hooks/options.py, MkDocs' config
classes) and builds this object; the cleaner reads its attributes, so a misspelt name is an AttributeError.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class CleaningOptions:
    """data/cleaning.yml: what the cleaner recognises (the file's header explains each key)."""

    cities: tuple[str, ...] = ()  # home page order; recognised in titles and text
    filler_patterns: tuple[str, ...] = ()  # regular expressions: lines that are not the article's
    running_heads: tuple[str, ...] = ()  # regular expressions: page heads left in the text flow
    photo_pointers: str = ""  # marks pointing at a photo the page does not have (▲①)
    caption_markers: tuple[str, ...] = ()  # a line starting with one is a caption
    caption_phrases: tuple[str, ...] = ()  # a line containing one is a caption
    caption_credits: tuple[str, ...] = ()  # a line ending in one after a space is a caption (摄, 供图)
    max_caption_length: int = 80  # characters
    byline_roles: tuple[str, ...] = ()  # 记者, 通讯员 …: never an author
    byline_paper_endings: tuple[str, ...] = ()  # a paper's name before a role word ends in one (日报)
    byline_markers: tuple[str, ...] = ()  # marks opening a byline line (■)
    max_heading_width: int = 30  # full-width characters
    fragment_starts: str = ""  # a body opening with one starts mid-sentence
    gap_mark: str = "〔此处原文缺失〕"  # shown where a page of the original is missing

