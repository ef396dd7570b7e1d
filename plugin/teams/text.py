"""Everything the Teams app says to people, in one place (platform-neutral labels live in the domain)."""

UNKNOWN_PERSON = "a colleague"

HELP_TITLE = "Second Round"
HELP_INTRO = (
    "I carry a screened candidate from the recruiter to the hiring manager's second interview."
)
HELP_COMMANDS = (
    (
        "handoff",
        "Hand a screened candidate to their hiring manager (a form, sent to you privately).",
    ),
    ("handoff Jane Doe", "The same form with the candidate's name filled in."),
    ("handoff list", "Where each of your hand-offs stands."),
    ("questions ownership", "Behavioral questions for a competency or a role."),
    ("help", "This message."),
)
HELP_FOOTER = "In a channel, mention me first: @Second Round handoff."
WELCOME = (
    "Hi! I'm Second Round. Recruiters type **handoff** to pass a screened candidate to the "
    "hiring manager; hiring managers and interviewers get their briefs and kits from me here."
)

SENT_PRIVATELY = "I've sent that to you in our private chat."
CANNOT_REACH_PRIVATELY = (
    "I couldn't open a private chat with you: {reason}. Add the Second Round app for yourself "
    "(Apps → Second Round → Add), then try again."
)
GUEST_CANNOT_HAND_OFF = (
    "Guests can't start hand-offs. Ask a recruiter in your organisation to send this candidate on."
)
HANDOFF_TEXT_UNUSABLE = (
    "I couldn't use '{text}' as a candidate's name. Type handoff, or handoff Jane Doe."
)

FORM_TITLE = "Hand off a candidate"
FORM_SUBMIT = "Send to hiring manager"
FORM_HAS_ERRORS = "Nothing was sent yet: fix the fields marked below, then send again."
FORM_NOT_SAVED = "Couldn't save this just now; your entries are still here. Try again in a moment."
FORM_EXPIRED = "This form has expired. Type handoff to start a new one."
FORM_NOT_YOURS = "Only {recruiter}, who asked for this form, can send it."
FORM_ROSTER_CAPPED = "Showing the first {count} people I know in your organisation."
FORM_NOBODY_KNOWN = (
    "I don't know anyone in your organisation yet: add me to a team or group chat with the "
    "hiring manager and interviewers, then type handoff again."
)
LABELS = {
    "candidate_name": "Candidate's name",
    "role_id": "Role",
    "role_title": "Or type the role's title",
    "candidate_email": "Candidate's email",
    "candidate_user_id": "Or the candidate's Teams account (guests only)",
    "hiring_manager": "Hiring manager (runs the second interview)",
    "interviewers": "Other interviewers on the panel",
    "interview_date": "Interview date ({tz})",
    "interview_time": "Start time ({tz}); leave both empty for the hiring manager to set",
    "interview_minutes": "Length",
    "location": "Where, or how to join",
    "recommendation": "Your recommendation",
    "strengths": "Strengths: what stood out in the screen",
    "concerns": "Concerns the hiring manager should probe",
    "shared_feedback": "Feedback you already shared with the candidate",
    "recruiter_notes": "Other notes for the hiring manager",
    "candidate_tz": "Candidate's time zone",
    "competencies": "Competencies the panel must also cover",
}
HINTS = {
    "role_id": "Roles come with a ready set of interview competencies.",
    "candidate_email": "Prep messages go here. Leave it empty only if you pick their Teams account.",
    "people": "Type a name or an email to search.",
    "interviewers": "Each gets a kit of questions for the competencies they cover.",
    "concerns": "Stays between you, the hiring manager and the panel.",
    "shared_feedback": "The candidate may see this in their prep messages.",
    "recruiter_notes": "Only the hiring manager and the panel see these.",
    "candidate_tz": "Prep messages arrive in their daytime. Empty: the hiring manager's time zone.",
    "competencies": "On top of the role's own and those your concerns point at.",
}
PLACEHOLDERS = {
    "candidate_name": "Jane Doe",
    "role_id": "Pick a role",
    "role_title": "e.g. Staff Data Engineer",
    "candidate_email": "jane@example.com",
    "people": "Search by name or email",
    "location": "Video link, or office and room",
    "candidate_tz": "Pick a time zone",
    "competencies": "Pick competencies",
}
MINUTES_LABEL = "{minutes} minutes"
PERSON_CHOICE = "{name} ({email})"
GUEST_MARK = "{label}, guest"
TIME_INCOMPLETE = "Pick both the date and the time, or leave both empty."
TIME_UNREADABLE = "That date or time isn't one I can read; pick it again."
NOT_ON_ROSTER = "Pick people from the list."
DOMAIN_WORDING = (
    ("their Slack account", "their Teams account"),
    ("Slack account", "Teams account"),
    ("this workspace", "your organisation"),
)

