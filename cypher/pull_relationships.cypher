// Pull: every relationship between the items of one account (and from departments to the Account node
// for `org: self`), as type, the two ends' kinds and keys (`id`, or `seq` for a visit) and its properties.
// Relationships an analyst draws to other accounts' items are left out.
// Parameters: $account (the account id); $labels (the item labels chainmap writes, plus Account).
MATCH (a:Account {id: $account})<-[:IN_ACCOUNT]-(source)-[r]->(target)
WHERE type(r) <> 'IN_ACCOUNT' AND (target = a OR target.account = $account)
RETURN type(r) AS type,
       [label IN labels(source) WHERE label IN $labels][0] AS source_label,
       coalesce(source.id, source.seq) AS source,
       [label IN labels(target) WHERE label IN $labels][0] AS target_label,
       coalesce(target.id, target.seq) AS target,
       properties(r) AS properties
ORDER BY type, coalesce(r.seq, 0)
