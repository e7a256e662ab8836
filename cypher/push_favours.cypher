// Push: create one batch of competitor leanings: (:Person)-[:FAVOURS]->(:Competitor).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Person {account: $account, id: row.source})
MATCH (target:Competitor {account: $account, id: row.target})
CREATE (source)-[r:FAVOURS]->(target)
SET r = row.properties
