// Browser: how can our message reach the decider? For each starting point on our side — our team
// members and the customer's people who support us, as `chainmap path` starts — the shortest route to
// the decider (at most 10 steps) through our contacts (CONTACT, team member → person), influence
// (INFLUENCES, from the one who sways to the listener) and reporting lines (REPORTS_TO, DOTTED_TO, either
// way: a boss hears a report and passes word down). Links carry a message as surely as `chainmap path`
// counts them: contact by its stage (none 0.2 … alliance 1), influence strength/5, reporting line 0.7,
// dotted line 0.4; a route's strength is their product and its weakest link is named. Strongest first;
// returns the paths, so Browser draws them. (chainmap finds the strongest route; Cypher here the shortest.)
// In Neo4j Browser: :param account => 'steelworks'  and  :param decider => null  (null: everyone marked
// decision_maker; or a person id such as 'zhou')
// Parameters: $account (the account id); $decider (a person id, or null for the marked decision makers).
MATCH (a:Account {id: $account})<-[:IN_ACCOUNT]-(decider:Person)
WHERE CASE WHEN $decider IS NULL THEN 'decision_maker' IN decider.roles ELSE decider.id = $decider END
MATCH (a)<-[:IN_ACCOUNT]-(start)
WHERE start <> decider AND (start:TeamMember OR (start:Person AND start.attitude = 'supporter'))
MATCH route = shortestPath((start)-[:CONTACT|INFLUENCES|REPORTS_TO|DOTTED_TO*..10]-(decider))
WHERE all(step IN range(0, length(route) - 1) WHERE
        type(relationships(route)[step]) IN ['REPORTS_TO', 'DOTTED_TO']
        OR startNode(relationships(route)[step]) = nodes(route)[step])
WITH route, start, decider,
     [link IN relationships(route) |
       CASE type(link)
         WHEN 'INFLUENCES' THEN link.strength / 5.0
         WHEN 'REPORTS_TO' THEN 0.7
         WHEN 'DOTTED_TO' THEN 0.4
         ELSE CASE link.stage WHEN 'alliance' THEN 1.0 WHEN 'trust' THEN 0.8 WHEN 'meeting' THEN 0.6 WHEN 'acquainted' THEN 0.4 ELSE 0.2 END
       END] AS strengths
WITH route, start, decider, strengths,
     reduce(weakest = 1.0, s IN strengths | CASE WHEN s < weakest THEN s ELSE weakest END) AS weakest
RETURN route,
       start.name AS from_name,
       decider.name AS to_name,
       [item IN nodes(route) | item.name] AS people,
       [link IN relationships(route) | type(link)] AS via,
       round(reduce(product = 1.0, s IN strengths | product * s), 3) AS strength,
       [step IN range(0, size(strengths) - 1) WHERE strengths[step] = weakest | nodes(route)[step + 1].name][0] AS weakest_link
ORDER BY strength DESC, length(route), start.seq
