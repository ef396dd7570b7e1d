"""Everything the Slack app says to people, in one place."""

HANDOFF_USAGE = (
    "*Hand a screened candidate to their hiring manager*\n"
    "• `/handoff` opens the hand-off form\n"
    "• `/handoff Jane Doe` opens it with the candidate's name filled in\n"
    "• `/handoff list` shows your open hand-offs\n"
    "• `/handoff forget jane@example.com` erases your hand-offs for that candidate, on their request"
)
HANDOFF_TEXT_UNUSABLE = "I couldn't use `{text}` as a candidate's name.\n\n" + HANDOFF_USAGE
GUEST_CANNOT_HAND_OFF = (
    "Guests can't start hand-offs. Ask a recruiter on your team to send this candidate on."
)
NOT_IN_GROUP = (
    "Only members of {group} can start hand-offs. Ask your Slack admin to add you if you should."
)
GROUP_NO_SCOPE = (
    "Hand-offs are limited to a user group, and the app can't read its members (it lacks the "
    "usergroups:read permission): ask your admin to reinstall it from the manifest."
)
GROUP_UNKNOWN = (
    "Hand-offs are limited to the user group {group}, which this workspace doesn't have: "
    "ask your admin to check HANDOFF_USER_GROUP."
)
GROUP_CHECK_FAILED = (
    "I couldn't check who may start hand-offs ({error}). Please try again in a moment."
)
MODAL_OPEN_FAILED = "Slack didn't let me open the hand-off form ({error}). Please try again."
LIST_EMPTY = "You have no hand-offs yet. Start one with `/handoff`."
LIST_HEADER = "*Your hand-offs* (newest first)"
LIST_LINE = "• *{candidate}* for {role}, to <@{manager}>: {state}{when}"

MODAL_TITLE = "Hand off a candidate"
MODAL_SUBMIT = "Send to hiring manager"
MODAL_CLOSE = "Cancel"

LABELS = {
    "candidate_name": "Candidate's name",
    "role_id": "Role",
    "role_title": "Or type the role's title",
    "candidate_email": "Candidate's email",
    "candidate_user_id": "Or the candidate's Slack account (guests and Slack Connect only)",
    "hiring_manager": "Hiring manager (runs the second interview)",
    "interviewers": "Other interviewers on the panel",
    "interview_start": "Interview start (or leave it for the hiring manager to set)",
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
    "candidate_email": "Prep messages go here. Leave it empty only if you pick their Slack account.",
    "interviewers": "Each gets a kit of questions for the competencies they cover.",
    "concerns": "Stays between you, the hiring manager and the panel.",
    "shared_feedback": "The candidate may see this in their prep messages.",
    "recruiter_notes": "Only the hiring manager and the panel see these.",
    "candidate_tz": "Prep messages arrive in their daytime. Empty: the hiring manager's time zone.",
    "competencies": "On top of the role's own and those your concerns point at.",
}
PLACEHOLDERS = {
    "candidate_name": "Jane Doe",
    "role_title": "e.g. Staff Data Engineer",
    "candidate_email": "jane@example.com",
    "location": "Video link, or office and room",
    "candidate_tz": "Type a city, e.g. Berlin",
}
MINUTES_LABEL = "{minutes} minutes"

CONFIRM_SENT = (
    "Sent *{candidate}* ({role}) to <@{manager}>. "
    "They'll get the screening brief in a DM and can accept, decline or ask you a question; "
    "I'll tell you here when they do. `/handoff list` shows where each hand-off stands."
)

BRIEF_FALLBACK = "Screening brief: {candidate} for {role}, from <@{recruiter}>"
BRIEF_HEADER = "Second interview: {candidate}"
BRIEF_INTRO = "<@{recruiter}> screened *{candidate}* for *{role}* and hands them to you."
BRIEF_RECOMMENDATION = "*Recruiter's recommendation*\n{label}"
BRIEF_STRENGTHS = "*Strengths*\n{text}"
BRIEF_CONCERNS = "*Concerns to probe*\n{text}"
BRIEF_SHARED = "*Feedback the candidate already heard*\n{text}"
BRIEF_NOTES = "*Recruiter's notes*\n{text}"
BRIEF_NONE = "_None given_"
BRIEF_WHEN = "*When* (your time)\n{when}"
BRIEF_WHEN_UNSET = "*When*\nNot set yet"
BRIEF_WHERE = "*Where*\n{where}"
BRIEF_PANEL = "*Panel*\n{panel}"
BRIEF_PANEL_HM = "<@{user}> (hiring manager)"
BRIEF_STATE = {
    "open": "Waiting for your answer",
    "accepted": ":white_check_mark: Accepted by <@{actor}> {when}",
    "declined": ":no_entry_sign: Declined by <@{actor}> {when}",
    "cancelled": ":heavy_multiplication_x: Cancelled by <@{actor}> {when}",
}
BRIEF_QUESTION_ASKED = ":speech_balloon: <@{actor}> asked the recruiter a question {when}"