SENT_TITLE = "Sent to the hiring manager"
SENT_BODY = (
    "{candidate} ({role}) is with {manager}. They get the screening brief in a private chat "
    "and can accept, decline or ask you a question; I'll tell you here when they do."
)

BRIEF_FALLBACK = "Screening brief: {candidate} for {role}, from {recruiter}"
BRIEF_HEADER = "Second interview: {candidate}"
BRIEF_INTRO = ("{recruiter} screened ", "{candidate}", " for ", "{role}", " and hands them to you.")
BRIEF_RECOMMENDATION = "Recruiter's recommendation"
BRIEF_STRENGTHS = "Strengths"
BRIEF_CONCERNS = "Concerns to probe"
BRIEF_SHARED = "Feedback the candidate already heard"
BRIEF_NOTES = "Recruiter's notes"
BRIEF_NONE = "None given"
BRIEF_WHEN = "When (your time)"
BRIEF_WHEN_UNSET = "Not set yet"
BRIEF_WHERE = "Where"
BRIEF_PANEL = "Panel"
BRIEF_PANEL_HM = "{name} (hiring manager)"
BRIEF_STATE = {
    "open": "Waiting for your answer",
    "accepted": "✅ Accepted by {actor} {when}",
    "declined": "🚫 Declined by {actor} {when}",
    "cancelled": "✖️ Cancelled by {actor} {when}",
}
BRIEF_QUESTION_ASKED = "💬 {actor} asked the recruiter a question {when}"
BRIEF_NOT_SENT = "Not sent: {error}"

BUTTON_ACCEPT = "Accept"
BUTTON_DECLINE = "Decline"
BUTTON_ASK = "Ask the recruiter"
BUTTON_SET_TIME = "Set interview time"
BUTTON_SEND = "Send"

DECLINE_REASON = "Why not? The recruiter sees your reason."
DECLINE_REASON_REQUIRED = "Say why, so the recruiter can act on it."
ASK_QUESTION = "Your question for {recruiter}"
ASK_QUESTION_REQUIRED = "Type your question."
SET_TIME_DATE = "Date ({tz})"
SET_TIME_TIME = "Start time ({tz})"
SET_TIME_REQUIRED = "Pick the date and time."
ANSWER_LABEL = "Your answer; I'll pass it to {manager}"
ANSWER_REQUIRED = "Type your answer."
BUTTON_ANSWER = "Answer"
ANSWERED = "You answered: {text}"

NOT_YOURS = "Only {manager}, the hiring manager, can act on this brief."
NOT_YOUR_QUESTION = "Only {recruiter}, the recruiter, can answer this question."
ALREADY_ACTED = "This hand-off is already {state} (by {actor}); nothing changed."
HANDOFF_GONE = "This hand-off no longer exists; nothing changed."
NOT_SAVED = "Couldn't save that just now; nothing changed. Try again in a moment."
UNKNOWN_ACTION = "I don't know that button; nothing changed."

