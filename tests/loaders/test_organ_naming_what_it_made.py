"""A page with no heading that opens on the organ making a document (省甲厅研究制定了《乙细则》,…)
names the text it prints: that document is its title. Made-up pages."""

from __future__ import annotations

from .texts import meta


def test_an_organ_making_a_document_in_the_opening_sentence_titles_the_page() -> None:
    text = ("省科学技术厅研究制定了《甘肃省科技型中小企业梯度培育实施细则》,进一步加强科技型中小企业培育工作,"
            "科技型中小企业是指创新能力强、成长性好的中小企业,由三个层次组成。\n")
    assert meta(text)["title"] == "甘肃省科技型中小企业梯度培育实施细则"


def test_a_document_an_organ_made_before_named_as_the_basis_titles_nothing() -> None:
    text = ("根据省科学技术厅制定的《甘肃省科技型中小企业梯度培育实施细则》,各市加强科技型中小企业培育工作,"
            "科技型中小企业是指创新能力强、成长性好的中小企业。\n")
    assert meta(text)["title"] != "甘肃省科技型中小企业梯度培育实施细则"
