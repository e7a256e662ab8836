"""chainmap brief: the open questions the file leaves, and the brief a rep reads in the car."""

import datetime as dt
import json
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from chainmap import cli, loads, to_graph
from chainmap.analysis.brief import brief, open_questions, prepare
from chainmap.analysis.champions import champions
from chainmap.analysis.power import who_decides

from .strategies import accounts
from .test_gaps import COMPLETE, TODAY

# Every standing question answered: funding, the process steps, each department's concerns, rivals, feasibility.
ANSWERED = """\
id: answered
name: Answered Co
funding: {status: applying, source: government}
extra:
  process:
    - {step: Approval, difficulty: easy, needs: the director's signature}
    - {step: Tender, difficulty: hard, needs: three qualified bidders}
  feasibility: {land: the new wing, money: grant plus 20% own funds, policy: in the five-year plan, conditions: power upgraded}
departments:
  - {id: buy, name: Purchasing, weight: lead, concerns: [a clean tender]}
  - {id: it, name: IT, weight: support}
  - {id: yard, name: Yard, weight: none}
people:
  - {id: geek, name: Geek, department: it, concerns: [no new silo]}
competitors:
  - {id: rival, name: Rival, note: the incumbent}
"""


def questions(text: str) -> list[tuple[str, str | None, str]]:
    return [(q["topic"], q["subject"], q["question"]) for q in open_questions(to_graph(loads(textwrap.dedent(text))))]


def test_a_file_that_answers_everything_leaves_no_question():
    assert questions(ANSWERED) == []


@pytest.mark.parametrize(
    "funding, asked",
    [
        ("", ["Funding: is there money for this project — applied for, approved or already allocated — and how much?",
              "Funding: where does the money come from — own budget, the parent group, or a government grant — and who releases it?"]),
        ("funding: {status: approved}", ["Funding: where does the money come from — own budget, the parent group, or a government grant — and who releases it?"]),
        ("funding: {source: self}", ["Funding: is there money for this project — applied for, approved or already allocated — and how much?"]),
    ],
    ids=["no funding", "source unknown", "status unknown"],
)
def test_funding_questions(funding, asked):
    text = ANSWERED.replace("funding: {status: applying, source: government}", funding)
    assert [q for topic, _, q in questions(text) if topic == "funding"] == asked


def test_no_process_asks_for_the_steps_and_a_step_without_facts_asks_for_them():
    without = ANSWERED.replace("  process:\n", "  old_process:\n")
    assert questions(without) == [
        ("process", None, "Process: what are the steps of this purchase (approval, budget, tender, contract), how hard is each, "
                          "and what does each need from us?")
    ]
    partial = ANSWERED.replace("{step: Tender, difficulty: hard, needs: three qualified bidders}", "Contract signing")
    partial = partial.replace("difficulty: easy, ", "")
    assert questions(partial) == [
        ("process", None, "Process: how hard is the step “Approval” to get through?"),
        ("process", None, "Process: how hard is the step “Contract signing” to get through?"),
        ("process", None, "Process: what does the step “Contract signing” need — documents, approvals, people?"),
    ]


def test_a_department_with_a_say_and_no_known_concerns_is_asked_about():
    text = ANSWERED.replace("concerns: [no new silo]", "title: engineer")
    assert questions(text) == [("concerns", "it", "IT: what does it want from this purchase, and what worries it?")]


def test_rival_questions():
    assert questions(ANSWERED.replace(", note: the incumbent", "")) == [
        ("rivals", "rival", "Rivals: what does the customer know of Rival, and who favours it?")
    ]
    no_rivals = ANSWERED.replace("competitors:\n  - {id: rival, name: Rival, note: the incumbent}\n", "")
    assert questions(no_rivals) == [
        ("rivals", None, "Rivals: which other vendors is the customer talking to, and what does it think of them?")
    ]


def test_feasibility_questions_and_approved_money_answers_the_money_one():
    text = ANSWERED.replace("land: the new wing, money: grant plus 20% own funds, ", "")
    assert [q for topic, _, q in questions(text) if topic == "feasibility"] == [
        "Feasibility — land: is the site (land, building, room) settled for this project?",
        "Feasibility — money: is the whole budget really there, or only part of it?",
    ]
    approved = text.replace("status: applying", "status: approved")
    assert [q for topic, _, q in questions(approved) if topic == "feasibility"] == [
        "Feasibility — land: is the site (land, building, room) settled for this project?",
    ]


def test_questions_come_in_chinese_too():
    G = to_graph(loads(ANSWERED.replace(", note: the incumbent", "")))
    assert [q["question"] for q in open_questions(G, "zh")] == ["竞争：客户对Rival了解多少？谁偏向它？"]


