from conftest import SITE
from options import tag_vocabulary
from seedtext.tags import tags_for_text


def test_campaign_and_city_found_through_synonyms_and_patterns():
    rules = SITE.tags.rules
    found = {(r.group, r.name) for r in tags_for_text(rules, "湘潭市公安局开展百日攻坚，构建1、3、5分钟快速反应圈")}
    assert {("城市", "湘潭"), ("机构", "公安"), ("战役与机制", "百日会战"), ("战役与机制", "快速反应圈")} <= found
    assert ("城市", "株洲") not in found


def test_a_malformed_tag_is_named_with_its_key_and_value_and_left_out_the_others_apply(tmp_path):
    path = tmp_path / "tags.yml"
    path.write_text("主题:\n  反诈: {synonyms: [电诈]}\n  禁毒: {patterns: ['(']}\n  扫黑: {synonym: [黑恶]}\n"
                    "  交通: {synonyms: 交警}\n  命案: {synonyms: [命案, '']}\n城市: 长沙\n", encoding="utf-8")
    vocabulary = tag_vocabulary(path)
    assert [r.name for r in vocabulary.rules] == ["反诈"]
    assert vocabulary.words == ("反诈", "电诈")
    problems = "\n".join(vocabulary.problems)
    assert "data/tags.yml: 主题 → 禁毒: key 'patterns' = ['(']: '(' is not a regular expression" in problems, problems
    assert "data/tags.yml: 主题 → 扫黑: unknown key 'synonym' = ['黑恶'] (known: synonyms, patterns)" in problems
    assert "data/tags.yml: 主题 → 交通: key 'synonyms' = '交警': Expected a list of items" in problems
    assert "data/tags.yml: 主题 → 命案: key 'synonyms' = ['命案', '']: '' is empty" in problems
    assert "data/tags.yml: group 城市: expected its tags" in problems and "got '长沙'" in problems
    assert len(vocabulary.problems) == 5
    assert all(p.endswith("left out, the others apply") or "group is left out" in p for p in vocabulary.problems)


def test_a_tags_file_that_is_not_yaml_is_named_with_its_line(tmp_path):
    path = tmp_path / "tags.yml"
    path.write_text("主题:\n  反诈: {synonyms: [电诈\n", encoding="utf-8")
    vocabulary = tag_vocabulary(path)
    assert vocabulary.rules == () and len(vocabulary.problems) == 1
    assert vocabulary.problems[0].startswith("data/tags.yml: not valid UTF-8 YAML (line "), vocabulary.problems
