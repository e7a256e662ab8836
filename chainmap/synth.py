"""Synthetic accounts: a realistic group company of any size, for demos and benchmarks.

:func:`synthetic_account` builds the plain data of an account file: a state-owned
group (the account itself) with subsidiaries and a parent holding company, a
department tree under each with functions, weights and concerns, a formal line
from every person up to the chairman, roles, attitudes, stages and personalities,
informal influence that mostly runs up the hierarchy and within departments
(about 2.3 edges per person), rival vendors some people lean to, our team, its
contacts and a visit log. The same ``people`` and ``seed`` always give the same
data, and the data always passes the loader's checks.

>>> data = synthetic_account(40, seed=1)
>>> len(data["people"]), data == synthetic_account(40, seed=1)
(40, True)
>>> from chainmap.loader import from_data
>>> from_data(data).people[0].title
'董事长'
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
from pathlib import Path
from typing import Any

from .files import write_text

__all__ = ["synthetic_account", "save"]

# The day the visit log ends: fixed, so a seed gives the same file on any day.
LAST_VISIT = dt.date(2026, 11, 1)

GROUPS = [
    ("huabei-heavy", "华北重工集团有限公司", "装备制造"),
    ("jiangnan-steel", "江南钢铁集团有限公司", "钢铁冶金"),
    ("xijiang-power", "西江电力集团有限公司", "电力能源"),
    ("donghai-chem", "东海化工集团有限公司", "石油化工"),
    ("zhongyuan-coal", "中原煤业集团有限公司", "煤炭"),
]
PROJECT = "设备智能运维平台"
SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("赵", "zhao"),
    ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"), ("胡", "hu"), ("朱", "zhu"),
    ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"), ("马", "ma"), ("罗", "luo"), ("梁", "liang"),
    ("宋", "song"), ("郑", "zheng"), ("谢", "xie"), ("韩", "han"), ("唐", "tang"), ("冯", "feng"), ("于", "yu"),
    ("董", "dong"), ("萧", "xiao"), ("程", "cheng"), ("曹", "cao"), ("袁", "yuan"), ("邓", "deng"), ("许", "xu"),
    ("傅", "fu"), ("沈", "shen"), ("曾", "zeng"), ("彭", "peng"), ("吕", "lv"),
]
GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("强", "qiang"), ("磊", "lei"),
    ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"), ("明", "ming"),
    ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂", "gui"), ("建", "jian"),
    ("国", "guo"), ("华", "hua"), ("文", "wen"), ("宏", "hong"), ("志", "zhi"), ("海", "hai"), ("波", "bo"),
    ("林", "lin"), ("峰", "feng"), ("东", "dong"), ("晓", "xiao"), ("红", "hong"), ("亮", "liang"), ("斌", "bin"),
    ("鹏", "peng"), ("辉", "hui"), ("玲", "ling"), ("宇", "yu"), ("浩", "hao"), ("凯", "kai"), ("丽", "li"),
    ("新", "xin"), ("春", "chun"), ("庆", "qing"), ("振", "zhen"), ("立", "li"), ("德", "de"), ("永", "yong"),
    ("雪", "xue"), ("婷", "ting"), ("博", "bo"), ("卫", "wei"), ("金", "jin"), ("成", "cheng"), ("云", "yun"),
]
DIGITS = "零一二三四五六七八九"

# Leadership posts in order of seniority: (title, roles at the group, roles at a subsidiary).
LEADERS = [
    ("董事长", ["initiator"], []),
    ("总经理", ["decision_maker"], ["evaluator"]),
    ("副总经理", ["evaluator"], []),
    ("总工程师", ["evaluator", "designer"], ["evaluator"]),
    ("总会计师", ["approver"], []),
    ("副总经理", [], []),
    ("副总经理", [], []),
    ("副总经理", [], []),
]
# First-level departments: (slug, name, function, head title, weight at the group, share of people).
# The head of each reports to a deputy general manager in turn; plants take whatever is left.
DEPARTMENTS = [
    ("equipment", "设备管理部", "technical", "部长", "lead", 0.10),
    ("purchasing", "采购中心", "procurement", "主任", "support", 0.03),
    ("finance", "财务部", "finance", "部长", "support", 0.03),
    ("it", "信息中心", "technical", "主任", "support", 0.03),
    ("production", "生产管理部", "management", "部长", "support", 0.05),
    ("office", "总经理办公室", "management", "主任", "none", 0.02),
    ("tech", "技术中心", "technical", "主任", "unknown", 0.06),
    ("safety", "安全环保部", "other", "部长", "none", 0.03),
    ("legal", "法务部", "legal", "部长", "unknown", 0.01),
    ("hr", "人力资源部", "other", "部长", "none", 0.02),
]
PLANT_SIZE = 400
# Sections a department splits into, by function; plants split into workshops.
SECTIONS = {
    "technical": ["点检科", "检修科", "状态监测站", "备件科", "电气科", "仪表科", "动力科"],
    "procurement": ["设备采购科", "物资采购科", "招标科", "合同科"],
    "finance": ["预算科", "会计科", "资金科", "成本科"],
    "management": ["综合科", "调度室", "计划科", "统计科"],
    "legal": ["合同审查室", "合规室"],
    "other": ["综合科", "管理科", "培训科"],
    "user": ["车间"],
}
STAFF_TITLES = {
    "technical": ["工程师", "点检员", "技术员", "高级工程师", "主任工程师"],
    "procurement": ["采购员", "采购专员", "合同管理员"],
    "finance": ["会计", "预算主管", "出纳"],
    "management": ["主任科员", "调度员", "秘书"],
    "legal": ["法务专员"],
    "other": ["专员", "主管", "安全员"],
    "user": ["操作工", "技术员", "维修工", "班组长"],
}
CONCERNS = {
    "technical": ["关键设备要在线监测和预警", "点检还靠纸质记录，数据不进系统", "检修从定修转向状态检修", "备件库存要压降",
                  "新系统要和现有 EAM、DCS 打通", "数据要留在厂内，不上公有云"],
    "procurement": ["统一招标，综合评分", "国产化率要求", "付款周期和质保金", "供应商资质要齐全"],
    "finance": ["投资回报要算清楚", "预算分年度列支", "不超概算"],
    "management": ["非计划停机要降下来", "数字化转型要出标杆成果", "国资委考核投资回报和合规"],
    "legal": ["合同条款和数据安全责任", "知识产权归属"],
    "other": ["安全生产零事故", "人员培训跟得上", "不增加一线负担"],
    "user": ["设备故障多，停机影响产量", "一线人手紧，系统要好用", "巡检路线长，夜班没人看"],
}
RIVALS = [
    ("yexin", "冶信科技", "集团工业互联网平台的承建方"),
    ("borui", "德国博瑞（Borui）", "进口品牌，老设备上用得多"),
    ("huachuang", "华创智能", "价格低，本地服务团队"),
    ("zhongkong", "中控联合", "DCS 供应商，想顺带做运维平台"),
]
TEAM = [("sales", "销售"), ("presales", "售前"), ("manager", "经理"), ("sales", "销售"), ("presales", "售前")]
NOTES = ["说话直，关心工期", "老设备专家，厂里威望高", "刚调来，还在熟悉情况", "和对手走得近", "只说按流程来",
         "愿意帮我们引荐", "对价格很敏感", "看重样板工程"]

# Odds of each value; a person with a role or a leader post is better known than the rank and file.
ATTITUDES = ["supporter", "neutral", "opponent", "unknown"]
ATTITUDE_ODDS = {True: [25, 55, 67, 100], False: [4, 9, 11, 100]}
PERSONALITIES = ["tiger", "peacock", "owl", "koala", "chameleon"]
STAGES = ["acquainted", "meeting", "trust", "alliance"]
STAGE_ODDS = [45, 75, 93, 100]
STRENGTHS = [1, 2, 3, 4, 5]
STRENGTH_ODDS = [10, 35, 70, 90, 100]
# Roles given by department function to heads and to staff: (role, probability).
HEAD_ROLES = {
    "technical": [("designer", 0.5), ("evaluator", 0.6)],
    "procurement": [("evaluator", 0.7), ("handler", 0.5)],
    "finance": [("approver", 0.8)],
    "management": [("evaluator", 0.2)],
    "legal": [("approver", 0.4)],
    "other": [],
    "user": [("user", 0.9), ("initiator", 0.2)],
}
STAFF_ROLES = {
    "technical": [("designer", 0.04), ("evaluator", 0.03)],
    "procurement": [("handler", 0.2)],
    "finance": [],
    "management": [],
    "legal": [],
    "other": [],
    "user": [("user", 0.1)],
}


def synthetic_account(people: int, *, seed: int = 0) -> dict[str, Any]:
    """A realistic account of exactly ``people`` people as plain data, the same for the same ``seed``.

    >>> data = synthetic_account(300, seed=7)
    >>> [org["relation"] for org in data["organisations"]]
    ['parent', 'affiliate', 'affiliate']
    >>> round(len(data["influence"]) / len(data["people"]), 1)
    2.2
    """
    return _Builder(max(int(people), 0), seed).account()


def save(data: dict[str, Any], path: str | os.PathLike, *, lang: str | None = None) -> None:
    """Write account data to ``path``: JSON for ``.json`` (one item a line), else YAML."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        text = _json_lines(data)
    else:
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    write_text(path, text, lang=lang)


