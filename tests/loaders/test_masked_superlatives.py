"""A superlative a site masked with an asterisk (*高 for 最高: some sites may not print 最) still
caps the grant it limits; an asterisk elsewhere (a masked word before 高科技, a multiplication) is
left as it is. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.cleaning import normalize
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import figures
from .texts import read


def test_a_masked_highest_before_a_figure_reads_as_highest() -> None:
    for masked, plain in (("给予*高80万元支持", "给予最高80万元支持"), ("每年*高补贴40万元/家", "每年最高补贴40万元/家"),
                          ("*高不超过6万元", "最高不超过6万元"), ("再给予*高2%", "再给予最高2%")):
        assert normalize(masked) == plain


def test_an_asterisk_that_masks_no_highest_is_kept() -> None:
    for text in ("建设世界**高科技园区", "登记奖励:3%*实际成交额", "*高端装备", "新增*高校3所"):
        assert normalize(text) == text


def test_a_masked_cap_caps_the_grant_instead_of_being_paid_in_full(ex: InstrumentExtractor) -> None:
    assert figures(ex, normalize("对新建的甲类中试平台给予*高80万元资金支持。")) == [(None, 800_000, None)]
    assert figures(ex, normalize("按技术交易额的3%给予奖励,每家每年*高40万元。")) == [(0.03, 400_000, None)]


def test_a_masked_copy_read_by_the_pipeline_keeps_its_caps(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, "甲区促进成果转化办法\n一、对区内企业购买技术成果的,按合同额的5%给予补贴,每年*高补贴40万元/家。\n"
                                   "二、对新认定的乙类平台,给予*高150万元建设支持。\n")
    caps = [(i.rate, i.cap_yuan, i.amount_yuan) for c in doc.clauses for p in c.provisions for i in p.instruments
            if i.cap_yuan or i.amount_yuan]
    assert caps == [(0.05, 400_000, None), (None, 1_500_000, None)]
