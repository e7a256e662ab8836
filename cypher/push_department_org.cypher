// Push: create one batch of departments of other organisations: (:Department)-[:PART_OF]->(:Organisation).
// Parameters: $account (the account id); $rows (maps: `source` and `target` keys, `properties`
// of the relationship, with `seq` where the file keeps an order).
UNWIND $rows AS row
MATCH (source:Department {account: $account, id: row.source})
MATCH (target:Organisation {account: $account, id: row.target})
CREATE (source)-[r:PART_OF]->(target)
SET r = row.properties