def _json_lines(data: dict[str, Any]) -> str:
    # One json.dumps per item keeps the C encoder (indent= would fall back to pure Python,
    # 3x slower at 100,000 people) and still gives a file a person can read and diff.
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"{json.dumps(key)}: [\n{items}\n]")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _numeral(n: int) -> str:
    """Chinese numerals up to 99, digits beyond.

    >>> _numeral(3), _numeral(12), _numeral(40), _numeral(150)
    ('三', '十二', '四十', '150')
    """
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")
    return str(n)


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders get the rest).

    >>> _split(10, [1, 1, 1])
    [4, 3, 3]
    """
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    sizes = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: sizes[i] - exact[i])
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


class _Builder:
    """One pass over the org chart; keeps the lists the account is made of."""

    def __init__(self, size: int, seed: int):
        self.rng = random.Random(seed)
        self.size, self.seed = size, seed
        self.people: list[dict] = []
        self.departments: list[dict] = []
        self.organisations: list[dict] = []
        self.used_ids: dict[str, int] = {}
        self.boss: dict[str, str | None] = {}
        self.reports: dict[str, list[str]] = {}  # boss id -> direct reports
        self.by_id: dict[str, dict] = {}
        self.dept_members: dict[str, list[str]] = {}
        self.dept_org: dict[str, str] = {}
        self.dept_function: dict[str, str] = {}
        self.heads: dict[str, list[str]] = {}  # org id -> heads of its departments
        self.group_heads: dict[str, str] = {}  # department slug -> its head at the group
        self.known: list[str] = []  # people with a role or a leader post

    def account(self) -> dict[str, Any]:
        rng = self.rng
        slug, group, industry = GROUPS[self.seed % len(GROUPS)]
        n_subsidiaries = int(math.sqrt(self.size) / 8)
        holding_size = min(2, self.size // 200)
        sizes = _split(self.size - holding_size, [3.0] + [rng.uniform(0.5, 2.0) for _ in range(n_subsidiaries)])
        holding = f"{slug.split('-')[0]}-holding"
        parent_funds = rng.random() < 0.4
        self.organisations.append({"id": holding, "name": group.replace("集团有限公司", "控股有限公司"),
                                   "relation": "parent", "funds_project": parent_funds})
        # A subsidiary's general manager answers to a deputy at the group (分管领导).
        deputies = self._organisation("self", "", sizes[0], None)
        for index, size in enumerate(sizes[1:], start=1):
            if not size:
                continue
            org_id = f"sub{index:02d}"
            branch = f"{_numeral(index)}分公司"
            self.organisations.append({"id": org_id, "name": f"{group[:2]}{branch}", "relation": "affiliate",
                                       "funds_project": False})
            self._organisation(org_id, f"{org_id}_", size, deputies[index % len(deputies)])
        if holding_size:
            dept = self._department(f"{holding}_invest", "投资管理部", "finance", "lead" if parent_funds else "unknown",
                                    org=holding)
            self._fill(dept, "finance", holding_size, None, "部长", holding)

        influence = self._influence()
        rivals = [{"id": r, "name": name, "note": note} for r, name, note in RIVALS[: min(len(RIVALS), 2 + self.size // 500)]]
        self._attitudes(rivals)
        team = self._team()
        contacts = self._contacts(team)
        visits = self._visits(team, contacts)
        funding = {"status": rng.choice(["applying", "approved", "allocated"]),
                   "source": "parent" if parent_funds else "self",
                   "note": f"{PROJECT}一期概算 {rng.randint(8, 60) * 100} 万"}
        return {
            "id": f"{slug}-{self.size}-{self.seed}",
            "name": f"{group} —— {PROJECT}（合成客户）",
            "industry": industry,
            "ownership": "state",
            "funding": funding,
            "extra": {"synthetic": {"people": self.size, "seed": self.seed}},
            "organisations": self.organisations,
            "departments": self.departments,
            "people": self.people,
            "influence": influence,
            "team": team,
            "contacts": contacts,
            "competitors": rivals,
            "visits": visits,
        }

    # --- org chart -------------------------------------------------------------------------------

    def _organisation(self, org: str, prefix: str, size: int, top_boss: str | None) -> list[str]:
        """The leadership and departments of one organisation; returns the leaders who take charge of departments."""
        is_group = org == "self"
        posts = (LEADERS if is_group else LEADERS[1:4])[:size]
        leadership = self._department(f"{prefix}leaders", "领导班子", "management", "lead" if is_group else "unknown", org=org)
        leaders: list[str] = []
        for title, group_roles, sub_roles in posts:
            # At the group the general manager answers to the chairman, the other leaders to the
            # general manager; at a subsidiary everyone answers to its general manager.
            if not leaders:
                boss = top_boss
            elif is_group and len(leaders) > 1:
                boss = leaders[1]
            else:
                boss = leaders[0]
            leaders.append(self._person(leadership["id"], boss, title, group_roles if is_group else sub_roles, known=True))
        # Department heads answer to the deputies in charge (分管领导), or to the top when there are none.
        in_charge = [who for who, (title, *_) in zip(leaders, posts) if title == "副总经理"] or leaders[1:2] or leaders[:1]
        rest = size - len(leaders)
        if rest <= 0:
            return in_charge
        shares = [share for *_, share in DEPARTMENTS]
        n_plants = max(1, round(rest * 0.52 / PLANT_SIZE))
        sizes = _split(rest, shares + [0.52 / n_plants] * n_plants)
        self.heads[org] = []
        for index, size_here in enumerate(sizes):
            if not size_here:
                continue
            if index < len(DEPARTMENTS):
                slug, name, function, head_title, weight, _ = DEPARTMENTS[index]
                weight = weight if is_group else self.rng.choice(["support", "unknown", "unknown", "none"])
            else:
                plant = index - len(DEPARTMENTS) + 1
                slug, name, function, head_title = f"plant{plant}", f"第{_numeral(plant)}分厂", "user", "厂长"
                weight = "support" if is_group and plant == 1 else "unknown"
            dept = self._department(f"{prefix}{slug}", name, function, weight, org=org, parent=leadership["id"])
            head = self._fill(dept, function, size_here, in_charge[index % len(in_charge)], head_title, org)
            self.heads[org].append(head)
            if is_group:
                self.group_heads[slug] = head
            elif slug in self.group_heads and self.rng.random() < 0.5:
                # Matrix line: a subsidiary's head also answers to the same department at the group (虚线汇报).
                self.by_id[head]["dotted_to"] = [self.group_heads[slug]]
        return in_charge

    def _department(self, ident: str, name: str, function: str, weight: str, *, org: str, parent: str | None = None) -> dict:
        dept: dict[str, Any] = {"id": ident, "name": name}
        if org != "self":
            dept["org"] = org
        if parent:
            dept["parent"] = parent
        dept["function"] = function
        dept["weight"] = weight
        odds = 0.9 if weight in ("lead", "support") else 0.15
        if self.rng.random() < odds:
            dept["concerns"] = self.rng.sample(CONCERNS[function], min(len(CONCERNS[function]), self.rng.randint(1, 3)))
        self.departments.append(dept)
        self.dept_members[ident] = []
        self.dept_org[ident] = org
        self.dept_function[ident] = function
        return dept

    def _fill(self, dept: dict, function: str, size: int, boss: str | None, head_title: str, org: str, depth: int = 0) -> str:
        """Put ``size`` people into ``dept`` (a head, then sections or staff); returns the head."""
        rng = self.rng
        head = self._person(dept["id"], boss, head_title, self._roles(HEAD_ROLES[function], dept), known=depth == 0)
        rest = size - 1
        if rest <= 12 or depth >= 2:
            titles = STAFF_TITLES[function]
            for _ in range(rest):
                self._person(dept["id"], head, rng.choice(titles), self._roles(STAFF_ROLES[function], dept))
            return head
        n_sections = min(8, math.ceil(rest / 12))
        names = SECTIONS[function] if depth == 0 else ["班组"]
        for number, size_here in enumerate(_split(rest, [1.0] * n_sections), start=1):
            base = names[(number - 1) % len(names)]
            name = f"{_numeral(number)}{base}" if len(names) == 1 else base if number <= len(names) else f"{base}{_numeral(number)}"
            weight = dept["weight"] if dept["weight"] == "lead" and rng.random() < 0.5 else "unknown"
            section = self._department(f"{dept['id']}_{number}", name, function, weight, org=org, parent=dept["id"])
            self._fill(section, function, size_here, head, _chief(name), org, depth + 1)
        return head

    def _roles(self, odds: list[tuple[str, float]], dept: dict) -> list[str]:
        # Roles in the purchase gather in departments that have a say in it.
        factor = {"lead": 1.0, "support": 0.6}.get(dept["weight"], 0.2)
        return [role for role, p in odds if self.rng.random() < p * factor]

    def _person(self, dept: str, boss: str | None, title: str, roles: list[str], *, known: bool = False) -> str:
        rng = self.rng
        surname, surname_py = rng.choice(SURNAMES)
        given = rng.sample(GIVEN, rng.choice((1, 2, 2)))
        ident = surname_py + "_" + "".join(py for _, py in given)
        seen = self.used_ids.get(ident, 0)
        self.used_ids[ident] = seen + 1
        if seen:
            ident = f"{ident}_{seen + 1}"
        person: dict[str, Any] = {"id": ident, "name": surname + "".join(ch for ch, _ in given), "title": title,
                                  "department": dept}
        if boss:
            person["reports_to"] = boss
            self.reports.setdefault(boss, []).append(ident)
        if roles:
            person["roles"] = roles
        self.people.append(person)
        self.by_id[ident] = person
        self.boss[ident] = boss
        self.dept_members[dept].append(ident)
        if roles or known:
            self.known.append(ident)
        return ident

    # --- informal ties ---------------------------------------------------------------------------

    def _influence(self) -> list[dict]:
        """About 2.3 edges a person: to the boss, the boss's boss, a colleague, a head elsewhere."""
        rng = self.rng
        random_ = rng.random
        edges: list[dict] = []
        for person in self.people:
            me = person["id"]
            boss = self.boss[me]
            targets: list[str] = []
            if boss:
                if random_() < 0.85:
                    targets.append(boss)
                if self.boss[boss] and random_() < 0.3:
                    targets.append(self.boss[boss])
                if random_() < 0.7:
                    targets.append(rng.choice(self.reports[boss]))
            if random_() < 0.5:
                targets.append(rng.choice(self.dept_members[person["department"]]))
            if random_() < 0.2:
                org_heads = self.heads.get(self.dept_org[person["department"]]) or [me]
                targets.append(rng.choice(org_heads))
            # The boss first: the graph gives a person's edges back in the order their targets first
            # appear among that person's ties, and the formal line comes before any influence.
            targets.sort(key=lambda target: target != boss)
            seen = set()
            for target in targets:
                if target != me and target not in seen:
                    seen.add(target)
                    edges.append({"from": me, "to": target, "strength": rng.choices(STRENGTHS, cum_weights=STRENGTH_ODDS)[0]})
        for edge in edges[:: max(1, len(edges) // 20)]:
            edge["note"] = rng.choice(["老部下，说话管用", "技术上信他", "同乡", "多年搭档", "他的意见常被采纳"])
        return edges

    def _attitudes(self, rivals: list[dict]) -> None:
        rng = self.rng
        random_ = rng.random
        known = set(self.known)
        for person in self.people:
            is_known = person["id"] in known
            attitude = rng.choices(ATTITUDES, cum_weights=ATTITUDE_ODDS[is_known])[0]
            if attitude != "unknown":
                person["attitude"] = attitude
            lean = {"opponent": 0.6, "neutral": 0.1}.get(attitude, 0.01)
            if rivals and random_() < lean:
                # Departments lean together: the department's name picks its favourite rival more often than not.
                rival = rivals[_stable_hash(person["department"]) % len(rivals)] if random_() < 0.7 else rng.choice(rivals)
                person["favours"] = rival["id"]
            if is_known and random_() < 0.25:
                person["concerns"] = [rng.choice(CONCERNS[self.dept_function[person["department"]]])]

    def _team(self) -> list[dict]:
        count = min(len(TEAM) + self.size // 20000, 12) if self.people else 0
        team = []
        for number in range(count):
            role, label = TEAM[number % len(TEAM)]
            surname, surname_py = SURNAMES[(self.seed + 7 * number) % len(SURNAMES)]
            given, given_py = GIVEN[(self.seed + 11 * number) % len(GIVEN)]
            team.append({"id": f"our_{surname_py}{given_py}{number + 1}", "name": f"{surname}{given}（{label}）", "role": role})
        return team

    def _contacts(self, team: list[dict]) -> list[dict]:
        """Ties from our team, mostly to leaders and role holders; each person's stage follows them."""
        rng = self.rng
        if not team:
            return []
        known = set(self.known)
        by_member: list[list[dict]] = [[] for _ in team]
        for person in self.people:
            if rng.random() >= (0.35 if person["id"] in known else 0.01):
                continue
            stage_rank = -1
            for member in rng.sample(range(len(team)), 2 if rng.random() < 0.1 and len(team) > 1 else 1):
                stage = rng.choices(STAGES, cum_weights=STAGE_ODDS)[0]
                by_member[member].append({"from": team[member]["id"], "to": person["id"], "stage": stage})
                stage_rank = max(stage_rank, STAGES.index(stage))
            person["stage"] = STAGES[stage_rank]
            if rng.random() < 0.7:
                person["personality"] = rng.choice(PERSONALITIES)
            informed = rng.random()
            if informed < 0.7:
                person["informed"] = informed < 0.5
            if rng.random() < 0.5:
                person["contact"] = {"phone": f"13{rng.randint(0, 9)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"}
            if rng.random() < 0.2:
                person["notes"] = rng.choice(NOTES)
        # Grouped by team member, the order the graph gives them back in.
        return [tie for ties in by_member for tie in ties]

    def _visits(self, team: list[dict], contacts: list[dict]) -> list[dict]:
        rng = self.rng
        if not contacts:
            return []
        department = {person["id"]: person["department"] for person in self.people}
        visits = []
        for _ in range(max(1, len(contacts) // 3)):
            met = sorted({rng.choice(contacts)["to"] for _ in range(rng.randint(1, 3))})
            by = sorted({rng.choice(team)["id"] for _ in range(rng.randint(1, 2))})
            depts = sorted({department[who] for who in met})
            day = LAST_VISIT - dt.timedelta(days=rng.randint(0, 365))
            visits.append({"date": day.isoformat(), "by": by, "met": met, "departments": depts})
        visits.sort(key=lambda visit: visit["date"])
        return visits


def _chief(section: str) -> str:
    """The title of a section's head, from the section's name.

    >>> _chief("点检科"), _chief("一车间"), _chief("状态监测站")
    ('科长', '车间主任', '站长')
    """
    for ending, title in (("车间", "车间主任"), ("科", "科长"), ("站", "站长"), ("室", "主任"), ("班组", "班组长")):
        if ending in section:
            return title
    return "负责人"


def _stable_hash(text: str) -> int:
    """A hash of ``text`` that is the same in every run (``hash()`` of a str is salted per process)."""
    return sum(map(ord, text))
