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
}
HINTS = {
    "role_id": "Roles come with a ready set of interview competencies.",
    "candidate_email": "Prep messages go here. Leave it empty only if you pick their Teams account.",
    "people": "Type a name or an email to search.",
    "interviewers": "Each gets a kit of questions for the competencies they cover.",
    "concerns": "Stays between you, the hiring manager and the panel.",
    "shared_feedback": "The candidate may see this in their prep messages.",
    "recruiter_notes": "Only the hiring manager and the panel see these.",
}
PLACEHOLDERS = {
    "candidate_name": "Jane Doe",
    "role_id": "Pick a role",
    "role_title": "e.g. Staff Data Engineer",
    "candidate_email": "jane@example.com",
    "people": "Search by name or email",
    "location": "Video link, or office and room",
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
