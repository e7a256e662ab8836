// Push: delete every item of one account (and all their relationships), keeping the Account node.
// The first write of a push; the rest of the push's transaction recreates the items, so a failure
// half-way rolls the deletion back too. Other accounts' items hang off other Account nodes: untouched.
// Parameters: $account (the account id).
MATCH (:Account {id: $account})<-[:IN_ACCOUNT]-(item)
DETACH DELETE item
