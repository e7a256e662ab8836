"""The vocabularies of the account file, in English and Chinese.

Each vocabulary is a :class:`Choice` (a ``StrEnum`` whose value is the English
word). A rep may write either language, so :meth:`Choice.parse` accepts the
English value, the Chinese label and a few aliases, and :meth:`Choice.label`
says it back in the user's language.

>>> Attitude.parse("支持者") is Attitude.SUPPORTER
True
>>> Personality.parse("driver").label("zh")
'老虎'
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

__all__ = [
    "Choice",
    "Ownership",
    "FundingStatus",
    "FundingSource",
    "OrgRelation",
    "Function",
    "Weight",
    "Role",
    "Attitude",
    "Stage",
    "Personality",
    "TeamRole",
]


class Choice(StrEnum):
    """A vocabulary whose members can be written in English or Chinese."""

    @classmethod
    @cache
    def _spellings(cls) -> dict[str, "Choice"]:
        spellings: dict[str, Choice] = {}
        for member in cls:
            spellings[member.value] = member
            for name in CHINESE[cls][member.value]:
                spellings[name] = member
        for alias, member in ALIASES.items():
            if isinstance(member, cls):
                spellings[alias] = member
        return spellings

    @classmethod
    def parse(cls, value: object) -> "Choice":
        """The member spelled ``value`` (English, Chinese or alias); ``ValueError`` otherwise."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            key = value.strip()
            member = cls._spellings().get(key) or cls._spellings().get(key.lower())
            if member is not None:
                return member
        raise ValueError(f"{value!r} is not one of {cls.allowed()}")

    @classmethod
    def allowed(cls) -> str:
        """Every member as ``english 中文``, for error messages."""
        return ", ".join(f"{m.value} {CHINESE[cls][m.value][0]}" for m in cls)

    @classmethod
    def spellings(cls) -> list[str]:
        """Every accepted spelling, for the JSON Schema that editors complete from."""
        return list(cls._spellings())

    def label(self, lang: str) -> str:
        """The member's name in ``lang`` (``zh`` or ``en``)."""
        return CHINESE[type(self)][self.value][0] if lang == "zh" else self.value.replace("_", " ")


class Ownership(Choice):
    STATE = "state"
    PRIVATE = "private"
    FOREIGN = "foreign"
    GOVERNMENT = "government"
    OTHER = "other"
    UNKNOWN = "unknown"


class FundingStatus(Choice):
    NONE = "none"
    APPLYING = "applying"
    APPROVED = "approved"
    ALLOCATED = "allocated"
    UNKNOWN = "unknown"


class FundingSource(Choice):
    SELF = "self"
    PARENT = "parent"
    GOVERNMENT = "government"
    UNKNOWN = "unknown"


class OrgRelation(Choice):
    PARENT = "parent"
    AFFILIATE = "affiliate"


class Function(Choice):
    USER = "user"
    TECHNICAL = "technical"
    PROCUREMENT = "procurement"
    FINANCE = "finance"
    MANAGEMENT = "management"
    LEGAL = "legal"
    OTHER = "other"


class Weight(Choice):
    """A department's say in the current purchase."""

    LEAD = "lead"
    SUPPORT = "support"
    NONE = "none"
    UNKNOWN = "unknown"


class Role(Choice):
    """A person's place in the decision chain."""

    INITIATOR = "initiator"
    DESIGNER = "designer"
    DECISION_MAKER = "decision_maker"
    USER = "user"
    EVALUATOR = "evaluator"
    APPROVER = "approver"
    HANDLER = "handler"


class Attitude(Choice):
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    OPPONENT = "opponent"
    UNKNOWN = "unknown"


class Stage(Choice):
    """Our relationship with a person, in the order it grows."""

    NONE = "none"
    ACQUAINTED = "acquainted"
    MEETING = "meeting"
    TRUST = "trust"
    ALLIANCE = "alliance"

    @property
    def rank(self) -> int:
        """0 for ``none`` up to 4 for ``alliance``.

        >>> Stage.TRUST.rank
        3
        """
        return list(Stage).index(self)


class Personality(Choice):
    """PDP personality types."""

    TIGER = "tiger"
    PEACOCK = "peacock"
    OWL = "owl"
    KOALA = "koala"
    CHAMELEON = "chameleon"
    UNKNOWN = "unknown"


class TeamRole(Choice):
    SALES = "sales"
    PRESALES = "presales"
    MANAGER = "manager"
    OTHER = "other"


# The first Chinese name is the label chainmap prints; the others are accepted too.
# Keyed by class, then value: members of different vocabularies compare equal as strings.
CHINESE: dict[type[Choice], dict[str, tuple[str, ...]]] = {
    Ownership: {
        "state": ("国企", "国有"),
        "private": ("民营", "私企"),
        "foreign": ("外资",),
        "government": ("政府",),
        "other": ("其他",),
        "unknown": ("未知",),
    },
    FundingStatus: {
        "none": ("无",),
        "applying": ("申请中",),
        "approved": ("已批",),
        "allocated": ("已到位",),
        "unknown": ("未知",),
    },
    FundingSource: {
        "self": ("自有",),
        "parent": ("母公司",),
        "government": ("财政",),
        "unknown": ("未知",),
    },
    OrgRelation: {
        "parent": ("母公司",),
        "affiliate": ("关联公司",),
    },
    Function: {
        "user": ("使用部门",),
        "technical": ("技术部门",),
        "procurement": ("采购部门",),
        "finance": ("财务部门",),
        "management": ("领导/管理层", "领导", "管理层", "领导层"),
        "legal": ("法务",),
        "other": ("其他",),
    },
    Weight: {
        "lead": ("主导",),
        "support": ("辅助",),
        "none": ("无",),
        "unknown": ("未知",),
    },
    Role: {
        "initiator": ("发起者",),
        "designer": ("设计者",),
        "decision_maker": ("决策者", "拍板人"),
        "user": ("使用者",),
        "evaluator": ("评估者",),
        "approver": ("审批者",),
        "handler": ("经办人",),
    },
    Attitude: {
        "supporter": ("支持者",),
        "neutral": ("中立者",),
        "opponent": ("反对者",),
        "unknown": ("未知",),
    },
    Stage: {
        "none": ("未联系",),
        "acquainted": ("认识",),
        "meeting": ("约会",),
        "trust": ("信赖",),
        "alliance": ("同盟",),
    },
    Personality: {
        "tiger": ("老虎",),
        "peacock": ("孔雀",),
        "owl": ("猫头鹰",),
        "koala": ("考拉",),
        "chameleon": ("变色龙",),
        "unknown": ("未知",),
    },
    TeamRole: {
        "sales": ("销售",),
        "presales": ("售前",),
        "manager": ("经理",),
        "other": ("其他",),
    },
}

# English aliases: the social-style names of the PDP types.
ALIASES: dict[str, Choice] = {
    "driver": Personality.TIGER,
    "expressive": Personality.PEACOCK,
    "analytical": Personality.OWL,
    "amiable": Personality.KOALA,
}
