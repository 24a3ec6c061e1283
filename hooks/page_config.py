"""The configuration as one page's templates read it: the site's name, description and copyright in the
page's script, its hreflang alternates, its UI language; everything else the build's own config.

Given to the templates as the page's `config` (on_page_context, on_template_context) instead of rewriting
the build's config for every page, so nothing one page sets is seen by another. Jinja reads `config.x` as
an attribute, then as an item: both look at the page's values first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from seedtext.layout import alternates


class ConfigView(Mapping):
    """`base` (a mapping, whose keys may also be read as attributes) with some of its keys given other
    values; read-only."""

    def __init__(self, base, **given) -> None:
        self._base = base
        self._given = given

    def __getattr__(self, name: str):
        try:
            given, base = self.__dict__["_given"], self.__dict__["_base"]
        except KeyError:  # not yet set up (copy, pickle): no attributes
            raise AttributeError(name) from None
        if name in given:
            return given[name]
        return getattr(base, name)

    def __getitem__(self, key: str):
        return self._given[key] if key in self._given else self._base[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._given
        yield from (key for key in self._base if key not in self._given)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def page_config(config, *, site_strings: dict[str, str], alternates: list[dict], language: str) -> ConfigView:
    """`config` for a page: `site_strings` (site_name, site_description, copyright in its script), its
    `extra.alternate` links and `theme.language` (the name of its UI strings partial)."""
    return ConfigView(config, **site_strings, extra=ConfigView(config.extra, alternate=alternates),
                      theme=ConfigView(config.theme, language=language))


def language_partial(variant) -> str:
    """theme.language for a variant's pages: a generated partial (on_env)."""
    return f"variant-{variant.root}"


def outside_trees_config(config, variants, site_strings: dict[str, str]) -> ConfigView:
    """The config of the pages outside every tree (the script chooser, 404): the first variant's UI."""
    first = next(iter(variants), None)
    return page_config(config, site_strings=site_strings, alternates=alternates("", variants, config.site_url),
                       language=language_partial(first) if first else config.theme["language"])
