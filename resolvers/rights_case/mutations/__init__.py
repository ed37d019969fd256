"""Rights case mutations: the case workflow (cases), wage settlement per shift (settlement)
posting moderation (moderation) and the gathering-place register (gathering)."""

from resolvers.rights_case.mutations.cases import RightsCaseMutation
from resolvers.rights_case.mutations.gathering import GatheringPlaceMutation
from resolvers.rights_case.mutations.moderation import PostingModerationMutation
from resolvers.rights_case.mutations.settlement import WageSettlementMutation

__all__ = [
    "GatheringPlaceMutation",
    "PostingModerationMutation",
    "RightsCaseMutation",
    "WageSettlementMutation",
]
