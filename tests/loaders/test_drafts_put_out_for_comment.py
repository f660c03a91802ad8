"""A call for comments naming the draft it puts out (起草了《甲措施(公开征求意见稿)》): the draft is
the policy itself, whatever the words of its draft mark, no citation. Made-up calls."""

from __future__ import annotations

import pytest

from policykg.loaders.citations import find_citations


@pytest.mark.parametrize("mark", ["征求意见稿", "公开征求意见稿", "意见征求稿"])
def test_the_draft_a_call_puts_out_is_no_citation_of_its_own(mark: str) -> None:
    text = (f"省财政厅、省科技厅起草了《甘肃省财政支持科技创新若干措施({mark})》,现面向社会公开征求意见。"
            "起草中参照了《甘肃省科技创新规划》。")
    titles = [c.title for c in find_citations(text, own_title="甘肃省财政支持科技创新若干措施")]
    assert titles == ["甘肃省科技创新规划"]
