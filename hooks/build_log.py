"""What a build tells the editor: a warning per problem naming the seed (so `--strict` fails, and the rest
of the site still builds), doubts at info level (so `--strict` passes), and the seconds per stage in
.cache/timings.json (bench/run.py reads it)."""

from __future__ import annotations

import json
import logging
import time

from mkdocs.plugins import get_plugin_logger

from build_state import Build, Told
from seedtext.review import Difference
from seedtext.site import Site, Variant

log = get_plugin_logger("seeds")


def report_site(site: Site, largest_seed_kb: int | None = None, told: Told | None = None) -> None:
    """Every problem of the site and its seeds as a warning, and each seed's doubts at info level. Under
    `mkdocs serve` (`told`), a seed's lines are said again only when they changed since the last build."""
    for name, why in site.skipped:
        log.warning(f"seeds/{name}: {why}")
    for problem in site.problems:
        log.warning(problem)
    for problem in site.urls.problems if site.urls else ():
        log.warning(problem)
    for seed in site.seeds:
        if seed.encoding:
            log.debug(f"seeds/{seed.source}: read as {seed.encoding}")
        lines: list[tuple[int, str]] = []
        if seed.error:
            lines.append((logging.WARNING, f"seeds/{seed.source}: {seed.error}"))
        elif largest_seed_kb and seed.size > largest_seed_kb * 1024:
            lines.append((logging.WARNING, f"seeds/{seed.source}: {seed.size / 1024 / 1024:.1f} MB is far more "
                          f"than one article (extra.largest_seed_kb: {largest_seed_kb}); it was published, but "
                          "check that it is not several files pasted together or the wrong file, then split it "
                          "or raise the limit"))
        unsure = seed.doubtful_lines
        if unsure:  # doubt is not an error: info, so --strict builds pass
            lines.append((logging.INFO, f"seeds/{seed.source}: {len(unsure)} decisions weighed close to the "
                          f"balance (first at raw line {unsure[0]}); python hooks/clean.py --doubtful "
                          f"seeds/{seed.source}"))
        for w in seed.warnings:
            raw = f" | raw: {w.raw!r}" if w.line else ""
            lines.append((logging.WARNING, f"{w.where(seed.source)}: {w.message}{raw}"))
        say(("seed", seed.source), lines, told)


def report_doubts(variant: Variant, doubts: dict[str, list[Difference]], told: Told | None = None) -> None:
    """One line per seed with words data/conversion-review.yml has not decided, at info level (a doubt is not
    an error: `--strict` passes); under `mkdocs serve` (`told`), only when it changed since the last build."""
    for source, found in doubts.items():
        forms = list(dict.fromkeys(f"{d.word}（本站 {d.ours}，MediaWiki {d.theirs}）" for d in found))
        say(("doubts", variant.root, source), [(logging.INFO, (
            f"seeds/{source}: {len(forms)} word(s) on {variant.root} that data/conversion-review.yml has not "
            f"decided: {'、'.join(forms[:5])}{' …' if len(forms) > 5 else ''}; make review-conversion"))], told)


def say(about: tuple[str, ...], lines: list[tuple[int, str]], told: Told | None) -> None:
    if told is None or told.new(about, tuple(message for _, message in lines)):
        for level, message in lines:
            log.log(level, message)


def report_held(told: Told | None) -> None:
    """Under `mkdocs serve`: how many lines of this build were not said again (unchanged since the last)."""
    held = told.build_done() if told is not None else 0
    if held:
        log.info(f"{held} line(s) about unchanged seeds not repeated (as in the last build)")


def write_timings(build: Build) -> None:
    """Seconds per stage of this build, and what the caches saved."""
    clock, stats = build.clock, build.cache.stats
    now = time.perf_counter()
    stages = {
        "setup": clock["setup"],  # on_config: variants, OpenCC converters, jieba dictionary
        "decode_clean": stats.clean_seconds,
        "conversion": stats.convert_seconds,
        "conversion_review": stats.review_seconds,  # the second converter's differences (doubts)
        "tags_xref": clock["build_site"] - stats.clean_seconds,  # the rest of build_site (tags, listings)
        "render": clock["post_build"] - clock["files_end"],
        "search": now - clock["post_build"],  # the script tables and Pagefind (serve: the tables only)
        "total": now - clock["start"],
    }
    kept_in_place = len(build.folder.kept) if build.folder else 0
    timings = {"seeds": len(build.site.seeds) if build.site else 0, "cleaned": stats.cleaned,
               "reused": stats.reused, "corrupt": stats.corrupt, "converted": stats.converted,
               "conversions_reused": stats.conversions_reused,
               # index parts Pagefind ran for (the others: reused); None under serve, which indexes after the build
               "search_indexed": clock.get("indexed"),
               "pages_built": clock.get("pages_built"),  # pages MkDocs built (the others skipped: serve --dirty)
               "rendered": build.renders.misses, "renders_reused": build.renders.hits,
               # pages drawn through the theme's templates here, and taken whole from an earlier build (output_cache)
               "drawn": build.outputs.drawn if build.outputs else None,
               "kept_whole": len(build.outputs.kept - build.outputs.ahead) - kept_in_place if build.outputs else None,
               # pages a second process drew (draw_ahead), taken whole here, and whether it failed
               "drawn_ahead": len(build.drawing.pages) if build.drawing else 0,
               "drawing_failed": build.drawing.failed if build.drawing else None,
               # pages left in the site folder as the last build wrote them (site_folder): not built at all
               "kept_in_place": kept_in_place,
               # pages a second process converted from Markdown (render_ahead), and whether it failed
               "rendered_ahead": len(build.ahead.pages) if build.ahead else 0,
               "ahead_failed": build.ahead.failed if build.ahead else None,
               # script conversions a second process made (convert_ahead), and whether it failed
               "converted_ahead": len(build.converting.pages) if build.converting else 0,
               "converting_failed": build.converting.failed if build.converting else None,
               # seconds this process waited for each second process (converting, rendering, drawing): the
               # splits' costs are right when these stay near 0 (render_ahead.second_half)
               "waited_ahead": [round(ahead.waited, 2) if ahead else None
                                for ahead in (build.converting, build.ahead, build.drawing)],
               "stages": {k: round(v, 3) for k, v in stages.items()}}
    log.debug(f"cleaned {len(stats.cleaned)} of {timings['seeds']} seeds, converted {stats.converted} pages; "
              + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
    try:
        path = build.cache.directory / "timings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(timings, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        log.debug(f"cannot write timings.json: {exc}")
