"""Measures of convergence between states: UN voting similarity, ideal points, alliance portfolios,
capabilities, arms transfers, trade, institutions, conflict, signed networks, and the convergence profile.

Only names are declared here (no imports) so ``import amity`` stays fast; ``amity.<name>`` loads the
module on first use.
"""

EXPORTS = {
    # UN General Assembly voting (amity.measures.unga)
    "un_votes": "amity.measures.unga",
    "similarity": "amity.measures.unga",
    "similarity_all": "amity.measures.unga",
    "add_unga_similarity": "amity.measures.unga",
    "un_roll_call_crosswalk": "amity.measures.unga",
    "un_record_counts": "amity.measures.unga",
    "un_resolutions": "amity.measures.unga",
    "un_record_matches": "amity.measures.unga",
    "un_source_agreement": "amity.measures.unga",
    # UN ideal points (amity.measures.idealpoints)
    "ideal_points": "amity.measures.idealpoints",
    "add_ideal_distance": "amity.measures.idealpoints",
    "ideal_distance": "amity.measures.idealpoints",
    "session_of_year": "amity.measures.idealpoints",
    # alliances, power, arms, trade, institutions, conflict, profile
    "alliance_similarity": "amity.measures.alliances",
    "add_alliance_similarity": "amity.measures.alliances",
    "alliances_between": "amity.measures.alliances",
    "atop_dyad_years_from_members": "amity.measures.alliances",
    "capabilities": "amity.measures.capabilities",
    "military_expenditure": "amity.measures.capabilities",
    "add_capability_share": "amity.measures.capabilities",
    "arms_imports": "amity.measures.arms",
    "arms_supplier_shares": "amity.measures.arms",
    "arms_tie": "amity.measures.arms",
    "add_arms": "amity.measures.arms",
    "arms_concentration": "amity.measures.arms",
    "trade_dependence": "amity.measures.trade",
    "add_trade_dependence": "amity.measures.trade",
    "institutions_and_conflict": "amity.measures.conflict",
    "coverage": "amity.measures.coverage",
    "coverage_by_year": "amity.measures.coverage",
    "convergence": "amity.measures.convergence",
    "convergence_summary": "amity.measures.convergence",
    "convergence_profiles": "amity.measures.convergence",
    "detect_breaks": "amity.measures.convergence",
    # signed networks and structural balance (amity.measures.balance)
    "signed_network": "amity.measures.balance",
    "triad_balance": "amity.measures.balance",
    "frustration_index": "amity.measures.balance",
    "triangle_balance": "amity.measures.balance",
    "balance_by_year": "amity.measures.balance",
}
