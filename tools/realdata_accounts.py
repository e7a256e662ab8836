"""Build account files from the public data on three real organisations (../shared/realdata).

    python tools/realdata_accounts.py                  # write tests/data/realdata/{krackhardt,lazega,thurman}.yaml
    python tools/realdata_accounts.py --check          # exit 1 if a committed file differs from what this makes

Only what the data holds goes into an account: reporting lines where they exist, advice as influence
(the advisor sways the seeker), departments from the attributes, the other attributes and relations in
``extra``. Nothing a rep would have to find out (roles, attitudes, stages, personalities, funding,
department weights) is invented: those keys are left out, so they take the format's defaults (unknown, none).
An advice tie has no measured strength, so influence keeps the default strength 3.
See ../shared/realdata/README.md for the sources, their provenance and the checks made on them.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "realdata"
OUT = ROOT / "tests" / "data" / "realdata"


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def flow(mapping: dict) -> str:
    """One item as a YAML flow mapping on one line, quoted where YAML needs it."""
    return yaml.safe_dump(mapping, default_flow_style=True, sort_keys=False, allow_unicode=True, width=sys.maxsize).strip()


def document(header: str, top: dict, sections: dict[str, list[dict]]) -> str:
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines += [f"{key}: {value}" for key, value in top.items()]
    for name, items in sections.items():
        if items:
            lines.append(f"{name}:")
            lines += [f"  - {flow(item)}" for item in items]
    return "\n".join(lines) + "\n"


def number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def ties(pairs: list[dict[str, str]], prefix: str) -> dict[str, list[str]]:
    """source id → the ids it named, in file order."""
    named: dict[str, list[str]] = {}
    for row in pairs:
        named.setdefault(row["source"], []).append(f"{prefix}{row['target']}")
    return named


KRACKHARDT_HEADER = """
Krackhardt's 21 high-tech managers: a real organisation, for testing chainmap on real structures.
Source: ../shared/realdata/krackhardt (Krackhardt 1987, Social Networks 9:109-134; provenance and checks in
../shared/realdata/README.md). Built by tools/realdata_accounts.py; do not edit by hand, rebuild instead.
- people m1..m21 keep the study's numbers; title from `level` (1 CEO, 2 vice president, 3 manager);
  age, tenure (years) and level in extra.
- reports_to: reports_to.csv (company records). Manager 7, the CEO, reports to nobody.
- departments d1..d4: the `department` attribute; the CEO (department 0) belongs to none.
- influence: advice.csv, "source goes to target for advice": the advisor (target) sways the seeker (source),
  so each arc becomes {from: advisor, to: seeker}. No strength was measured: the default 3 applies.
- extra.friends: whom the person named as a friend (friendship.csv); friendship is not influence.
- Nothing about a sale is known: no roles, attitudes, stages, personalities, funding or department weights.
"""

LAZEGA_HEADER = """
Lazega's law firm: the 71 lawyers of a law partnership with offices in Boston, Hartford and Providence (Lazega 2001,
The Collegial Phenomenon), a real organisation for testing chainmap on real structures.
Source: ../shared/realdata/lazega (provenance and checks in ../shared/realdata/README.md).
Built by tools/realdata_accounts.py; do not edit by hand, rebuild instead.
- people l1..l71 keep the study's numbers; title Partner (ids 1-36) or Associate (37-71), from `status`;
  seniority (years with the firm), age, gender and law school in extra.
- no reports_to: a partnership has no chart; status and seniority are the only formal order, and they stay
  in title and extra.
- departments: the three offices, each with its litigation and corporate practice as sub-departments
  (`office` and `practice` attributes); each lawyer sits in the practice of their office.
- influence: advice.csv, "source goes to target for basic professional advice": the advisor (target) sways the
  seeker (source), so each arc becomes {from: advisor, to: seeker}. No strength was measured: the default 3 applies.
- extra.friends (friendship.csv) and extra.coworkers (cowork.csv, as each lawyer answered): whom the person
  named; neither is influence.
