"""Make N synthetic seed files by degrading recombined sentences of the real seeds.

Deterministic for a given RNG seed; each article is a different mix of sentences,
titles and cities, hard-wrapped at varied widths like the real scans.
"""

import random
import re
from pathlib import Path

CITIES = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底"]


def sentences(seeds_dir: Path) -> list[str]:
    text = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in sorted(seeds_dir.glob("*.txt")))
    flat = re.sub(r"\s+", "", text)
    return [s for s in re.findall(r"[^。！？]*[。！？]", flat) if 8 <= len(s) <= 200]


def degrade(paragraphs: list[str], rng: random.Random) -> str:
    width = rng.randint(8, 22)
    out = []
    for para in paragraphs:
        if rng.random() < 0.2:
            para = para.replace("，", ",").replace("：", ":")
        lines = [para[i:i + width] for i in range(0, len(para), width)]
        if rng.random() < 0.1:
            lines = [" ".join(line) for line in lines]  # letter-spaced
        out.append("\n".join(lines))
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    return sep.join(out)


def make_article(pool: list[str], rng: random.Random) -> str:
    city = rng.choice(CITIES)
    year = rng.randint(2018, 2025)
    title = rng.choice(pool)[:rng.randint(8, 16)].rstrip("，。")
    paragraphs = [
        "".join(rng.sample(pool, rng.randint(2, 6))) for _ in range(rng.randint(15, 40))
    ]
    caption = "图为" + rng.choice(pool)[:20] + " 记者 摄"
    paragraphs.insert(rng.randint(1, len(paragraphs)), caption)
    head = f"\n\n{title}\n\n——{year}年{city}公安工作综述\n\n记者 王明 李华\n\n\n"
    return head + degrade(paragraphs, rng) + "\n"


def make_corpus(seeds_dir: Path, dest: Path, count: int, rng_seed: int = 7) -> list[Path]:
    rng = random.Random(rng_seed)
    pool = sentences(seeds_dir)
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = dest / f"{index:04d}_bench.txt"
        path.write_text(make_article(pool, rng), encoding="utf-8")
        paths.append(path)
    return paths
