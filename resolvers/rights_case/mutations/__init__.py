"""Rights case mutations: the case workflow (cases), wage settlement per shift (settlement)
and posting moderation (moderation)."""

from resolvers.rights_case.mutations.cases import RightsCaseMutation
from resolvers.rights_case.mutations.moderation import PostingModerationMutation
from resolvers.rights_case.mutations.settlement import WageSettlementMutation

__all__ = ["PostingModerationMutation", "RightsCaseMutation", "WageSettlementMutation"]
