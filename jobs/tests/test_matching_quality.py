"""The labelled matching set (bench/data/matching) through the real ingest and refresh meets its targets.

It runs the whole set — every persona's postings ingested as a board's, every pair scored by
`matches_refresh` — in a few seconds, so it is an ordinary test: a change to the reader, the
gazetteer, the families or the score that makes the matches worse fails here.
"""

import pytest

from bench import matching_quality as quality

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def set_on_disk():
    return quality.load_set()


def test_the_set_has_at_least_eight_personas_with_eighty_graded_postings_each(set_on_disk):
    personas, postings = set_on_disk
    assert len(personas) >= 8
    for persona in personas:
        rows = postings[persona["key"]]
        assert len(rows) >= 80, persona["key"]
        assert all(row["grade"] in (0, 1, 2, 3) and row["reason"] and row["traps"] for row in rows)
        assert all(100 <= len(row["description"].split()) <= 200 for row in rows)


@pytest.mark.parametrize("batch", [path for path, _, _ in quality.HELDOUT_BATCHES], ids=lambda path: path.name)
def test_each_held_out_batch_has_three_personas_with_forty_graded_postings_of_their_own(batch):
    # given the batch, the main set and the other batches
    personas, postings = quality.load_set(batch)
    earlier = [quality.load_set(), *(quality.load_set(path) for path, _, _ in quality.HELDOUT_BATCHES if path != batch)]
    # then: new personas and new postings (ids and texts), every pair graded with a reason and its traps
    assert len(personas) >= 3 and not {p["key"] for p in personas} & {p["key"] for other, _ in earlier for p in other}
    seen_texts = {row["description"] for _, other in earlier for rows in other.values() for row in rows}
    seen_ids = {row["id"] for _, other in earlier for rows in other.values() for row in rows}
    for persona in personas:
        rows = postings[persona["key"]]
        assert len(rows) >= 40, persona["key"]
        assert all(row["grade"] in (0, 1, 2, 3) and row["reason"] and row["traps"] for row in rows)
        assert not {row["id"] for row in rows} & seen_ids and not {row["description"] for row in rows} & seen_texts
    traps = {trap for rows in postings.values() for row in rows for trap in row["traps"]}
    assert {"region", "visa", "clearance", "employment_type", "salary", "seniority_above", "seniority_below",
            "role_family", "keyword_stuffing", "title_synonym", "title_lookalike", "blocklist"} <= traps


def test_the_matches_meet_the_quality_targets():
    # when
    result = quality.evaluate()
    # then
    worst = sorted(result.ndcg.items(), key=lambda item: item[1])[:3]
    assert result.mean_ndcg >= quality.TARGET_NDCG, f"NDCG@10 {result.mean_ndcg:.3f}; worst {worst}"
    assert result.mean_precision >= quality.TARGET_PRECISION, f"precision@5 {result.mean_precision:.2f}: {result.precision}"
    assert not result.blocked_high, [(p.persona, p.title, p.score, p.blockers) for p in result.blocked_high]


def test_ndcg_is_one_for_a_perfect_ranking_and_less_for_a_reversed_one():
    assert quality.ndcg_at([3, 2, 1, 0]) == 1.0
    assert quality.ndcg_at([0, 1, 2, 3]) < 0.6
