"""Measure words: 只 counting animals, boats and the like (一只候鸟, 上万只, 57只) is 隻 in Traditional
script; 只 'only' (只有, 只是, 他只说) stays 只. OpenCC knows the measure word only inside its own
phrases (一隻, 兩隻), not after a figure or an estimate (57只, 上万只, 十几只)."""

from __future__ import annotations

from .words import Token

MEASURE = "只"
MEASURE_TRADITIONAL = "隻"
# Words that point at one thing: 这只猕猴 counts, 这只是 does not (the noun after it decides).
DEMONSTRATIVES = frozenset({"这", "那", "每", "哪", "某", "该"})


def counts(tokens: list[Token], at: int) -> bool:
    """Does the 只 that ends token `at` count something? jieba reads a numeral with its measure word as
    one numeral (上万只/m, 十几只/m); after a figure it leaves 只 alone (57|只), and a number before
    it decides; after 这, 那, 每 … a noun after it does (这只猕猴, not 这只是)."""
    token = tokens[at]
    if not token.word.endswith(MEASURE):
        return False
    if len(token.word) > 1:
        return token.tag == "m"
    if at == 0:
        return False
    if tokens[at - 1].word in DEMONSTRATIVES:  # 这|只|猕猴, not 这|只|说明
        return at + 1 < len(tokens) and tokens[at + 1].tag.startswith("n")
    return tokens[at - 1].numeral
