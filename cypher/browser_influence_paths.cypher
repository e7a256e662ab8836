// Browser: how can our message reach the decider? The shortest routes from the people on our side —
// supporters, and anyone at stage acquainted or better or in contact with our team — to the decider,
// along "listens to" (INFLUENCES, from the one who sways to the listener) and formal lines (REPORTS_TO,
// from a report to the boss), at most 6 steps. Each route is as strong as its weakest link: an influence
// link counts strength/5, a reporting line 0.8. Strongest routes first; returns paths, so Browser draws them.
// In Neo4j Browser: :param account => 'steelworks'  and  :param decider => null  (null: everyone marked
// decision_maker; or a person id such as 'zhou')
// Parameters: $account (the account id); $decider (a person id, or null for the marked decision makers).
MATCH (a:Account {id: $account})<-[:IN_ACCOUNT]-(decider:Person)
WHERE CASE WHEN $decider IS NULL THEN 'decision_maker' IN decider.roles ELSE decider.id = $decider END
MATCH (a)<-[:IN_ACCOUNT]-(start:Person)
WHERE start <> decider
  AND (start.attitude = 'supporter'
       OR start.stage IN ['acquainted', 'meeting', 'trust', 'alliance']
       OR EXISTS { (start)<-[:CONTACT]-(:TeamMember) })
MATCH route = shortestPath((start)-[:INFLUENCES|REPORTS_TO*..6]->(decider))
WITH route, start, decider,
     [link IN relationships(route) | CASE type(link) WHEN 'INFLUENCES' THEN link.strength / 5.0 ELSE 0.8 END] AS strengths
RETURN route,
       start.name AS from_name,
       decider.name AS to_name,
       [person IN nodes(route) | person.name] AS people,
       [link IN relationships(route) | type(link)] AS via,
       reduce(weakest = 1.0, s IN strengths | CASE WHEN s < weakest THEN s ELSE weakest END) AS strength
ORDER BY strength DESC, length(route), start.seq