NOTICE_ACCEPTED = "✅ {actor} accepted {candidate} ({role}) for the second interview."
NOTICE_DECLINED = "🚫 {actor} declined {candidate} ({role})."
NOTICE_REASON = "Reason"
NOTICE_QUESTION = "💬 {actor} has a question about {candidate} ({role}):"
NOTICE_TIME_SET = "{actor} set the interview with {candidate} ({role}) for {when}."
NOTICE_DELIVERY_FAILED = (
    "⚠️ I couldn't deliver the brief for {candidate} ({role}) to {manager}: {reason}"
)
NOTICE_CREATED = (
    "Sent {candidate} ({role}) to {manager}. They'll get the screening brief in a private chat "
    "and can accept, decline or ask you a question; I'll tell you here when they do. "
    "Type handoff list to see where each hand-off stands."
)
ANSWER_RELAYED = "{actor} answered:"

NOT_INSTALLED = (
    "the Second Round app isn't installed for {name} yet: ask them (or a Teams admin) to add it"
)
APP_REMOVED = (
    "{name} removed or blocked the Second Round app: ask them (or a Teams admin) to add it again"
)

LIST_EMPTY = "You have no hand-offs yet. Start one with handoff."
LIST_HEADER = "Your hand-offs (newest first)"
LIST_LINE = "{candidate} for {role}, to {manager}: {state}{when}"
LIST_WHEN = " · interview {when}"

QUESTIONS_USAGE_TITLE = "Behavioral questions for a competency or a role"
QUESTIONS_USAGE = "Type questions ownership or questions product manager."
QUESTIONS_COMPETENCIES = "Competencies"
QUESTIONS_ROLES = "Roles"
QUESTIONS_UNKNOWN = "I don't know a competency or role called '{name}'."
QUESTIONS_SUGGEST = " Did you mean {options}?"
QUESTIONS_ROLE_TITLE = "{role}: interview questions"
QUESTIONS_STRONG = "Strong answer: "
QUESTION_KIND = {"behavioral": "Behavioral", "situational": "Situational"}
GUESTS_CANNOT_SEE_QUESTIONS = (
    "Interview questions are only for members of your organisation: candidates may be guests here."
)

# -- rescheduling and cancelling -----------------------------------------------------------------

BUTTON_RESCHEDULE = "Reschedule"
BUTTON_CHANGE_TIME = "Change interview time"
BUTTON_CANCEL_INTERVIEW = "Cancel interview"
RESCHEDULE_PROMPT = (
    "Pending reminders and kits move with the new time; the candidate gets an updated "
    "invitation and the panel is told."
)
RESCHEDULE_DATE = "New date ({tz})"
RESCHEDULE_TIME = "New start time ({tz})"
RESCHEDULE_LOCATION = "Where, or how to join (the candidate sees this)"
RESCHEDULE_REQUIRED = "Pick the new date and time."
RESCHEDULE_UNCHANGED = "That's the current time and place; change one of them."
CANCEL_PROMPT = (
    "Every pending reminder and kit is removed and the panel is told. If the candidate was "
    "already invited, they get a cancellation (without your reason)."
)
CANCEL_REASON = "Reason (for the recruiter and the panel)"
CANCEL_REASON_REQUIRED = "Say why, so the people involved know."
CHANGE_NOT_SAVED = "Not changed: {error}"
ONLY_RECRUITER_OR_MANAGER = (
    "Only {recruiter} (the recruiter) or {manager} (the hiring manager) can change this interview."
)
NOT_YOUR_REMINDERS = "Only the candidate can stop their own reminders."
REMINDERS_STOPPED = (
    "Done: no more preparation reminders. Your interview stays booked, "
    "and I'll still tell you if anything changes."
)

