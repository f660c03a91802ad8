"""A list of supporting bodies after 会同 in running text (由甲局牵头,会同乙局、丙局推动…) ends at
the verb of the task that follows it, whichever common verb that is. Made-up sentences."""

from __future__ import annotations

import pytest

from .texts import inline_units


@pytest.mark.parametrize("verb", ["推动", "开展", "制定", "研究制定", "建立", "完善", "加快", "做好", "培育"])
def test_a_joint_list_ends_at_the_tasks_verb(verb: str) -> None:
    text = f"(一)建设算力中心。由省发展改革委牵头,会同省工业和信息化厅、省财政厅{verb}算力设施布局工作。"
    assert inline_units(text) == [("省发展改革委", True), ("省工业和信息化厅", False), ("省财政厅", False)]


def test_a_body_whose_name_holds_a_task_word_is_still_read_whole() -> None:
    text = "(二)完善住房保障。由市住房和城乡建设局牵头,会同市财政局、市自然资源和规划局推动保障房建设。"
    assert inline_units(text) == [("市住房和城乡建设局", True), ("市财政局", False), ("市自然资源和规划局", False)]
