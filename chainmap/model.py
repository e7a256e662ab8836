"""The account file as pydantic models: the shape of every item and its values.

The models check each item on its own (keys, types, vocabularies, ranges).
Rules that need the whole account — unique ids, references, cycles — live in
:mod:`chainmap.rules`, so that one run reports every problem at once.

>>> p = Person.model_validate({"id": "zhou", "name": "周院长", "attitude": "支持者", "roles": ["拍板人"]})
>>> p.attitude, p.roles
(<Attitude.SUPPORTER: 'supporter'>, [<Role.DECISION_MAKER: 'decision_maker'>])
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .enums import (
    Attitude,
    Choice,
    Function,
    FundingSource,
    FundingStatus,
    OrgRelation,
    Ownership,
    Personality,
    Role,
    Stage,
    TeamRole,
    Weight,
)
from .i18n import Text

__all__ = [
    "Account",
    "Organisation",
    "Department",
    "Person",
    "Influence",
    "TeamMember",
    "Contact",
    "Competitor",
    "Visit",
    "Funding",
    "KINDS",
]


def _vocabulary(cls: type[Choice]) -> Any:
    """A field type that accepts every spelling of ``cls`` and lists them when it fails."""

    def parse(value: object) -> Choice:
        try:
            return cls.parse(value)
        except ValueError:
            raise PydanticCustomError(
                "choice", "{value} is not allowed", {"value": repr(value), "allowed": cls.allowed()}
            ) from None

    schema = {"type": "string", "enum": cls.spellings()}
    return Annotated[cls, BeforeValidator(parse), WithJsonSchema(schema)]


# YAML reads `id: 7` or `name: 2024` as numbers; a rep means the text (str(7), never True). pydantic's own
# string validator converts them, in Rust: a Python validator per value took a quarter of validating 100,000 people.
Id = Annotated[str, Field(min_length=1, coerce_numbers_to_str=True)]
Label = Annotated[str, Field(coerce_numbers_to_str=True)]

# A fresh empty list per item: pydantic deep-copies a `= []` default for every item that
# leaves the key out (a third of validating a 100,000-person account); the schema still says [].
_EMPTY: Any = Field(default_factory=list, json_schema_extra={"default": []})


class Item(BaseModel):
    """Common ground: unknown keys are errors; free data goes in ``extra``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_enum_values=False)

    extra: dict[str, Any] | None = None


class Funding(Item):
    status: _vocabulary(FundingStatus) = FundingStatus.UNKNOWN
    source: _vocabulary(FundingSource) = FundingSource.UNKNOWN
    note: Label | None = None


class Organisation(Item):
    id: Id
    name: Label
    relation: _vocabulary(OrgRelation) | None = None
    funds_project: bool = False


class Department(Item):
    id: Id
    name: Label
    org: Id | None = None
    parent: Id | None = None
    function: _vocabulary(Function) = Function.OTHER
    weight: _vocabulary(Weight) = Weight.UNKNOWN
    concerns: list[Label] = _EMPTY


class Person(Item):
    id: Id
    name: Label
    title: Label | None = None
    department: Id | None = None
    reports_to: Id | None = None
    roles: list[_vocabulary(Role)] = _EMPTY
    attitude: _vocabulary(Attitude) = Attitude.UNKNOWN
    stage: _vocabulary(Stage) = Stage.NONE
    personality: _vocabulary(Personality) = Personality.UNKNOWN
    informed: bool | None = None
    dotted_to: list[Id] = _EMPTY
    favours: Id | None = None
    concerns: list[Label] = _EMPTY
    contact: dict[str, Any] | None = None
    notes: Label | None = None


class Influence(Item):
    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    strength: int = Field(default=3, ge=1, le=5)
    note: Label | None = None


class TeamMember(Item):
    id: Id
    name: Label
    role: _vocabulary(TeamRole) = TeamRole.OTHER


class Contact(Item):
    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    stage: _vocabulary(Stage) = Stage.ACQUAINTED
    note: Label | None = None


class Competitor(Item):
    id: Id
    name: Label
    note: Label | None = None


class Visit(Item):
    date: dt.date
    by: list[Id] = _EMPTY
    met: list[Id] = _EMPTY
    departments: list[Id] = _EMPTY
    notes: Label | None = None


class Account(Item):
    """One customer account: the organisation we sell to and where we stand in it."""

    model_config = ConfigDict(
        json_schema_extra={"title": "chainmap account file", "$schema": "https://json-schema.org/draft/2020-12/schema"}
    )

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    name: Label
    industry: Label | None = None
    ownership: _vocabulary(Ownership) = Ownership.UNKNOWN
    funding: Funding | None = None
    organisations: list[Organisation] = _EMPTY
    departments: list[Department] = _EMPTY
    people: list[Person] = _EMPTY
    influence: list[Influence] = _EMPTY
    team: list[TeamMember] = _EMPTY
    contacts: list[Contact] = _EMPTY
    competitors: list[Competitor] = _EMPTY
    visits: list[Visit] = _EMPTY

    def person(self, person_id: str) -> Person:
        """The person with ``person_id``; ``KeyError`` if there is none."""
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)


# The list-valued sections of an account and the model of their items.
KINDS: dict[str, type[Item]] = {
    "organisations": Organisation,
    "departments": Department,
    "people": Person,
    "influence": Influence,
    "team": TeamMember,
    "contacts": Contact,
    "competitors": Competitor,
    "visits": Visit,
}
# What one item of a section is called in a sentence ("no person 'x'", "added department 'y'").
KIND_WORD = {
    "people": Text("person", "人员"),
    "departments": Text("department", "部门"),
    "organisations": Text("organisation", "组织"),
    "influence": Text("influence", "影响关系"),
    "contacts": Text("contact", "联系"),
    "competitors": Text("competitor", "竞争对手"),
    "team": Text("team member", "我方成员"),
}
