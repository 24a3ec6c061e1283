from pathlib import Path

from seedtext.tags import load_vocabulary, tags_for_text

VOCABULARY = Path(__file__).resolve().parents[1] / "data" / "tags.yml"


def test_campaign_and_city_found_through_synonyms_and_patterns():
    rules = load_vocabulary(VOCABULARY)
    found = {(r.group, r.name) for r in tags_for_text(rules, "湘潭市公安局开展百日攻坚，构建1、3、5分钟快速反应圈")}
    assert {("城市", "湘潭"), ("机构", "公安"), ("战役与机制", "百日会战"), ("战役与机制", "快速反应圈")} <= found
    assert ("城市", "株洲") not in found