NOTICE_INTERVIEW = "Interview (your time): {when}"
NOTICE_INTERVIEW_UNSET = "Interview time: not set yet"
NOTICE_NOW_CANCELLED = "✖️ Cancelled by {actor} {when}"
NOTICE_RESCHEDULED = "📅 {actor} moved the second interview with {candidate} ({role}) to {when}."
NOTICE_CANCELLED = "✖️ {actor} cancelled the second interview with {candidate} ({role})."
NOTICE_OPTED_OUT = (
    "🔕 {candidate} ({role}) asked not to get preparation reminders. "
    "The interview stays on; they'll still hear about any change."
)
NOTICE_FAILED_CANDIDATE = "⚠️ I couldn't send {candidate} ({role}) {what}: {reason}"
NOTICE_FAILED_PANEL = (
    "⚠️ I couldn't tell {user} about the change to the interview with {candidate} ({role}): {reason}"
)
NOTICE_FAILED_PANELLIST = (
    "⚠️ I couldn't reach {user} about the interview with {candidate} ({role}), so their "
    "interview kit and feedback requests aren't arriving: {reason}"
)
NOTICE_REMINDERS_OFF = "⚠️ Preparation reminders for {candidate} ({role}) are off: {reason}"
NOTICE_FAILED_OTHER = "⚠️ A message about {candidate} ({role}) didn't go out: {reason}"
FAILED_WHAT = {
    "candidate:invite": "their interview invitation",
    "candidate:reminder": "a preparation reminder",
    "candidate:cancel": "the cancellation",
}
PANEL_RESCHEDULED = (
    "📅 {actor} moved the second interview with {candidate} ({role}). New time (yours): {when}"
)
PANEL_CANCELLED = (
    "✖️ {actor} cancelled the second interview with {candidate} ({role}) planned for {when}."
)
ANSWER_PASSED = "Passed on to {manager}."

# -- interviewer kits, feedback and the debrief ---------------------------------------------------

WHEN_UNSET = "time not set yet"
KIT_FALLBACK = "Interview kit: {candidate} for {role}, {when}"
KIT_HEADER = "Interview kit: {candidate}"
KIT_INTRO = ("You're interviewing ", "{candidate}", " for ", "{role}", ".")
KIT_WHEN = "When (your time)"
KIT_WHERE = "Where"
KIT_REPLACES = "🔄 The interview moved: this kit replaces the one you had."
KIT_HOW = (
    "Ask each question as written, follow up with the probes, and note what they actually said "
    "and did. When the interview ends you'll get a Submit feedback button to rate each "
    "competency on that evidence."
)
KIT_PANEL = "Panel"
KIT_PANEL_NOTE = "Each of you covers different competencies, so stick to yours."
KIT_PANEL_HM = "{name} (hiring manager)"
KIT_WHO_COVERS = "Who covers what"
KIT_WHO_LINE = "{name}{you}: {competencies}"
KIT_WHO_YOU = " (you)"
KIT_WHO_NOTHING = "nothing assigned"
KIT_CONCERN_MARK = " 🔍"
KIT_WHO_LEGEND = "🔍 flagged by a concern from the screen; concerns are yours first."
KIT_CONCERNS = "Concerns from the screen"
KIT_SECTION_FLAG = "🔍 flagged in the screen"
KIT_SNIPPETS = "🔍 From the screen:"
KIT_STRONG = "🎯 Strong answer: "
KIT_NO_QUESTIONS = (
    "The question bank has no questions for this competency any more: ask your own on it."
)
KIT_NOTHING_ASSIGNED = (
    "No competency is assigned to you on this panel: the others cover them all. "
    "Join in as a listener, and give your overall view in the feedback."
)
KIT_TRUNCATED = "This kit is long; type questions {name} to see the rest."
KIT_QUESTION_KIND = {"behavioral": "behavioral", "situational": "situational"}

