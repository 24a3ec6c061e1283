"""Search in every script variant (no MkDocs import; the hook calls these).

- Segmentation: Material's search plugin cuts Han text with jieba, whose dictionary is
  Simplified. `script_aware_dictionary` writes jieba's dictionary merged with a copy converted
  into every variant's script, so Traditional text is cut into the same words as Simplified.
- One index per variant: `split_index` divides the plugin's single index by variant root
  (locations relative to the root), so results come only from the reader's script.
- Cross-script matching: each entry gets an `alt` field with the words its twins in the other
  scripts spell differently (反詐 beside 反诈), so a query typed in either script finds it.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .cleaning.text import HAN_CHARACTER

# The extra field of every index entry; its weight relative to `text` (boost 1).
ALT_FIELD = "alt"
ALT_BOOST = 1.0

_TAG = re.compile(r"<[^>]+>")


def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def merge_dictionary(base: str, converted: Iterable[str]) -> str:
    """jieba dictionary text (`word freq [tag]` lines) plus the lines of converted copies whose word is new."""
    lines = base.splitlines()
    words = {line.split(" ", 1)[0] for line in lines}
    out = list(lines)
    for text in converted:
        for line in text.splitlines():
            word = line.split(" ", 1)[0]
            if word and word not in words:
                words.add(word)
                out.append(line)
    return "\n".join(out) + "\n"


def script_aware_dictionary(base: str, converters: dict[str, Callable[[str], str]], cache_dir: Path,
                            key: str = "") -> Path:
    """Write (once per input) the merged jieba dictionary into cache_dir and return its path.

    converters: variant name -> function converting Simplified text into that variant's script.
    key: anything else the result depends on (OpenCC version, phrase file stamp)."""
    digest = hashlib.sha256("\n".join([base, *sorted(converters), key]).encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"jieba-{digest}.txt"
    if not path.exists():
        _write_if_changed(path, merge_dictionary(base, (conv(base) for conv in converters.values())))
    return path


# ---------------------------------------------------------------------------------------------
# The index


def words(entry: dict, separator: re.Pattern) -> list[str]:
    """The words of an index entry's title and text (the plugin has already cut Han text with U+200B)."""
    text = html.unescape(_TAG.sub(" ", entry.get("title", "") + " " + entry.get("text", "")))
    return [w for w in separator.split(text) if w]


def _page_and_ordinal(docs: list[dict], prefix: str) -> dict[tuple[str, int], dict]:
    """Entries of one variant keyed by (page path, section number): headings' anchors differ per script."""
    keyed: dict[tuple[str, int], dict] = {}
    counts: dict[str, int] = {}
    for doc in docs:
        page = doc["location"][len(prefix):].split("#", 1)[0]
        n = counts.get(page, 0)
        counts[page] = n + 1
        keyed[(page, n)] = doc
    return keyed


def split_index(index: dict, roots: list[str]) -> tuple[dict[str, dict], dict]:
    """The plugin's index -> (one index per variant root, the index of what is in no variant).

    Locations become relative to the variant root; every entry gets an `alt` field with the Han
    words of its twins (same page, same section, other variants) that it does not contain itself."""
    separator = re.compile(index["config"]["separator"])
    config = dict(index["config"], fields={**index["config"]["fields"], ALT_FIELD: {"boost": ALT_BOOST}})
    by_root = {root: [d for d in index["docs"] if d["location"].startswith(root + "/")] for root in roots}
    keyed = {root: _page_and_ordinal(docs, root + "/") for root, docs in by_root.items()}
    result = {}
    for root in roots:
        docs = []
        for key, doc in keyed[root].items():
            # Words are cut per entry as needed, never kept for the whole index: at 1,000 articles the
            # kept word lists were 400 MB of the build's peak memory (bench/results.md).
            own = set(words(doc, separator))
            alt: list[str] = []
            for other in roots:
                twin = keyed[other].get(key) if other != root else None
                if twin is None:
                    continue
                for word in words(twin, separator):
                    if word not in own and HAN_CHARACTER.search(word):
                        own.add(word)
                        alt.append(word)
            entry = dict(doc, location=doc["location"][len(root) + 1:])
            if alt:
                entry[ALT_FIELD] = " ".join(alt)
            docs.append(entry)
        result[root] = {**index, "config": config, "docs": docs}
    in_variant = {id(d) for docs in by_root.values() for d in docs}
    rest = {**index, "docs": [d for d in index["docs"] if id(d) not in in_variant]}
    return result, rest


