"""Adaptive Card 1.5 builders for Teams: pure functions, data in and a card dict out.

One module per card family (help, hand-off form, brief, notices, questions, hand-off list), each
naming the Action.Execute verbs its buttons send; the endpoint routes invokes by verb, so a new
card (interviewer kits, feedback, debrief) adds a module and its verbs without touching the others.
"""