def complete_brief(lang: str = "en") -> str:
    return brief(to_graph(loads(COMPLETE)), today=TODAY, lang=lang)


def test_the_brief_has_its_sections_in_reading_order():
    text = complete_brief()
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Pre-visit brief — Complete Co",
        "## Who decides, and why",
        "## Champions and the two guides",
        "## Gaps in the map",
        "## Departments to drop by",
        "## Powerful people we have never met",
        "## Open questions for this visit",
    ]
    assert "As of 2026-11-20 · industry: unknown · ownership: state · funding: approved / self" in text
    chief = who_decides(to_graph(loads(COMPLETE)))["ranking"][0]
    assert f"Chief decides: {chief['reasons'][0]}" in text
    assert "- No gaps: the map is complete." in text
    cio = next(c for c in champions(to_graph(loads(COMPLETE)))["candidates"] if c["id"] == "cio")
    assert f"- Technical guide: CIO — {cio['reasons'][0]}" in text
    assert "- Relationship guide: Manager — " in text
    assert "- Every department that has a say has been reached." in text


def test_the_brief_lists_departments_to_drop_by_with_their_opener_and_the_gaps():
    text = COMPLETE.replace("departments:\n", "departments:\n  - {id: legal, name: Legal, function: legal, weight: support}\n  - {id: yard, name: Yard}\n")
    text = text.replace("influence:", "  - {id: lawyer, name: Lawyer, department: legal, reports_to: chief}\ninfluence:")
    md = brief(to_graph(loads(text)), today=TODAY)
    assert "- [medium] Legal (support) has not been reached. Chief can open it: Lawyer reports to Chief." in md
    assert "- Legal (legal, say: support) — ask Chief: Lawyer reports to Chief" in md
    assert "- Yard (other, say: unknown) — nobody we know can open it yet; ask our best contact" in md


def test_the_brief_in_chinese():
    text = complete_brief("zh")
    assert text.startswith("# 拜访前简报 —— Complete Co\n\n截至 2026-11-20 · 行业：未知 · 所有制：国企 · 资金：已批 / 自有\n")
    assert "## 这次要问清楚的问题" in text


def run(args):
    result = CliRunner().invoke(cli.main, args)
    return result.exit_code, result.output


def test_cli_writes_the_markdown_file(write, tmp_path):
    path, out = write(COMPLETE), tmp_path / "brief.md"
    assert run(["brief", path, "--today", "2026-11-20", "--lang", "en", "-o", str(out)]) == (0, f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == complete_brief()


def test_cli_prints_markdown_and_json(write):
    path = write(COMPLETE)
    assert run(["brief", path, "--today", "2026-11-20", "--lang", "en", "--format", "md"]) == (0, complete_brief() + "\n")
    code, output = run(["brief", path, "--today", "2026-11-20", "--format", "json"])
    result = json.loads(output)
    assert code == 0
    assert set(result) >= {"account", "decider", "candidates", "technical_guide", "relationship_guide", "gaps", "departments", "people", "questions"}
    assert result["decider"]["id"] == "chief" and result["gaps"] == []


def test_cli_unwritable_output_is_a_usage_error(write, tmp_path):
    code, output = run(["brief", write(COMPLETE), "--lang", "en", "-o", str(tmp_path / "missing" / "brief.md")])
    assert code == 2
    assert output == f"Error: cannot write {tmp_path / 'missing' / 'brief.md'}: No such file or directory\n"


def test_prepare_defaults_today_to_the_current_date():
    assert prepare(to_graph(loads(COMPLETE)))["today"] == dt.date.today().isoformat()


def test_many_concern_questions_read_as_one_and_long_department_lists_are_cut():
    extra = "".join(f"  - {{id: shop{i}, name: Shop {i}, function: user}}\n" for i in range(1, 11))
    md = brief(to_graph(loads(COMPLETE.replace("departments:\n", "departments:\n" + extra))), today=TODAY)
    shops = ", ".join([f"Shop {i}" for i in range(1, 11)] + ["Board", "Purchasing", "IT", "Plant"])
    assert f"- Concerns: what do these departments want from this purchase, and what worries them — {shops}?" in md
    assert "Shop 8 (user, say: unknown)" in md and "Shop 9 (user, say: unknown)" not in md
    assert "- …and 2 more: `chainmap untouched` lists them all." in md


@settings(max_examples=40, deadline=None)
@given(accounts())
def test_any_account_gets_a_brief_whose_questions_name_items_of_the_map(account):
    G = to_graph(account)
    result = prepare(G, today=TODAY)
    ids = {item.id for section in ("departments", "competitors") for item in getattr(account, section)}
    assert all(q["subject"] is None or q["subject"] in ids for q in result["questions"])
    assert brief(G, today=TODAY).startswith(f"# Pre-visit brief — {account.name}\n")
