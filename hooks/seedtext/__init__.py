"""seedtext: turns raw newspaper seed texts into clean articles and site pages.

Plain Python, no MkDocs import: the hooks in the folder above are thin adapters.
"""
