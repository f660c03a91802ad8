"""The evaluation: the seeds against their hand-made dev gold, and the scorer's rules on small
hand-written predictions and gold (missing and extra units, several leads, several policies
from one file, instruments by their numbers, citations by 文号 or by title)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.cli import main
from policykg.evaluation import evaluate
from policykg.evaluation_input import EvaluationInputError, load_gold
from policykg.generator import generate_corpus

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
CORPUS = Path(__file__).resolve().parents[1] / "policykg" / "corpus"
PRF = ("clauses", "units", "leads", "instruments", "citations")


# --- the seeds --------------------------------------------------------------------------------


def test_extraction_of_the_seeds_scores_one_on_every_field(tmp_path):
    seeds = [str(next(CORPUS.glob(f"{prefix}_*.txt"))) for prefix in ("000", "001")]
    extract = subprocess.run([sys.executable, "-m", "policykg.cli", "extract", *seeds],
                             capture_output=True, text=True, timeout=300, check=True)
    run = subprocess.run([sys.executable, "-m", "policykg.cli", "evaluate", "-", str(GOLD_DIR), "--json"],
                         input=extract.stdout, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    summary = result["summary"]
    assert summary["documents"] == {"gold": 2, "matched": 2, "extra_predicted": 0}
    for field in PRF:
        assert (summary[field]["p"], summary[field]["r"], summary[field]["f1"]) == (1.0, 1.0, 1.0), field
    # the gold's own counts, not the extraction's: 34 + 20 clauses, 3 citations (all in 000)
    assert summary["clauses"]["tp"] == 54 and summary["citations"]["tp"] == 3
    assert summary["units"]["tp"] == 191 and summary["instruments"]["tp"] == 21
    assert summary["functions"] == {"correct": 191, "of": 191, "acc": 1.0}
    assert set(summary["metadata"]) == {"title", "doc_number", "date", "region"}
    assert all(m == {"correct": 2, "of": 2, "acc": 1.0} for m in summary["metadata"].values())
    assert all(doc["misses"] == {} for doc in result["documents"].values())


def test_evaluate_prints_a_table_per_field(tmp_path, capsys):
    prediction = tmp_path / "prediction.json"
    prediction.write_text(json.dumps({"documents": [pred_doc()]}), encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(gold_doc()), encoding="utf-8")
    assert main(["evaluate", str(prediction), str(gold)]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert lines["units"][:3] == ["1.0000", "1.0000", "1.0000"]
    assert lines["metadata.title"] == ["1.0000", "1", "1"]


def test_evaluate_reports_inputs_it_cannot_use(tmp_path, capsys):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(gold_doc()), encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "missing.json"), str(gold)]) == 2
    assert "cannot read the prediction" in capsys.readouterr().err
    prediction = tmp_path / "prediction.json"
    prediction.write_text('{"clauses": []}', encoding="utf-8")
    assert main(["evaluate", str(prediction), str(gold)]) == 2
    assert "policykg extract" in capsys.readouterr().err
    prediction.write_text('{"documents": []}', encoding="utf-8")
    assert main(["evaluate", str(prediction), str(tmp_path / "nowhere")]) == 2
    assert "no gold file or folder" in capsys.readouterr().err


# --- small hand-written pairs -----------------------------------------------------------------


def unit(name: str, function: str = "science_tech", **more) -> dict:
    return {"name": name, "function": function, **more}


def gold_doc(**over) -> dict:
    """A gold document: one clause with two groups, one instrument, one citation."""
    doc = {
        "source": "p.txt", "title": "测试市促进科技成果转化若干措施", "doc_number": "测政发〔2024〕1号",
        "date": "2024-05-01",
        "clauses": [
            {"label": "(一)", "anchors": ["支持技术转移机构"],
             "groups": [[unit("市科技局"), unit("市财政局", "finance")], [unit("市教育局", "education")]]},
            {"label": "(二)", "anchors": ["鼓励高校院所"], "groups": []},
        ],
        "instruments": [{"clause": "(一)", "rate": 0.08, "cap_yuan": 1000000}],
        "citations": ["鄂政办发〔2024〕25号"],
    }
    return {**doc, **over}


def responsible(names_leads: list[tuple[str, str, bool]]) -> list[dict]:
    return [{"name": n, "function": f, "lead": lead} for n, f, lead in names_leads]


def pred_doc(**over) -> dict:
    """The prediction that says exactly what ``gold_doc`` says."""
    doc = {
        "source": "p.txt", "title": "测试市促进科技成果转化若干措施", "doc_number": "测政发〔2024〕1号",
        "date": "2024-05-01", "citations": [{"title": "湖北省促进科技成果转化行动方案", "doc_number": "鄂政办发〔2024〕25号"}],
        "clauses": [
            {"label": "(一)", "text": "(一)支持技术转移机构开展服务,按技术合同成交额的8%给予奖励,最高100万元。",
             "responsible": responsible([("市科技局", "science_tech", True), ("市财政局", "finance", False),
                                         ("市教育局", "education", True)]),
             "instruments": [{"type": "reward", "rate": 0.08, "cap_yuan": 1000000}], "citations": []},
            {"label": "(二)", "text": "(二)鼓励高校院所转化成果。", "responsible": [], "instruments": [],
             "citations": []},
        ],
    }
    return {**doc, **over}


def score(preds: list[dict], golds: list[dict]) -> dict:
    return evaluate(preds, golds)["summary"]


def test_the_prediction_that_says_what_the_gold_says_scores_one():
    s = score([pred_doc()], [gold_doc()])
    assert all(s[f]["f1"] == 1.0 for f in PRF)
    assert s["units"]["tp"] == 3 and s["leads"]["tp"] == 2 and s["functions"]["acc"] == 1.0


def test_a_missing_unit_lowers_recall_only():
    pred = pred_doc()
    del pred["clauses"][0]["responsible"][1]  # 市财政局
    s = score([pred], [gold_doc()])
    assert s["units"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    assert s["leads"]["f1"] == 1.0


def test_an_extra_unit_lowers_precision_only():
    pred = pred_doc()
    pred["clauses"][0]["responsible"].append({"name": "市审计局", "function": "audit", "lead": False})
    s = score([pred], [gold_doc()])
    assert s["units"] == {"p": 0.75, "r": 1.0, "f1": 0.8571, "tp": 3, "fp": 1, "fn": 0}


def test_units_of_a_clause_the_gold_does_not_have_are_false():
    pred = pred_doc()
    pred["clauses"].append({"label": "(三)", "text": "(三)另一条。", "instruments": [], "citations": [],
                            "responsible": responsible([("市科技局", "science_tech", True)])})
    s = score([pred], [gold_doc()])
    assert s["units"]["fp"] == 1 and s["leads"]["fp"] == 1 and s["clauses"]["fp"] == 1
    assert s["clauses"]["r"] == 1.0 and s["clause_recall"] == 1.0


def test_names_compare_without_aliases_spacing_or_a_trailing_deng():
    pred = pred_doc()
    pred["clauses"][0]["responsible"][0]["name"] = "市科技局（市知识产权局）"
    pred["clauses"][0]["responsible"][2]["name"] = "市 教育局等"
    assert score([pred], [gold_doc()])["units"]["f1"] == 1.0


def test_a_bracket_listing_levels_is_read_into_the_name_not_dropped():
    gold = gold_doc()
    gold["clauses"][0]["groups"][0][1]["name"] = "各县(市、区)政府"
    pred = pred_doc()
    pred["clauses"][0]["responsible"][1]["name"] = "各县市区政府"
    assert score([pred], [gold])["units"]["f1"] == 1.0
    pred["clauses"][0]["responsible"][1]["name"] = "各县政府"  # counties alone are fewer bodies
    assert score([pred], [gold])["units"]["fn"] == 1


def test_a_wrong_function_code_is_counted_on_the_units_found():
    pred = pred_doc()
    pred["clauses"][0]["responsible"][1]["function"] = "taxation"
    s = score([pred], [gold_doc()])
    assert s["units"]["f1"] == 1.0 and s["functions"] == {"correct": 2, "of": 3, "acc": 0.6667}


def test_several_leads_in_one_clause_are_the_units_flagged_lead():
    gold = gold_doc()
    # 市科技局、市财政局牵头: two leads in one group, flagged by the annotator
    gold["clauses"][0]["groups"] = [[unit("市科技局", lead=True), unit("市财政局", "finance", lead=True),
                                     unit("市教育局", "education", lead=False)]]
    pred = pred_doc()
    pred["clauses"][0]["responsible"] = responsible([("市科技局", "science_tech", True),
                                                     ("市财政局", "finance", True),
                                                     ("市教育局", "education", False)])
    assert score([pred], [gold])["leads"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 2, "fp": 0, "fn": 0}
    # the first unit of the group alone is half of the leads
    pred["clauses"][0]["responsible"][1]["lead"] = False
    assert score([pred], [gold])["leads"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1}


def test_without_lead_flags_the_first_unit_of_each_group_leads():
    pred = pred_doc()
    pred["clauses"][0]["responsible"][2]["lead"] = False  # 市教育局 leads the second group
    s = score([pred], [gold_doc()])
    assert s["leads"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1}


def two_policies() -> tuple[list[dict], list[dict]]:
    """A notice issuing two attachments, each a policy of its own, from one file."""
    golds, preds = [], []
    for part, title, anchor in (("附件1", "测试市科技成果转化奖励办法", "支持技术转移机构"),
                                ("附件2", "测试市技术经纪人管理办法", "鼓励高校院所")):
        golds.append({"source": "notice.docx", "part": part, "title": title, "doc_number": None, "date": None,
                      "clauses": [{"label": "一、", "anchors": [anchor], "groups": [[unit("市科技局")]]}],
                      "instruments": [], "citations": []})
        preds.append({"source": "notice.docx", "title": title, "doc_number": None, "date": None, "citations": [],
                      "clauses": [{"label": "一、", "text": f"一、{anchor}。", "instruments": [], "citations": [],
                                   "responsible": responsible([("市科技局", "science_tech", True)])}]})
    return golds, preds


def test_two_policies_from_one_file_are_matched_by_title():
    golds, preds = two_policies()
    result = evaluate(list(reversed(preds)), golds)
    assert result["summary"]["documents"] == {"gold": 2, "matched": 2, "extra_predicted": 0}
    assert all(result["summary"][f]["f1"] == 1.0 for f in PRF)
    assert set(result["documents"]) == {"notice.docx [附件1]", "notice.docx [附件2]"}


def test_two_policies_from_one_file_are_matched_by_part_when_both_name_it():
    golds, preds = two_policies()
    preds[0]["part"], preds[1]["part"] = "附件2", "附件1"  # titles disagree with parts: the part decides
    s = evaluate(preds, golds)["summary"]
    assert s["clauses"]["tp"] == 0 and s["clauses"]["fn"] == 2 and s["clauses"]["fp"] == 2


def test_one_policy_predicted_of_two_in_a_file_loses_the_other():
    golds, preds = two_policies()
    s = evaluate([preds[1]], golds)["summary"]
    assert s["documents"] == {"gold": 2, "matched": 1, "extra_predicted": 0}
    assert s["units"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1}


def test_the_whole_notice_as_one_prediction_is_an_extra_document():
    golds, preds = two_policies()
    whole = {**preds[0], "title": "测试市人民政府关于印发两个办法的通知",
             "clauses": preds[0]["clauses"] + preds[1]["clauses"]}
    s = evaluate([whole], golds)["summary"]
    assert s["documents"] == {"gold": 2, "matched": 0, "extra_predicted": 1}
    assert s["units"]["tp"] == 0 and s["units"]["fp"] == 2 and s["units"]["fn"] == 2  # per clause


def test_predictions_of_files_without_gold_are_left_out():
    other = {**pred_doc(), "source": "unannotated.txt"}
    assert score([pred_doc(), other], [gold_doc()])["units"]["fp"] == 0


def test_an_instrument_with_a_wrong_cap_is_not_matched():
    pred = pred_doc()
    pred["clauses"][0]["instruments"][0]["cap_yuan"] = 2000000
    assert score([pred], [gold_doc()])["instruments"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}


def test_an_instrument_matches_within_rounding_and_not_with_a_number_the_gold_lacks():
    pred = pred_doc()
    pred["clauses"][0]["instruments"][0]["rate"] = 0.0800001
    assert score([pred], [gold_doc()])["instruments"]["f1"] == 1.0
    pred["clauses"][0]["instruments"][0]["amount_yuan"] = 50000
    assert score([pred], [gold_doc()])["instruments"]["tp"] == 0


def test_an_instrument_in_another_clause_is_not_matched():
    pred = pred_doc()
    pred["clauses"][1]["instruments"] = pred["clauses"][0]["instruments"]
    pred["clauses"][0]["instruments"] = []
    assert score([pred], [gold_doc()])["instruments"]["tp"] == 0


def test_citations_match_by_wenhao_in_any_bracket_style():
    pred = pred_doc(citations=[{"title": "行动方案", "doc_number": "鄂政办发[2024]25号"}])
    assert score([pred], [gold_doc()])["citations"]["f1"] == 1.0
    pred = pred_doc(citations=[{"title": "行动方案", "doc_number": "鄂政办发〔2024〕26号"}])
    assert score([pred], [gold_doc()])["citations"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}


def test_citations_match_by_title_when_the_gold_gives_one():
    law = "中华人民共和国促进科技成果转化法"
    gold = gold_doc(citations=["鄂政办发〔2024〕25号", {"title": law}])
    pred = pred_doc()
    pred["clauses"][0]["citations"] = [{"title": f"《{law}》", "doc_number": None}]
    assert score([pred], [gold])["citations"]["f1"] == 1.0
    # a gold that cites by title judges the titles a prediction cites without a 文号
    pred["citations"].append({"title": "湖北省创新产品应用示范推荐目录", "doc_number": None})
    assert score([pred], [gold])["citations"]["fp"] == 1
    # one that cites by 文号 only does not
    assert score([pred], [gold_doc()])["citations"]["f1"] == 1.0


def test_a_cited_title_with_a_different_wenhao_is_not_a_match():
    gold = gold_doc(citations=[{"title": "湖北省促进科技成果转化行动方案", "doc_number": "鄂政办发〔2024〕25号"}])
    pred = pred_doc(citations=[{"title": "湖北省促进科技成果转化行动方案", "doc_number": "鄂政办发〔2023〕9号"}])
    assert score([pred], [gold])["citations"]["tp"] == 0


def test_metadata_is_scored_per_field_region_and_issuer_where_the_gold_has_them():
    gold = gold_doc(region="测试市", issuer="测试市人民政府")
    pred = pred_doc(region="测试市", issuer="测试市人民政府办公室", doc_number="测政发[2024]1号", date=None)
    m = score([pred], [gold])["metadata"]
    assert {k: v["correct"] for k, v in m.items()} == {"title": 1, "doc_number": 1, "date": 0, "region": 1,
                                                        "issuer": 0}
    assert set(score([pred], [gold_doc()])["metadata"]) == {"title", "doc_number", "date"}


@pytest.mark.parametrize(("gold_title", "predicted", "correct"), [
    ("2030年<工作报告>任务分工方案", "2030年《工作报告》任务分工方案", 1),
    ("〈工作报告〉重点任务分解表", "《工作报告》重点任务分解表", 1),
    ("2030年<工作报告>任务分工方案", "2030年《工作报告》任务分工", 0),
    ("测试行动方案(2022—2025年)", "测试行动方案(2022―2025年)", 1),
    ("测试行动方案(2022—2025年)", "测试行动方案(2022-2025年)", 1),
    ("测试行动方案(2022—2025年)", "测试行动方案(2022—2026年)", 0),
])
def test_a_title_inside_a_title_counts_whatever_its_marks(gold_title, predicted, correct):
    m = score([pred_doc(title=predicted)], [gold_doc(title=gold_title)])["metadata"]
    assert m["title"]["correct"] == correct


@pytest.mark.parametrize(("gold_region", "predicted", "correct"), [
    ("测试", "测试市", 1),
    ("测试省", "测试", 1),
    ("测试回族自治区", "测试", 1),
    ("测试市", "测验市", 0),
    ("测试市", "测试县", 0),
    ("沙市", "沙", 0),
    ("测试市某某区", "某某区", 1),
    ("测试省测验市某某县", "某某县", 1),
    ("测试市", "测试市某某区", 0),
    ("测试省测验市", "测验市", 1),
    ("测试省测验市", "测试省", 0),
    ("测试市市中区", "市中区", 1),
    ("测试市沙市区", "沙市区", 1),
])
def test_a_region_counts_by_its_name_with_or_without_its_level(gold_region, predicted, correct):
    m = score([pred_doc(region=predicted)], [gold_doc(region=gold_region)])["metadata"]
    assert m["region"]["correct"] == correct


@pytest.mark.parametrize(("gold_title", "predicted", "correct"), [
    ("测试市人民政府办公室关于推进某项工作的通知", "关于推进某项工作的通知", 1),
    ("关于推进某项工作的通知", "测试市人民政府办公室关于推进某项工作的通知", 1),
    ("中共测试市委测试市人民政府关于加快某事的意见", "关于加快某事的意见", 1),
    ("测试省科学技术厅关于某项目的通知", "测验省科学技术厅关于某项目的通知", 1),
    ("关于推进某项工作的通知", "关于推进另一工作的通知", 0),
    ("测试市某某关于推进某项工作的通知", "关于推进某项工作的通知", 0),
    ("某项工作实施方案", "测试市某项工作实施方案", 0),
])
def test_a_title_counts_with_or_without_the_issuers_before_its_guanyu(gold_title, predicted, correct):
    m = score([pred_doc(title=predicted)], [gold_doc(title=gold_title)])["metadata"]
    assert m["title"]["correct"] == correct


def test_a_gold_document_not_predicted_counts_every_item_missed():
    s = score([], [gold_doc()])
    assert s["documents"]["matched"] == 0
    assert s["units"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 3}
    assert s["clauses"]["fn"] == 2


# --- gold files -------------------------------------------------------------------------------


def test_gold_files_hold_one_document_or_several(tmp_path):
    golds, _ = two_policies()
    (tmp_path / "a.json").write_text(json.dumps({"documents": golds}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(gold_doc()), encoding="utf-8")
    assert [d["source"] for d in load_gold(tmp_path)] == ["notice.docx", "notice.docx", "p.txt"]
    assert len(load_gold(tmp_path / "b.json")) == 1


@pytest.mark.parametrize("change, message", [
    (lambda g: g["clauses"].append(dict(g["clauses"][0])), "two clauses are called '(一)'"),
    (lambda g: g["instruments"].append({"clause": "(九)", "rate": 0.1}), "names no clause"),
    (lambda g: g["clauses"][0].pop("anchors"), "anchors"),
    (lambda g: g["citations"].append({"kind": "law"}), "a citation is"),
])
def test_a_gold_file_of_the_wrong_shape_is_refused_with_where(tmp_path, change, message):
    gold = gold_doc()
    change(gold)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(EvaluationInputError, match="bad.json") as err:
        load_gold(path)
    assert message in str(err.value)


def test_clauses_with_the_same_label_are_told_apart_by_id():
    gold = gold_doc()
    gold["clauses"][1] = {"id": "2-1", "label": "(一)", "anchors": ["鼓励高校院所"], "groups": []}
    gold["instruments"] = [{"clause": "(一)", "rate": 0.08, "cap_yuan": 1000000}]
    pred = pred_doc()
    pred["clauses"][1]["label"] = "(一)"
    assert all(score([pred], [gold])[f]["f1"] == 1.0 for f in PRF)


def test_an_anchor_printed_with_pinyin_glosses_finds_its_cleaned_clause():
    gold = gold_doc()
    gold["clauses"][0]["anchors"] = ["支持技術(shù)轉(zhuǎn)移機構"]
    gold["clauses"][1]["anchors"] = ["鼓励高校院(yuàn )所"]
    pred = pred_doc()
    pred["clauses"][0]["text"] = "(一)支持技術轉移機構開展服務,按技術合同成交額的8%給予獎勵,最高100萬元。"
    assert all(score([pred], [gold])[f]["f1"] == 1.0 for f in PRF)
    gold["clauses"][1]["anchors"] = ["鼓励高校(ABC)院所"]  # a bracket without a tone mark is text
    assert score([pred], [gold])["clauses"]["fn"] == 1


def test_the_generated_truth_is_gold_the_scorer_reads(tmp_path):
    report = generate_corpus(4, 3, tmp_path, style="seed")
    golds = load_gold(report.truth_dir)
    assert len(golds) == 4
    # every truth clause and instrument is addressable, so a prediction of the truth scores one
    preds = [{"source": g["source"], "title": g["title"], "doc_number": g["doc_number"], "date": g["date"],
              "region": g["region"],
              "citations": [{"title": None, "doc_number": c} for c in g["citations"]],
              "clauses": [{"label": c["label"], "text": "".join(c["anchors"]), "citations": [],
                           "responsible": [{**u, "lead": i == 0} for grp in c["groups"] for i, u in enumerate(grp)],
                           "instruments": [i for i in g["instruments"] if i["clause"] == c["label"]]}
                          for c in g["clauses"]]} for g in golds]
    s = score(preds, golds)
    assert s["units"]["tp"] > 0 and s["instruments"]["tp"] > 0
    assert all(s[f]["f1"] == 1.0 for f in PRF) and s["metadata_acc"] == 1.0
