"""benchmarks/real_documents.py on a tiny dev set written here: two invented policies and
their gold. The real dev set lives outside the repository; this tests the script itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "benchmarks" / "real_documents.py"
POLICYKG = Path(sys.executable).with_name("policykg")

TEXT_A = """某市促进科技成果转化若干措施

为加快科技成果转化,制定本措施。

(一)支持企业购买科技成果。对企业购买高校院所科技成果的,按技术交易额的10%给予补助,最高100万元。(责任单位:市科技局、市财政局)

(二)培育技术经理人队伍。对促成技术交易的技术经理人给予奖励。(责任单位:市人社局)
"""

TEXT_B = """某县科技创新奖励办法

第一条 为鼓励企业科技创新,根据《中华人民共和国促进科技成果转化法》,制定本办法。

第二条 对首次认定的高新技术企业,一次性奖励20万元。

第三条 本办法由县科技局负责解释。
"""

GOLD_A = {
    "source": "a.txt", "title": "某市促进科技成果转化若干措施", "doc_number": None, "date": None,
    "clauses": [
        {"label": "(一)", "anchors": ["支持企业购买科技成果"],
         "groups": [[{"name": "市科技局", "function": "science_tech", "lead": True},
                     {"name": "市财政局", "function": "finance"}]]},
        # 市审计局 is not in the text: the gold asks for a unit no extraction can find
        {"label": "(二)", "anchors": ["培育技术经理人队伍"],
         "groups": [[{"name": "市人社局", "function": "human_resources", "lead": True},
                     {"name": "市审计局", "function": "audit"}]]},
    ],
    "instruments": [{"clause": "(一)", "beneficiary": "enterprise", "rate": 0.1, "cap_yuan": 1000000}],
    "citations": [],
}

GOLD_B = {
    "source": "b.txt", "title": "某县科技创新奖励办法", "doc_number": None, "date": None,
    "clauses": [{"label": "第一条", "anchors": ["为鼓励企业科技创新"], "groups": []},
                {"label": "第二条", "anchors": ["对首次认定的高新技术企业"], "groups": []},
                {"label": "第三条", "anchors": ["本办法由县科技局负责解释"], "groups": []}],
    "instruments": [{"clause": "第二条", "beneficiary": "enterprise", "amount_yuan": 200000}],
    "citations": [{"title": "中华人民共和国促进科技成果转化法"}],
}


@pytest.fixture()
def devset(tmp_path: Path) -> Path:
    """A dev-set folder with texts/ and gold/ as POLICYKG_DEVSET expects."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "texts" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    for name, gold in (("a", GOLD_A), ("b", GOLD_B)):
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "POLICYKG_DEVSET"}
    environ.update(env or {})
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=environ, cwd=REPO, timeout=300)


def test_figures_are_the_scorers_on_the_extraction(devset: Path, tmp_path: Path) -> None:
    done = _run(str(devset / "texts"), str(devset / "gold"), "--json",
                "--prediction", str(tmp_path / "kept.json"))
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["documents"] == {"gold": 2, "matched": 2, "extra_predicted": 0}

    # the same extraction scored by the CLI directly gives the same figures
    prediction = tmp_path / "kept.json"
    direct = subprocess.run([str(POLICYKG), "evaluate", str(prediction), str(devset / "gold"), "--json"],
                            capture_output=True, text=True, check=True)
    summary = json.loads(direct.stdout)["summary"]
    for field in ("clauses", "units", "leads", "instruments", "citations", "functions", "metadata"):
        assert figures[field] == summary[field], field

    # the unit the gold asks for and the text lacks is a miss, whatever the extractor does
    assert figures["units"]["fn"] >= 1
    missed = figures["result"]["documents"]["a.txt"]["misses"]["units_missed"]
    assert "市审计局" in json.dumps(missed, ensure_ascii=False)
    assert "a.txt" in " ".join(figures["worst"]["units"])

    # the count of units with function "other" is read from the kept extraction
    units = [u for d in json.loads(prediction.read_text(encoding="utf-8"))["documents"]
             for c in d["clauses"] for u in c.get("responsible", [])]
    assert figures["predicted_units"] == len(units)
    assert figures["units_other"] == sum(u.get("function") == "other" for u in units)


def test_table_names_every_field(devset: Path) -> None:
    done = _run(env={"POLICYKG_DEVSET": str(devset)})
    assert done.returncode == 0, done.stderr
    for word in ("clauses", "units", "leads", "instruments", "citations", "functions",
                 "metadata.title", "metadata.doc_number", "metadata.date", "function 'other'"):
        assert word in done.stdout, word
    assert done.stdout.startswith("documents: 2 of 2")


def test_refuses_to_run_without_a_dev_set(tmp_path: Path) -> None:
    done = _run()
    assert done.returncode != 0
    assert "POLICYKG_DEVSET" in done.stderr
    done = _run(str(tmp_path / "missing"), str(tmp_path))
    assert done.returncode != 0
    assert "is not a folder" in done.stderr
    done = _run(str(tmp_path))
    assert done.returncode != 0
    assert "both folders" in done.stderr


# a page excerpt with neither a title nor a numbered provision: ``policykg extract`` refuses it
# no title, no clause, and no date, place or issuer found: refused (a dated, signed page is kept)
TEXT_REFUSED = "请于月底前报送有关材料。\n"
GOLD_REFUSED = {"source": "c.txt", "title": None, "doc_number": None, "date": "2024-05-06",
                "clauses": [], "instruments": [], "citations": ["某科发〔2024〕3号"]}


def test_a_refused_text_is_a_gold_document_with_nothing_predicted(devset: Path) -> None:
    (devset / "texts" / "c.txt").write_text(TEXT_REFUSED, encoding="utf-8")
    (devset / "gold" / "c.json").write_text(json.dumps(GOLD_REFUSED, ensure_ascii=False), encoding="utf-8")
    done = _run(str(devset / "texts"), str(devset / "gold"), "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["documents"]["gold"] == 3 and figures["documents"]["matched"] == 2
    assert len(figures["refused"]) == 1 and "c.txt" in figures["refused"][0]
    # its citation is missed and its date counts as wrong
    assert figures["citations"]["fn"] >= 1
    assert figures["metadata"]["date"]["of"] == 3
    table = _run(str(devset / "texts"), str(devset / "gold"))
    assert table.returncode == 0, table.stderr
    assert "refused by extract" in table.stdout and "c.txt" in table.stdout


def test_a_set_without_units_prints_no_function_accuracy(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    (tmp_path / "gold" / "b.json").write_text(json.dumps(GOLD_B, ensure_ascii=False), encoding="utf-8")
    done = _run(str(tmp_path / "texts"), str(tmp_path / "gold"))
    assert done.returncode == 0, done.stderr
    line = next(row for row in done.stdout.splitlines() if row.startswith("functions"))
    assert line.split()[1] == "-"