- Nothing about a sale is known: no roles, attitudes, stages, personalities, funding or department weights.
"""

THURMAN_HEADER = """
Thurman's office: a 15-person subgroup of an office Thurman observed for 16 months (Thurman 1979, "In the office:
Networks and coalitions", Social Networks 2:47-63), a real organisation for testing chainmap on real structures.
Source: ../shared/realdata/thurman, one upstream copy (UCINET THUROFF; see ../shared/realdata/README.md).
Built by tools/realdata_accounts.py; do not edit by hand, rebuild instead.
- people: ids are the names in the data, lower-cased (the President is named by his post there).
- reports_to: reports_to_derived.csv, derived from the formal chart THURA (each person's lowest-placed superior);
  derived in ../shared/realdata, not taken from the paper.
- influence: the informal multiplex ties (THURM) are undirected, so each side sways the other: two arcs per tie.
  No strength was measured: the default 3 applies.
- no departments: the data names none. Nothing about a sale is known: no roles, attitudes, stages,
  personalities or funding.
"""

TITLE = {"1": "CEO", "2": "Vice president", "3": "Manager"}
OFFICE = {"1": ("boston", "Boston"), "2": ("hartford", "Hartford"), "3": ("providence", "Providence")}
PRACTICE = {"1": ("litigation", "litigation"), "2": ("corporate", "corporate")}
GENDER = {"1": "man", "2": "woman"}
SCHOOL = {"1": "Harvard/Yale", "2": "UConn", "3": "other"}


def krackhardt(folder: Path) -> str:
    boss = {row["source"]: row["target"] for row in rows(folder, "reports_to.csv")}
    friends = ties(rows(folder, "friendship.csv"), "m")
    attributes = rows(folder, "attributes.csv")
    departments = sorted({row["department"] for row in attributes if row["department"] != "0"})
    people = []
    for row in attributes:
        i = row["id"]
        item = {"id": f"m{i}", "name": f"Manager {i}", "title": TITLE[row["level"]]}
        if row["department"] != "0":
            item["department"] = f"d{row['department']}"
        if i in boss:
            item["reports_to"] = f"m{boss[i]}"
        item["extra"] = {"age": number(row["age"]), "tenure_years": number(row["tenure"]), "level": int(row["level"])}
        if i in friends:
            item["extra"]["friends"] = friends[i]
        people.append(item)
    return document(
        KRACKHARDT_HEADER,
        {"id": "krackhardt", "name": "Krackhardt high-tech managers", "industry": "high-tech machine manufacturing"},
        {
            "departments": [{"id": f"d{d}", "name": f"Department {d}"} for d in departments],
            "people": people,
            "influence": [{"from": f"m{row['target']}", "to": f"m{row['source']}"} for row in rows(folder, "advice.csv")],
        },
    )


def lazega(folder: Path) -> str:
    friends = ties(rows(folder, "friendship.csv"), "l")
    coworkers = ties(rows(folder, "cowork.csv"), "l")
    attributes = rows(folder, "attributes.csv")
    departments = []
    for office in sorted({row["office"] for row in attributes}):
        oid, oname = OFFICE[office]
        departments.append({"id": oid, "name": f"{oname} office"})
        for practice in sorted({row["practice"] for row in attributes if row["office"] == office}):
            pid, pname = PRACTICE[practice]
            departments.append({"id": f"{oid}_{pid}", "name": f"{oname} {pname}", "parent": oid})
    people = []
    for row in attributes:
        i = row["id"]
        extra = {
            "seniority_years": int(row["seniority_years"]),
            "age": int(row["age"]),
            "gender": GENDER[row["gender"]],
            "law_school": SCHOOL[row["law_school"]],
        }
        if i in friends:
            extra["friends"] = friends[i]
        if i in coworkers:
            extra["coworkers"] = coworkers[i]
        people.append({
            "id": f"l{i}",
            "name": f"Lawyer {i}",
            "title": "Partner" if row["status"] == "1" else "Associate",
            "department": f"{OFFICE[row['office']][0]}_{PRACTICE[row['practice']][0]}",
            "extra": extra,
        })
    return document(
        LAZEGA_HEADER,
        {"id": "lazega", "name": "Lazega law firm", "industry": "law partnership"},
        {
            "departments": departments,
            "people": people,
            "influence": [{"from": f"l{row['target']}", "to": f"l{row['source']}"} for row in rows(folder, "advice.csv")],
        },
    )


def thurman(folder: Path) -> str:
    ident = {row["id"]: row["name"].lower() for row in rows(folder, "nodes.csv")}
    boss = {row["source"]: row["target"] for row in rows(folder, "reports_to_derived.csv")}
    people = [{"id": ident[i], "name": ident[i].title(), **({"reports_to": ident[boss[i]]} if i in boss else {})} for i in ident]
    pairs = [(row["a"], row["b"]) for row in rows(folder, "informal_multiplex_undirected.csv")]
    influence = [{"from": ident[a], "to": ident[b]} for x, y in pairs for a, b in ((x, y), (y, x))]
    return document(THURMAN_HEADER, {"id": "thurman", "name": "Thurman office"}, {"people": people, "influence": influence})


BUILDERS = {"krackhardt": krackhardt, "lazega": lazega, "thurman": thurman}


def build(source: Path = SOURCE) -> dict[str, str]:
    """File name → YAML text of each account."""
    return {f"{name}.yaml": make(source / name) for name, make in BUILDERS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the realdata folder (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the accounts go (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file differs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from chainmap import loads

    differ = 0
    for name, text in build(args.source).items():
        loads(text)  # every file must be a valid account
        path = args.out / name
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            differ += not same
            print(f"{path}: {'up to date' if same else 'differs'}")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
