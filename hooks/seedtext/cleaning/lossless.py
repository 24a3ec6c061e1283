"""Placeholder: the cleaner's lossless check (replaced by the full cleaner)."""


def check_lossless(raw_text, result):
    return []
