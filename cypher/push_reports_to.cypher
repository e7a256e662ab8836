// Push: create one batch of formal reporting lines: (:Person)-[:REPORTS_TO]->(boss:Person).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Person {account: $account, id: row.source})
MATCH (target:Person {account: $account, id: row.target})
CREATE (source)-[r:REPORTS_TO]->(target)
SET r = row.properties
