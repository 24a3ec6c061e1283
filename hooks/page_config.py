"""The configuration as one page's templates read it: the site's name, description and copyright in the
page's script, its hreflang alternates, its UI language; everything else the build's own config.

Given to the templates as the page's `config` (on_page_context, on_template_context) instead of rewriting
the build's config for every page, so nothing one page sets is seen by another. Jinja reads `config.x` as
an attribute, then as an item: both look at the page's values first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from seedtext.layout import alternates, script_switch


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


def page_config(config, *, site_strings: dict[str, str], alternates: list[dict], language: str,
                theme: dict | None = None, **extra) -> ConfigView:
    """`config` for a page: `site_strings` (site_name, site_description, copyright in its script), its
    `extra.alternate` links, `theme.language` (the name of its UI strings partial), and any other `theme`
    and `extra` keys."""
    return ConfigView(config, **site_strings, extra=ConfigView(config.extra, alternate=alternates, **extra),
                      theme=ConfigView(config.theme, language=language, **(theme or {})))


def language_partial(variant) -> str:
    """theme.language for a variant's pages: a generated partial (on_env)."""
    return f"variant-{variant.root}"


def outside_trees_config(config, variants, site_strings: dict[str, str]) -> ConfigView:
    """The config of the pages outside every tree (the script chooser, 404): the first variant's UI."""
    first = next(iter(variants), None)
    return page_config(config, site_strings=site_strings, alternates=alternates("", variants, config.site_url),
                       language=language_partial(first) if first else config.theme["language"])


def not_found_config(config, variants, site_strings: dict[str, str]) -> ConfigView:
    """The 404 page's own config (its head and the parts of base.html it does not draw per tree): the
    chooser's, without Material's back-to-top button, which only the first tree's words would label (the
    page is about one screen)."""
    features = [f for f in config.theme.get("features") or [] if f != "navigation.top"]
    view = outside_trees_config(config, variants, site_strings)
    return ConfigView(view, theme=ConfigView(view.theme, features=features))


# The 404 page's words (overrides/404.html), in Simplified; each tree gets them in its own script.
NOT_FOUND_WORDS = {
    "title": "页面不存在",
    "message": "抱歉，您要找的页面不存在。它可能已经移动或删除，也可能是网址输错了。",
    "home": "返回首页",
    "home_note": "，按城市浏览全部文章。",
    "search": "搜索文章",
    "search_note": "输入关键词查找，例如“反诈”“交通安全”。",
    "switch": "切换字形：",
}


def not_found_trees(config, variants, site_strings: dict[str, str], navs: dict, labels: dict) -> list[dict]:
    """What the 404 page shows a reader who was in each tree (one file serves every missing path; its
    script picks the tree from the path): the words, the tree's home, the switch to the other trees'
    homes (the same path there is likely missing too), the drawer, the hook's words in its script (`labels`,
    variant root -> words: the footer's 关于本站), and a config with the site's strings
    and Material's UI in the tree's script, the logo leading to the tree's home and no English footer line
    ("Made with Material for MkDocs"). The first tree's is also the page without JavaScript."""
    trees = []
    for variant in variants:
        strings = {key: variant.text(value) for key, value in site_strings.items()}
        words = {key: variant.text(value) for key, value in NOT_FOUND_WORDS.items()}
        site_name = strings.get("site_name", "")
        title = f"{words['title']} - {site_name}" if site_name else words["title"]
        trees.append({
            "variant": variant, "root": variant.root, "lang": variant.lang, "home": f"{variant.root}/",
            "words": words, "title": title, "head": {"root": variant.root, "lang": variant.lang, "title": title},
            "switch": script_switch("", variants, variant), "nav": navs.get(variant.root),
            "labels": labels[variant.root],
            "config": page_config(config, site_strings=strings, alternates=alternates("", variants, config.site_url),
                                  language=language_partial(variant), homepage=f"{variant.root}/", generator=False),
        })
    return trees
