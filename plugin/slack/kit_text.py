"""What the Slack app says about interview kits, feedback and the debrief, in one place."""

WHEN_UNSET = "time not set yet"
KIT_FALLBACK = "Interview kit: {candidate} for {role}, {when}"
KIT_HEADER = "Interview kit: {candidate}"
KIT_INTRO = "You're interviewing *{candidate}* for *{role}*.\n*When* (your time): {when}"
KIT_WHERE = "\n*Where:* {where}"
KIT_REPLACES = (
    "\n:arrows_counterclockwise: _The interview moved: this kit replaces the one you had._"
)
KIT_HOW = (
    "Ask each question as written, follow up with the probes, and note what they actually said "
    "and did. When the interview ends you'll get a *Submit feedback* button to rate each "
    "competency on that evidence."
)
KIT_PANEL = "Panel: {panel}. Each of you covers different competencies, so stick to yours."
KIT_PANEL_HM = "<@{person}> (hiring manager)"
KIT_WHO_COVERS = "*Who covers what*\n{lines}"
KIT_WHO_LINE = "• <@{person}>{note}: {competencies}"
KIT_WHO_YOU = " (you)"
KIT_WHO_NOTHING = "_nothing assigned_"
KIT_CONCERN_MARK = " :mag:"
KIT_WHO_LEGEND = ":mag: flagged by a concern from the screen; concerns are yours first."
KIT_CONCERNS = "*Concerns from the screen*\n{text}"
KIT_SECTION = "*{name}*{flag}\n_{description}_"
KIT_SECTION_FLAG = "  :mag: _flagged in the screen_"
KIT_SNIPPETS = ":mag: *From the screen:*\n{quotes}"
KIT_QUESTION = "*{number}. {text}* _({kind})_\n{probes}\n:dart: _Strong answer:_ {strong}"
KIT_PROBE = "   ◦ {text}"
KIT_NO_QUESTIONS = (
    "_The question bank has no questions for this competency any more: ask your own on it._"
)
KIT_NOTHING_ASSIGNED = (
    "No competency is assigned to you on this panel: the others cover them all. "
    "Join in as a listener, and give your overall view in the feedback."
)
KIT_TRUNCATED = "_This kit is long; `/questions {name}` shows the rest._"
QUESTION_KIND = {"behavioral": "behavioral", "situational": "situational"}

PROMPT_FALLBACK = "Your feedback on {candidate} ({role}) is due"
PROMPT_TEXT = (
    ":memo: Your interview with *{candidate}* for *{role}* has ended. Submit your feedback while "
    "it's fresh: {what}, and your overall recommendation."
)
PROMPT_WHAT = "a rating with evidence for {competencies}"
PROMPT_WHAT_NONE = "your view of the candidate"
PROMPT_PRIVATE = (
    "Only <@{manager}> and <@{recruiter}> see it, side by side with the rest of the panel's, "
    "once everyone has submitted."
)
REMINDER_FALLBACK = "Reminder: your feedback on {candidate} ({role}) isn't in yet"
REMINDER_TEXT = (
    ":alarm_clock: Your feedback on *{candidate}* for *{role}* isn't in yet, and the debrief "
    "waits for it: {what}, and your overall recommendation."
)
REMINDER_COUNT = "Reminder {number} of {total}."
REMINDER_LAST = "Reminder {number} of {total}: the last one."
BUTTON_FEEDBACK = "Submit feedback"

FEEDBACK_TITLE = "Interview feedback"
FEEDBACK_SUBMIT = "Submit"
FEEDBACK_CLOSE = "Cancel"
FEEDBACK_INTRO = (
    "Your feedback on *{candidate}* for *{role}*. Rate each competency on what you heard, "
    "not on a hunch: the debrief weighs the evidence."
)
FEEDBACK_SCALE = "*1* Concerning · *2* Mixed · *3* Solid · *4* Strong"
FEEDBACK_RATING_LABEL = "{name}"
FEEDBACK_EVIDENCE_LABEL = "Evidence for {name}"
FEEDBACK_EVIDENCE_HINT = "What they said or did: the situation, their own actions, the result."
FEEDBACK_RATING_OPTION = "{score} · {label}"
FEEDBACK_RECOMMENDATION = "Your overall recommendation"
FEEDBACK_SUMMARY = "Anything else the debrief should know"
FEEDBACK_ALREADY = (
    "You already submitted feedback on this interview, so nothing changed. "
    "Ask <@{manager}> if something needs correcting."
)
FEEDBACK_THANKS_TITLE = "Feedback submitted"
FEEDBACK_THANKS = (
    ":white_check_mark: Thanks, your feedback on *{candidate}* is in. <@{manager}> and "
    "<@{recruiter}> get the debrief once the whole panel has submitted."
)
CLOSE = "Close"

VIEW_TITLE = "Interview feedback"
VIEW_INTRO = "<@{person}>'s feedback on *{candidate}* for *{role}*, submitted {when}."
VIEW_RATING = "*{name}*: {bar} *{score}* {label}\n{evidence}"
VIEW_RECOMMENDATION = "*Overall recommendation:* {label}"
VIEW_SUMMARY = "*Anything else*\n{text}"

DEBRIEF_FALLBACK = "Debrief: the panel's feedback on {candidate} ({role}) is in"
DEBRIEF_HEADER = "Debrief: {candidate}"
DEBRIEF_INTRO = (
    "Everyone on the panel has submitted feedback on *{candidate}* for *{role}* (interview {when})."
)
DEBRIEF_CONTEXT = "Scale: {scale}. Screen: {screen}"
DEBRIEF_SCALE = "1 Concerning · 2 Mixed · 3 Solid · 4 Strong"
DEBRIEF_RATINGS = "*Ratings by competency*"
DEBRIEF_COMPETENCY = "*{name}*{flag}"
DEBRIEF_RATING = "{bar} *{score}* {label} · <@{person}>"
DEBRIEF_UNRATED = "_not rated_"
DEBRIEF_RECOMMENDATIONS = "*Recommendations*: {tally}"
DEBRIEF_PERSON = "<@{person}>{role}: *{verdict}*\n{ratings}"
DEBRIEF_PERSON_HM = " (hiring manager)"
DEBRIEF_PERSON_RATING = "{name} {score}"
BUTTON_FULL_FEEDBACK = "Full feedback"

REFUSALS = {
    "not_on_panel": "Only the interview panel can give feedback on this interview.",
    "debrief_only": "Only the hiring manager and the recruiter can read the panel's feedback.",
    "closed": "This hand-off is {state}, so feedback is no longer collected; nothing changed.",
    "not_yet": "The interview hasn't ended yet: feedback opens once it has.",
    "no_feedback": "There's no feedback from that person on this interview.",
}
