"""Adaptive Card 1.5 builders for Teams: pure functions, data in and a card dict out.

One module per card family (help, hand-off form, brief, notices, questions, hand-off list,
schedule changes, kits with feedback and the debrief, candidate messages), each naming the
Action.Execute verbs its buttons send; the endpoint routes invokes by verb (plugin.teams.actions
HANDLERS), so a new card adds a module and its verbs without touching the others.
"""
