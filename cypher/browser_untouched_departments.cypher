// Browser: which departments has nobody on our side reached? As `chainmap untouched` decides it: a
// department is touched when a visit covered it, or one of its people is at stage acquainted or better,
// has a contact from our team at that stage, or was met on a visit. The untouched ones come most
// important first (say: lead, support, unknown, none; then procurement, finance, user, technical,
// management, legal, other), each with its head-count and the people in it who hold a decision-chain role.
// In Neo4j Browser: :param account => 'steelworks'
// Parameters: $account (the account id).
MATCH (:Account {id: $account})<-[:IN_ACCOUNT]-(d:Department)
WHERE NOT EXISTS { (d)<-[:COVERED]-(:Visit) }
  AND NOT EXISTS {
    MATCH (d)<-[:MEMBER_OF]-(p:Person)
    WHERE p.stage IN ['acquainted', 'meeting', 'trust', 'alliance']
       OR EXISTS { (p)<-[:MET]-(:Visit) }
       OR EXISTS {
         MATCH (p)<-[c:CONTACT]-(:TeamMember)
         WHERE c.stage IN ['acquainted', 'meeting', 'trust', 'alliance']
       }
  }
RETURN d.id AS id,
       d.name AS name,
       d.function AS function,
       d.weight AS weight,
       COUNT { (d)<-[:MEMBER_OF]-(:Person) } AS people,
       [(d)<-[:MEMBER_OF]-(p:Person) WHERE size(p.roles) > 0 | p.name] AS role_holders
ORDER BY
  CASE d.weight WHEN 'lead' THEN 0 WHEN 'support' THEN 1 WHEN 'unknown' THEN 2 ELSE 3 END,
  CASE d.function
    WHEN 'procurement' THEN 0 WHEN 'finance' THEN 1 WHEN 'user' THEN 2 WHEN 'technical' THEN 3
    WHEN 'management' THEN 4 WHEN 'legal' THEN 5 ELSE 6
  END,
  d.seq
