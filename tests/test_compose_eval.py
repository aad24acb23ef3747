"""The composed-pages evaluation (pipeline/evaluation/compose_eval.py) on invented articles."""

import json

from pipeline.evaluation import compose_eval as ce

RECORDS = [
    {"id": "X-01", "title": "云溪区召开防汛工作会议", "official_posts": [["王小明", "记者"], ["李华", "编辑"]],
     "text": "云溪区召开防汛工作会议\n\n本报讯(记者 王小明)6月3日,云溪区召开防汛工作会议,部署汛期各项工作。\n会议要求,各部门要压实责任,确保安全度汛。\n编辑:李华"},
    {"id": "X-02", "title": None, "official_posts": [],
     "text": "近日,桐林街道组织志愿者走进社区,为老人提供义诊服务。\n活动现场气氛热烈,居民们纷纷表示收获很大。"},
    {"id": "X-03", "title": "青枫镇举办农民丰收节", "official_posts": [["赵一", "通讯员"]],
     "text": "青枫镇举办农民丰收节\n9月23日,青枫镇举办农民丰收节,展示当地特色农产品。\n镇相关负责人表示,将继续擦亮品牌。(通讯员 赵一)"},
    {"id": "X-04", "title": "滨河路改造工程完工", "official_posts": [],
     "text": "滨河路改造工程完工\n日前,滨河路改造工程顺利完工,道路通行能力明显提升。\n下一步,将继续推进周边配套建设。"},
]


def test_pages_hold_three_to_five_articles_each_round():
    pages = ce.compose_pages(RECORDS * 2, seed=1, rounds=1)
    assert all(3 <= len(p.pieces) <= 8 for p in pages)
    assert sum(len(p.pieces) for p in pages) == 8


def test_rendered_spans_are_the_articles():
    page = ce.compose_pages(RECORDS, seed=3, rounds=1)[0]
    for noised in (False, True):
        raw, spans = ce.render(page, noised)
        assert len(spans) == len(page.pieces)
        assert raw.count("# ") <= 1  # one heading mark per page at most
        for piece, (s, e) in zip(page.pieces, spans):
            if not noised:
                assert raw[s:e] == piece.text
            assert raw[s:e].strip()


def test_cut_headline_drops_the_first_line():
    piece = ce._piece(RECORDS[0], keep_title=False)
    assert piece.title is None and piece.text.startswith("本报讯")
    assert ce._piece(RECORDS[1], keep_title=False).text == RECORDS[1]["text"]


def test_gold_authors_use_credit_roles_only():
    assert ce.gold_authors({"official_posts": [["王 小明", "本报记者"], ["张三", "区长"], ["李华", "责编"]]}) == {
        ("王小明", "记者"): 1, ("李华", "责任编辑"): 1}


def test_evaluation_runs_on_a_small_corpus(tmp_path):
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    result = ce.evaluate_composed(corpus)
    for version in ("clean", "noised", "mixed"):
        assert 0 <= result[version]["f1"] <= 1 and result[version]["gold"] == len(RECORDS) * ce.ROUNDS
    assert "noise_drop" in result


def test_mean_over_seeds_averages_scores_and_sums_counts(tmp_path):
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    results = [ce.evaluate_composed(corpus, seed) for seed in (0, 1)]
    merged = ce.mean_over_seeds(results)
    assert merged["seed"] == [0, 1]
    for version in ("clean", "noised", "mixed"):
        assert merged[version]["gold"] == sum(r[version]["gold"] for r in results)
        assert merged[version]["f1"] == round((results[0][version]["f1"] + results[1][version]["f1"]) / 2, 4)
    assert ce.mean_over_seeds(results[:1])["clean"] == results[0]["clean"]
