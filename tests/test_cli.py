"""The command line: every command has --help; extract reports bad files and keeps going."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.cli import build_parser, main
from policykg.corpus import bundled_paths

COMMANDS = ["extract", "load", "serve", "neo4j", "export", "generate", "list", "remove", "reset", "evaluate"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "usage: policykg" in out and len(out) > 200


def test_parser_lists_every_command():
    help_text = build_parser().format_help()
    assert all(c in help_text for c in COMMANDS)


def test_extract_reports_bad_files_and_processes_the_rest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(bundled_paths()[0].read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    proc = subprocess.run(
        [sys.executable, "-m", "policykg.cli", "extract", str(tmp_path), str(tmp_path / "notes.xyz"), "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1
    for name in ("empty.txt", "binary.txt", "broken.docx"):
        line = next(line for line in proc.stderr.splitlines() if name in line)
        assert "cannot read" in line and str(tmp_path) in line
    assert f"policykg extract: no such file or folder: {tmp_path / 'notes.xyz'}" in proc.stderr.splitlines()
    documents = json.loads(proc.stdout)["documents"]
    assert [d["source"] for d in documents] == ["good.txt"]
    assert documents[0]["clauses"] and documents[0]["encoding"] == "utf-8"


def test_extract_json_contract_on_the_bundled_corpus(capsys):
    assert main(["extract", "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert len(docs) == 5
    jingzhou = next(d for d in docs if d["region"] == "荆州市")
    seven = next(c for c in jingzhou["clauses"] if c["label"] == "(七)")
    assert seven["responsible"][0] == {**seven["responsible"][0], "name": "市科技局", "lead": True, "group": 0,
                                       "function": "science_tech"}
    assert {round(i["rate"], 2) for i in seven["instruments"] if i["rate"]} == {0.08, 0.02, 0.01}
    hubei = next(d for d in docs if d["region"] == "湖北省")
    assert hubei["doc_number"] == "鄂政办函〔2021〕38号"
    assert "鄂政办函〔2021〕38号" not in {c["doc_number"] for c in hubei["citations"]}
    assert any(w["code"] == "corrupted_text" for w in hubei["warnings"])


def test_load_then_export_every_format(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path / "var"))
    assert main(["load", "--quiet", str(bundled_paths()[0]), str(bundled_paths()[1])]) == 0
    assert main(["load", "--quiet", str(bundled_paths()[0])]) == 0  # again: unchanged
    for fmt, out in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json"), ("csv", "csv")):
        assert main(["export", fmt, str(tmp_path / out)]) == 0
    graph = json.loads((tmp_path / "g.json").read_text("utf-8"))
    labels = {n["label"] for n in graph["nodes"]}
    assert {"Policy", "Clause", "Department", "Instrument"} <= labels
    assert sum(n["label"] == "Policy" for n in graph["nodes"]) == 2
    assert "荆州市科学技术局" in (tmp_path / "g.graphml").read_text("utf-8")
    assert "<gexf" in (tmp_path / "g.gexf").read_text("utf-8")
    header = (tmp_path / "csv" / "nodes_Policy.csv").read_text("utf-8").splitlines()[0]
    assert header.startswith("id:ID,") and header.endswith(":LABEL")
    rels = (tmp_path / "csv" / "rels_RESPONSIBLE_FOR.csv").read_text("utf-8").splitlines()
    assert rels[0].startswith(":START_ID,") and ":END_ID" in rels[0] and len(rels) > 50


def test_exports_open_in_networkx(tmp_path, monkeypatch):
    import networkx as nx

    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path / "var"))
    assert main(["load", "--quiet", str(bundled_paths()[1])]) == 0
    assert main(["export", "graphml", str(tmp_path / "g.graphml")]) == 0
    g = nx.read_graphml(tmp_path / "g.graphml")
    depts = [n for n, d in g.nodes(data=True) if d.get("node_label") == "Department"]
    assert "dept:武汉市科技创新局" in depts
    assert any(d.get("rel_type") == "RESPONSIBLE_FOR" for _, _, d in g.edges(data=True))
    assert Path(tmp_path / "var" / "policykg.graph").exists()


def test_extract_prints_the_json_contract_by_default(capsys):
    assert main(["extract"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed["documents"]) == 5 and all("clauses" in d for d in printed["documents"])


# ---------------------------------------------------------------- bad files in a load

NESTED = "一、标题\n(一)内容\n1.内容\n(1)内容\n" * 300
JAPANESE = "大学や研究機関が持つ特許を、企業がより使いやすくなるように、手続きを見直します。\n"


def _policies_in_store(tmp_path) -> list[str]:
    assert main(["export", "json", str(tmp_path / "g.json")]) == 0
    graph = json.loads((tmp_path / "g.json").read_text("utf-8"))
    return sorted(n["properties"]["source_key"] for n in graph["nodes"] if n["label"] == "Policy")


def _zip_bomb(path: Path, expanded_mb: int) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package, \
            package.open("word/document.xml", "w") as member:
        for _ in range(expanded_mb):
            member.write(b"<w:t>0</w:t>" * 87_382)  # 1 MB
    return path


def test_load_skips_bad_files_reports_them_and_loads_the_good_ones(tmp_path, monkeypatch, capsys):
    import os
    import shutil

    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("POLICYKG_MAX_EXPANDED_MB", "5")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, seed in (("a.txt", bundled_paths()[0]), ("z.txt", bundled_paths()[1])):
        shutil.copyfile(seed, folder / name)
    (folder / "nested.txt").write_text(NESTED, "utf-8")
    (folder / "hello.txt").write_text("hello", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    os.mkfifo(folder / "pipe.txt")
    _zip_bomb(folder / "bomb.docx", 20)
    missing = tmp_path / "nonexistent"

    assert main(["load", "--quiet", str(folder), str(missing)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert f"policykg load: no such file or folder: {missing}" in lines
    reasons = {
        "hello.txt": "not a policy: no title and no clauses found; use --force to load it anyway",
        "empty.txt": "the file is empty",
        "pipe.txt": "not a regular file but a named pipe (FIFO)",
        "bomb.docx": "the .docx package expands to 20 MB",
    }
    for name, reason in reasons.items():
        assert any(line.startswith(f"policykg load: skipped {folder / name}: {reason}") for line in lines), name
    assert out.startswith("3 policies (3 new, 0 replaced, 0 unchanged), 5 failed;")
    assert _policies_in_store(tmp_path) == ["a.txt", "nested.txt", "z.txt"]


def test_load_refuses_a_text_that_is_not_a_policy_unless_forced(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path / "var"))
    hello = tmp_path / "hello.txt"
    hello.write_text("hello", "utf-8")
    assert main(["load", "--quiet", str(hello)]) == 1
    assert "not a policy" in capsys.readouterr().err
    assert main(["load", "--quiet", "--force", str(hello)]) == 0
    assert capsys.readouterr().out.startswith("1 policies (1 new,")
    assert _policies_in_store(tmp_path) == ["hello.txt"]


def test_load_of_a_missing_path_loads_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path / "var"))
    missing = tmp_path / "nonexistent"
    assert main(["load", "--quiet", str(missing)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"policykg load: no such file or folder: {missing}"]
    assert "unsupported" not in err and out == ""
    assert not (tmp_path / "var" / "policykg.graph").exists()  # not the bundled corpus instead


def test_load_reports_an_encoding_warning_with_the_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path / "var"))
    japanese = tmp_path / "japanese.txt"
    japanese.write_bytes(JAPANESE.encode("shift_jis"))
    assert main(["load", "--quiet", "--force", str(japanese)]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"policykg load: warning: {japanese}: ") and "Shift-JIS" in line


def test_extract_force_reads_a_text_that_is_not_a_policy(tmp_path, capsys):
    hello = tmp_path / "hello.txt"
    hello.write_text("hello", "utf-8")
    assert main(["extract", str(hello)]) == 1
    assert f"policykg extract: cannot read {hello}: not a policy" in capsys.readouterr().err
    assert main(["extract", "--force", str(hello)]) == 0
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert document["title"] is None and document["clauses"] == []


def test_extract_goes_on_when_one_document_cannot_be_written_out(tmp_path, monkeypatch, capsys):
    from policykg.loaders import contract

    real = contract.document_dict

    def failing(doc):
        if doc.source.path.endswith("bad.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc)

    monkeypatch.setattr(contract, "document_dict", failing)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    for path in (good, bad):
        path.write_bytes(bundled_paths()[0].read_bytes())
    assert main(["extract", str(bad), str(good)]) == 1
    out, err = capsys.readouterr()
    assert [d["source"] for d in json.loads(out)["documents"]] == ["good.txt"]
    assert f"policykg extract: cannot read {bad}: the file is nested too deeply" in err


def test_policykg_errors_print_their_message_and_exit_with_their_code(tmp_path, capsys):
    # a gold file of the wrong shape: EvaluationInputError, a bad-input error (exit 2)
    prediction = tmp_path / "prediction.json"
    prediction.write_text('{"documents": []}', encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text("[1, 2", encoding="utf-8")
    assert main(["evaluate", str(prediction), str(gold)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policykg evaluate: ") and "gold.json" in err


def test_an_unusable_graph_file_on_load_exits_1_with_what_to_do(tmp_path, monkeypatch, capsys):
    graph = tmp_path / "policykg.graph"
    graph.write_bytes(b"not a graph at all")
    monkeypatch.setenv("POLICYKG_GRAPH_FILE", str(graph))
    assert main(["load", "--store", "embedded", str(bundled_paths()[0])]) == 1
    err = capsys.readouterr().err
    assert err.startswith("policykg load: ") and str(graph) in err and "load the policies again" in err