def use_script_aware_jieba(variants, cache_dir: Path) -> Path | None:
    """Point jieba (the tokenizer Material's search plugin calls) at the dictionary merged with every
    converted variant's script. Returns the dictionary, or None without jieba or converted variants."""
    try:
        import jieba
    except ImportError:
        return None
    from . import convert

    converted = [v for v in variants if v.opencc]
    if not converted:
        return None
    cache_dir = Path(cache_dir)
    current = jieba.dt.dictionary
    # Under `mkdocs serve` jieba still holds last build's merged dictionary: merge from its base again.
    base_dict = None if current and Path(current).parent == cache_dir.resolve() else current
    base = jieba.Tokenizer(base_dict).get_dict_file().read().decode("utf-8")
    stamps = [f"{v.root}:{v.opencc}:{Path(v.phrases).read_text(encoding='utf-8') if v.phrases else ''}"
              for v in converted]
    converters = {v.root: (lambda text, v=v: convert.convert(text, v.opencc, v.phrases)) for v in converted}
    path = script_aware_dictionary(base, converters, cache_dir.resolve(),
                                   key="\n".join([convert.opencc.__version__, *stamps]))
    if jieba.dt.dictionary != str(path):
        jieba.set_dictionary(str(path))
    teach_hmm(jieba.finalseg.emit_P, converters.values())
    return path


def teach_hmm(emit_p: dict[str, dict[str, float]], converters: Iterable[Callable[[str], str]]) -> None:
    """jieba finds words missing from its dictionary (反诈, names) with an HMM trained mostly on
    Simplified text: some Traditional characters (about 50 a state) have no probability at all.
    Give those their Simplified twin's, so new words are found alike in both scripts."""
    chars = sorted({c for state in emit_p.values() for c in state})
    for conv in converters:
        converted = conv("\n".join(chars)).split("\n")  # one character a line: no phrase context
        if len(converted) != len(chars):
            continue
        for state in emit_p.values():
            for simplified, other in zip(chars, converted, strict=True):
                if other != simplified and len(other) == 1 and other not in state and simplified in state:
                    state[other] = state[simplified]


# ---------------------------------------------------------------------------------------------
# The query side, in Material's search worker

# Material 9.8.1 cuts a Chinese query into index words with a function that never tests the
# whole query (`o<t.length`) and drops the tail after a one-character word: 反诈 became 反* and
# matched every page with 反映, 反馈 ... (its own comment calls it experimental).
MATERIAL_QUERY_SEGMENTER = re.compile(
    r"function (\w+)\((\w+),(\w+)\)\{let \w+=new Set,\w+=new Uint16Array\(\2\.length\);.*?"
    r"return \w+\.has\(\"\"\)\?new Set\(\[\2\]\):\w+\}"
)


def forward_maximum_matching_js(name: str) -> str:
    """The replacement, same name and contract (query, inverted index) -> Set of terms: at each
    position the longest index word; a character no index word starts with stands alone."""
    return (
        f"function {name}(q,idx){{let out=[];for(let i=0;i<q.length;){{let j=q.length;"
        "for(;j>i+1&&!(q.slice(i,j)in idx);j--);out.push(q.slice(i,j));i=j}return new Set(out)}"
    )


def fix_query_segmentation(worker_js: str) -> tuple[str, bool]:
    """Material's search worker with the query segmenter replaced; False if it was not found (other version)."""
    found = MATERIAL_QUERY_SEGMENTER.search(worker_js)
    if not found:
        return worker_js, "(q,idx){let out=[]" in worker_js  # already fixed (a copy kept from the last build)
    return worker_js[:found.start()] + forward_maximum_matching_js(found.group(1)) + worker_js[found.end():], True


# Material 9.8's bundle starts loading the search index as soon as any page opens: the search worker
# does on http (on file: only when search is opened), and search.highlight asks for it on every page
# although it only uses it on a page opened from a result (?h=…). At 1,000 articles that is 13 MB
# gzipped before the reader reads a line (bench/results.md). Load it when the reader opens search;
# highlight only on pages opened from a result (the index is then in the browser's cache).
MATERIAL_EAGER_WORKER = 'location.protocol!=="file:"),'
LAZY_WORKER = "!1/*index loads when search opens*/),"
MATERIAL_EAGER_HIGHLIGHT = re.compile(r'(\w+)\("search\.highlight"\)\?(\w+\(e,\{index\$:)')
LAZY_HIGHLIGHT = r'\1("search.highlight")&&new URLSearchParams(location.search).has("h")?\2'


def load_index_on_search(bundle_js: str) -> tuple[str, bool]:
    """Material's bundle with the search index loaded on first use; False if a spot was not found."""
    if LAZY_WORKER in bundle_js:
        return bundle_js, True  # already patched (a copy kept from the last build)
    highlight = MATERIAL_EAGER_HIGHLIGHT.findall(bundle_js)
    if bundle_js.count(MATERIAL_EAGER_WORKER) != 1 or len(highlight) != 1:
        return bundle_js, False
    return MATERIAL_EAGER_HIGHLIGHT.sub(LAZY_HIGHLIGHT, bundle_js.replace(MATERIAL_EAGER_WORKER, LAZY_WORKER)), True
