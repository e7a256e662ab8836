// Push: create one batch of our ties: (:TeamMember)-[:CONTACT {stage, note, seq}]->(:Person).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:TeamMember {account: $account, id: row.source})
MATCH (target:Person {account: $account, id: row.target})
CREATE (source)-[r:CONTACT]->(target)
SET r = row.properties