BUTTON_ACCEPT = "Accept"
BUTTON_DECLINE = "Decline"
BUTTON_ASK = "Ask the recruiter"
BUTTON_SET_TIME = "Set interview time"

DECLINE_TITLE = "Decline hand-off"
DECLINE_SUBMIT = "Decline"
DECLINE_PROMPT = "*{candidate}* for {role}. The recruiter sees your reason."
DECLINE_REASON = "Why not?"
DECLINE_REASON_REQUIRED = "Say why, so the recruiter can act on it."

ASK_TITLE = "Ask the recruiter"
ASK_SUBMIT = "Send"
ASK_PROMPT = "About *{candidate}* for {role}. <@{recruiter}> can answer in the thread."
ASK_QUESTION = "Your question"
ASK_QUESTION_REQUIRED = "Type your question."

SET_TIME_TITLE = "Set interview time"
SET_TIME_SUBMIT = "Save"
SET_TIME_PROMPT = "When will you interview *{candidate}*?"
SET_TIME_LABEL = "Interview start"
SET_TIME_REQUIRED = "Pick the date and time."

NOT_YOURS = "Only <@{manager}>, the hiring manager, can act on this brief."
ALREADY_ACTED = "This hand-off is already {state} (by <@{actor}>); nothing changed."
HANDOFF_GONE = "This hand-off no longer exists; nothing changed."

NOTICE_ACCEPTED = (
    ":white_check_mark: <@{actor}> accepted *{candidate}* ({role}) for the second interview."
)
NOTICE_DECLINED = ":no_entry_sign: <@{actor}> declined *{candidate}* ({role}).\n>*Reason:* {text}"
NOTICE_QUESTION = (
    ":speech_balloon: <@{actor}> has a question about *{candidate}* ({role}):\n>{text}\n"
    "_Reply in this thread to answer; I'll pass it on._"
)
NOTICE_TIME_SET = "<@{actor}> set the interview with *{candidate}* ({role}) for {when}."
NOTICE_DELIVERY_FAILED = (
    ":warning: I couldn't deliver the brief for *{candidate}* ({role}) to <@{manager}>: {reason}"
)
ANSWER_RELAYED = "<@{actor}> answered:\n>{text}"
ANSWER_ACK = "Passed on to <@{manager}>."

FORGET_USAGE = (
    "*Erase a candidate on their request*\n"
    "`/handoff forget jane@example.com` erases the hand-offs you started for that address: the "
    "notes, feedback, reminders still to come and the messages already posted about them. "
    "An admin can erase anyone's with `secondround forget`."
)
FORGET_BAD_ADDRESS = "`{address}` isn't an email address.\n\n" + FORGET_USAGE
FORGET_NONE = (
    "You have no hand-offs for {address}; nothing to erase. (Hand-offs other recruiters started "
    "are theirs to erase, or an admin's with `secondround forget`.)"
)
FORGET_PROMPT = (
    "*Erase this candidate?* These hand-offs you started for {address} will be deleted with "
    "their notes, feedback and pending reminders, and the messages already posted about them "
    "in Slack. This can't be undone."
)
FORGET_LINE = "• *{candidate}* for {role}, started {created}: {state}"
FORGET_CONFIRM = "Erase {count} hand-off(s) for this candidate"
FORGET_CANCEL = "Keep them"
FORGET_CANCELLED = "Nothing was erased."
FORGET_NOTHING_LEFT = "Those hand-offs are gone already; nothing more to erase."
FORGET_DONE = "Erased {count} hand-off(s) for this candidate. Removed:\n{removed}"
FORGET_EMAILS = "\n{count} email(s) already reached the candidate; email can't be recalled."