PROMPT_FALLBACK = "Your feedback on {candidate} ({role}) is due"
PROMPT_TEXT = (
    "📝 Your interview with {candidate} for {role} has ended. Submit your feedback while it's "
    "fresh: {what}, and your overall recommendation."
)
PROMPT_WHAT = "a rating with evidence for {competencies}"
PROMPT_WHAT_NONE = "your view of the candidate"
PROMPT_PRIVATE = (
    "Only {manager} and {recruiter} see it, side by side with the rest of the panel's, once "
    "everyone has submitted."
)
REMINDER_FALLBACK = "Reminder: your feedback on {candidate} ({role}) isn't in yet"
REMINDER_TEXT = (
    "⏰ Your feedback on {candidate} for {role} isn't in yet, and the debrief waits for it: "
    "{what}, and your overall recommendation."
)
REMINDER_COUNT = "Reminder {number} of {total}."
REMINDER_LAST = "Reminder {number} of {total}: the last one."
BUTTON_FEEDBACK = "Submit feedback"

FEEDBACK_TITLE = "Interview feedback: {candidate}"
FEEDBACK_INTRO = (
    "Your feedback on {candidate} for {role}. Rate each competency on what you heard, not on a "
    "hunch: the debrief weighs the evidence."
)
FEEDBACK_SCALE = "1 Concerning · 2 Mixed · 3 Solid · 4 Strong"
FEEDBACK_RATING_LABEL = "{name}"
FEEDBACK_RATING_OPTION = "{score} · {label}: {anchor}"
FEEDBACK_EVIDENCE_LABEL = "Evidence for {name}: what they said or did"
FEEDBACK_VERDICT_OPTION = "{label}: {hint}"
FEEDBACK_RECOMMENDATION = "Your overall recommendation"
FEEDBACK_SUMMARY = "Anything else the debrief should know"
FEEDBACK_SUBMIT = "Submit feedback"
FEEDBACK_HAS_ERRORS = "Not submitted yet: fix the fields marked below, then submit again."
FEEDBACK_ALREADY = (
    "You already submitted feedback on this interview, so nothing changed. "
    "Ask {manager} if something needs correcting."
)
FEEDBACK_THANKS_TITLE = "Feedback submitted"
FEEDBACK_THANKS = (
    "✅ Thanks, your feedback on {candidate} is in. {manager} and {recruiter} get the debrief "
    "once the whole panel has submitted."
)

VIEW_TITLE = "{person}'s feedback: {candidate}"
VIEW_INTRO = "{person}'s feedback on {candidate} for {role}, submitted {when}."
VIEW_RECOMMENDATION = "Overall recommendation: {label}"
VIEW_RATING = "{name}: {bar} {score} {label}"
VIEW_SUMMARY = "Anything else"
BUTTON_BACK_TO_DEBRIEF = "Back to the debrief"

DEBRIEF_FALLBACK = "Debrief: the panel's feedback on {candidate} ({role}) is in"
DEBRIEF_HEADER = "Debrief: {candidate}"
DEBRIEF_INTRO = (
    "Everyone on the panel has submitted feedback on {candidate} for {role} (interview {when})."
)
DEBRIEF_CONTEXT = "Scale: 1 Concerning · 2 Mixed · 3 Solid · 4 Strong. Screen: {screen}"
DEBRIEF_RATINGS = "Ratings by competency"
DEBRIEF_RATING = "{bar} {score} {label} · {person}"
DEBRIEF_UNRATED = "not rated"
DEBRIEF_RECOMMENDATIONS = "Recommendations: {tally}"
DEBRIEF_PERSON = "{person}{role}: {verdict}"
DEBRIEF_PERSON_HM = " (hiring manager)"
DEBRIEF_PERSON_RATING = "{name} {score}"
BUTTON_FULL_FEEDBACK = "Full feedback: {person}"

FEEDBACK_REFUSALS = {
    "not_on_panel": "Only the interview panel can give feedback on this interview.",
    "debrief_only": "Only the hiring manager and the recruiter can read the panel's feedback.",
    "closed": "This hand-off is {state}, so feedback is no longer collected; nothing changed.",
    "not_yet": "The interview hasn't ended yet: feedback opens once it has.",
    "no_feedback": "There's no feedback from that person on this interview.",
}
