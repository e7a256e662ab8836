"""Hypothesis strategies for valid accounts: any of them must load, dump and graph without loss."""

from hypothesis import strategies as st

from chainmap.enums import Attitude, Function, FundingSource, FundingStatus, OrgRelation, Ownership, Personality, Role, Stage, TeamRole, Weight
from chainmap.model import Account

# Text a rep might type, including what YAML treats specially (yes, ~, :, #, quotes, leading dashes).
TRICKY = st.sampled_from(["yes", "no", "~", "null", "true", "0x1F", "007", "1e3", "- a", "a: b", "#tag", "'q'", '"d"', "&a", "*b", "", " "])
TEXT = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")), max_size=12),
    st.text(alphabet="周马李王院长科主任设备 abcXYZ019-_:#'\"", max_size=8),
    TRICKY,
)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)


def choice(cls):
    return st.sampled_from(list(cls))


@st.composite
def accounts(draw, max_people: int = 8) -> Account:
    department_ids = draw(st.lists(SLUG, max_size=4, unique=True))
    people_ids = draw(st.lists(SLUG, max_size=max_people, unique=True))
    team_ids = draw(st.lists(SLUG, max_size=2, unique=True))
    rival_ids = draw(st.lists(SLUG, max_size=2, unique=True))
    org_ids = draw(st.lists(SLUG.filter(lambda s: s != "self"), max_size=2, unique=True))

    def optional(strategy):
        return draw(st.one_of(st.none(), strategy))

    organisations = [
        {"id": o, "name": draw(TEXT), "relation": optional(choice(OrgRelation)), "funds_project": draw(st.booleans())}
        for o in org_ids
    ]
    departments = []
    for index, d in enumerate(department_ids):
        # Parents only point backwards, so the tree has no cycles.
        departments.append({
            "id": d,
            "name": draw(TEXT),
            "org": optional(st.sampled_from(org_ids)) if org_ids else None,
            "parent": optional(st.sampled_from(department_ids[:index])) if index else None,
            "function": draw(choice(Function)),
            "weight": draw(choice(Weight)),
            "concerns": draw(st.lists(TEXT, max_size=2)),
        })
    people = []
    for index, p in enumerate(people_ids):
        people.append({
            "id": p,
            "name": draw(TEXT),
            "title": optional(TEXT),
            "department": optional(st.sampled_from(department_ids)) if department_ids else None,
            "reports_to": optional(st.sampled_from(people_ids[:index])) if index else None,
            "roles": draw(st.lists(choice(Role), max_size=2, unique=True)),
            "attitude": draw(choice(Attitude)),
            "stage": draw(choice(Stage)),
            "personality": draw(choice(Personality)),
            "informed": optional(st.booleans()),
            "dotted_to": draw(st.lists(st.sampled_from([x for x in people_ids if x != p]), max_size=2, unique=True)) if len(people_ids) > 1 else [],
            "favours": optional(st.sampled_from(rival_ids)) if rival_ids else None,
            "concerns": draw(st.lists(TEXT, max_size=2)),
            "contact": optional(st.dictionaries(SLUG, TEXT, max_size=2)),
            "notes": optional(TEXT),
            "extra": optional(st.dictionaries(SLUG, st.one_of(TEXT, st.integers(-5, 5), st.booleans()), max_size=2)),
        })
    pairs = [(a, b) for a in people_ids for b in people_ids if a != b]
    influence = [
        {"from": a, "to": b, "strength": draw(st.integers(1, 5)), "note": optional(TEXT)}
        for a, b in draw(st.lists(st.sampled_from(pairs), max_size=6)) if pairs
    ] if pairs else []
    contacts = [
        {"from": draw(st.sampled_from(team_ids)), "to": draw(st.sampled_from(people_ids)), "stage": draw(choice(Stage)), "note": optional(TEXT)}
        for _ in range(draw(st.integers(0, 3)))
    ] if team_ids and people_ids else []
    visits = [
        {
            "date": draw(st.dates()),
            "by": draw(st.lists(st.sampled_from(team_ids), max_size=2, unique=True)) if team_ids else [],
            "met": draw(st.lists(st.sampled_from(people_ids), max_size=2, unique=True)) if people_ids else [],
            "departments": draw(st.lists(st.sampled_from(department_ids), max_size=2, unique=True)) if department_ids else [],
            "notes": optional(TEXT),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    data = {
        "id": draw(SLUG),
        "name": draw(TEXT),
        "industry": optional(TEXT),
        "ownership": draw(choice(Ownership)),
        "funding": optional(st.fixed_dictionaries({"status": choice(FundingStatus), "source": choice(FundingSource), "note": st.one_of(st.none(), TEXT)})),
        "organisations": organisations,
        "departments": departments,
        "people": people,
        "influence": influence,
        "team": [{"id": t, "name": draw(TEXT), "role": draw(choice(TeamRole))} for t in team_ids],
        "contacts": contacts,
        "competitors": [{"id": c, "name": draw(TEXT), "note": optional(TEXT)} for c in rival_ids],
        "visits": visits,
    }
    return Account.model_validate(data)
