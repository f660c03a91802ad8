"""Metadata of pages about a policy. A law database marks a title with its status (…的通知【全文
废止】): the 文号 on the line under it is still the document's own, not the number of a document it
repeals. A page naming its basis (政策依据:《…》) applies where that document does. Made-up text."""

from __future__ import annotations

from .texts import meta

TAGGED = ("甲市人民政府办公室关于印发甲市促进技术转移实施意见的通知【全文废止】\n"
          "甲政办发〔2030〕12号\n"
          "各县(市、区)人民政府,市政府各部门:\n"
          "《甲市促进技术转移实施意见》已经市政府同意,现印发给你们,请认真贯彻执行。\n")


def test_the_number_under_a_status_tagged_title_is_the_documents_own():
    assert meta(TAGGED)["doc_number"] == "甲政办发〔2030〕12号"


def test_a_number_the_same_line_says_is_repealed_is_still_not_the_documents_own():
    text = "关于废止甲政办发〔2030〕12号文件的通知\n各县(市、区)人民政府:\n现决定废止该文件。\n"
    assert meta(text)["doc_number"] is None



def test_a_page_placed_nowhere_else_applies_where_the_document_it_rests_on_does():
    text = "对新认定的企业给予5万元补助。\n政策依据:《关于印发〈合肥市企业研发补助办法〉的通知》\n"
    assert meta(text)["region"] == "合肥市"
    # a title merely mentioned, not named as the page's basis, places nothing
    assert meta(text.replace("政策依据:", "参阅:"))["region"] is None
