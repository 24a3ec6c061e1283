"""The script variants of mkdocs.yml (extra.variants) as the build uses them, and the conversion review's
decisions per variant."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from options import OptionsError, conversion_review, variant_options
from seedtext import convert as script_convert
from seedtext.review import Decision, zhconv_target
from seedtext.site import Variant, project_vocabulary

log = get_plugin_logger("seeds")


def load_variants(config, options: dict) -> list[Variant]:
    """extra.variants, each with the project phrase dictionary (extra.script_phrases) unless it names its own,
    and the project's words for the conversion (tags, cities, phrases: seedtext.site.project_vocabulary)."""
    root = Path(config.config_file_path).parent
    default_phrases = config.extra.get("script_phrases")
    try:
        entries = variant_options(config.extra.get("variants", []))
    except OptionsError as exc:
        raise PluginError(str(exc)) from None
    variants = []
    for entry in entries:
        phrases = entry["phrases"] or default_phrases
        variant = dataclasses.replace(Variant.from_config(entry), phrases=str(root / phrases) if phrases else None)
        if variant.opencc:
            try:
                if variant.phrases:
                    script_convert.converter(variant.opencc, variant.phrases)
                variant = dataclasses.replace(variant, vocabulary=project_vocabulary(root, options))
            except (OSError, script_convert.PhraseFileError) as exc:
                raise PluginError(f"phrase dictionary for {variant.root}: {exc}") from exc
        variants.append(variant)
    return variants


def review_decisions(path: Path, variants: list[Variant]) -> dict[str, list[Decision]]:
    """data/conversion-review.yml's decisions per converted variant. A file that cannot be read is a warning
    naming it: the site builds, and every difference from the second converter is shown as a doubt."""
    roots = [v.root for v in variants if zhconv_target(v.opencc)]
    try:
        return {root: [Decision(**entry) for entry in entries]
                for root, entries in conversion_review(path, roots).items()}
    except OptionsError as exc:
        log.warning(f"data/{exc}")
        return {root: [] for root in roots}
