"""A whole text run into one line that opens inside a part ((一)…,(三)…) and reaches the next
part (…,二、工作要求(一)…,(三)…): the part label after a comma, its short heading glued to a
new first item, opens that part, and its items are clauses again. Made-up texts."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_DIGEST = ("各有关单位:为做好科技特派员工作,现就有关事项通知如下,(一)县级科技部门的职责统筹全县科技特派员选派工作,"
           "负责组织培训,(三)派出单位的职责做好人员保障,及时报送工作情况,二、工作要求(一)任务周期科技特派员服务周期一般为2年,"
           "派出单位应加强管理,(四)考核评价年度考核由县级科技部门组织,三、保障措施(一)经费保障县财政安排专项经费支持"
           "科技特派员开展服务,(二)宣传推广及时总结推广典型经验。")

_RUNNING = ("各有关单位:现就有关事项通知如下,(一)县级科技部门负责统筹全县工作,(二)派出单位负责人员保障,"
            "二、各派出单位要切实加强组织领导和日常管理确保派驻任务全部落到实处(一)任务周期一般为2年。")


def test_a_part_label_after_a_comma_over_a_new_first_item_opens_the_next_part(pipeline: Pipeline,
                                                                             tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _DIGEST)
    assert [c.label for c in doc.clauses] == ["(一)", "(三)", "(一)", "(四)", "(一)", "(二)"]
    text = doc.clean.normalized
    assert text[doc.clauses[2].start:].startswith("(一)任务周期")
    assert text[doc.clauses[4].start:].startswith("(一)经费保障")


def test_a_part_label_before_a_sentence_opens_nothing(pipeline: Pipeline,
                                                                               tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _RUNNING)
    assert [c.label for c in doc.clauses] == ["(一)", "(二)"]
