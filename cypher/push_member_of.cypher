// Push: create one batch of department memberships: (:Person)-[:MEMBER_OF]->(:Department).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Person {account: $account, id: row.source})
MATCH (target:Department {account: $account, id: row.target})
CREATE (source)-[r:MEMBER_OF]->(target)
SET r = row.properties
