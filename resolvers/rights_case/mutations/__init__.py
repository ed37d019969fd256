"""Rights case mutations: the case workflow (cases) and wage settlement per shift (settlement)."""

from resolvers.rights_case.mutations.cases import RightsCaseMutation
from resolvers.rights_case.mutations.settlement import WageSettlementMutation

__all__ = ["RightsCaseMutation", "WageSettlementMutation"]
