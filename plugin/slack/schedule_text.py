"""What the Slack app says about interview times, cancellations and candidate messages."""

BUTTON_RESCHEDULE = "Reschedule"
BUTTON_CHANGE_TIME = "Change interview time"
BUTTON_CANCEL = "Cancel interview"

RESCHEDULE_TITLE = "Reschedule interview"
RESCHEDULE_SUBMIT = "Reschedule"
RESCHEDULE_PROMPT = (
    "New time for the second interview with *{candidate}* ({role}). Pending reminders and kits "
    "move with it; the candidate gets an updated invitation and the panel is told."
)
RESCHEDULE_PROMPT_UNSET = "When will the second interview with *{candidate}* ({role}) be?"
RESCHEDULE_START = "Interview start"
RESCHEDULE_LOCATION = "Where, or how to join"
RESCHEDULE_LOCATION_HINT = "Leave as is to keep it; the candidate sees this."
RESCHEDULE_REQUIRED = "Pick the new date and time."
RESCHEDULE_UNCHANGED = "That's the current time and place; change one of them, or close this."

CANCEL_TITLE = "Cancel interview"
CANCEL_SUBMIT = "Cancel interview"
CANCEL_CLOSE = "Keep it"
CANCEL_PROMPT = (
    "Cancel the second interview with *{candidate}* ({role})? Every pending reminder and kit is "
    "removed and the panel is told."
)
CANCEL_CANDIDATE_NOTE = (
    "If the candidate was already invited, they get a cancellation and their calendar entry is "
    "withdrawn. They are not told your reason."
)
CANCEL_REASON = "Reason (for the recruiter and the panel)"
CANCEL_REASON_REQUIRED = "Say why, so the people involved know."

ONLY_RECRUITER_OR_MANAGER = (
    "Only <@{recruiter}> (the recruiter) or <@{manager}> (the hiring manager) can change this "
    "interview."
)
NOT_YOUR_REMINDERS = "Only the candidate can stop their own reminders."
REMINDERS_STOPPED = (
    "Done: no more preparation reminders. Your interview stays booked, "
    "and I'll still tell you if anything changes."
)

NOTICE_RESCHEDULED = (
    ":calendar: <@{actor}> moved the second interview with *{candidate}* ({role}) to {when}."
)
NOTICE_RESCHEDULED_WHERE = "\n*Where:* {where}"
NOTICE_CANCELLED = (
    ":heavy_multiplication_x: <@{actor}> cancelled the second interview with *{candidate}* "
    "({role}).\n>*Reason:* {reason}"
)
NOTICE_OPTED_OUT = (
    ":no_bell: *{candidate}* ({role}) asked not to get preparation reminders. "
    "The interview stays on; they'll still hear about any change."
)
NOTICE_FAILED_CANDIDATE = ":warning: I couldn't send *{candidate}* ({role}) {what}: {reason}"
NOTICE_FAILED_PANEL = (
    ":warning: I couldn't tell <@{user}> about the change to the interview with *{candidate}* "
    "({role}): {reason}"
)
NOTICE_FAILED_PANELLIST = (
    ":warning: I couldn't reach <@{user}> about the interview with *{candidate}* ({role}), so "
    "their interview kit and feedback requests aren't arriving: {reason}"
)
NOTICE_REMINDERS_OFF = (
    ":warning: Preparation reminders for *{candidate}* ({role}) are off: {reason}"
)
NOTICE_FAILED_OTHER = ":warning: A message about *{candidate}* ({role}) didn't go out: {reason}"
FAILED_WHAT = {
    "candidate:invite": "their interview invitation",
    "candidate:reminder": "a preparation reminder",
    "candidate:cancel": "the cancellation",
}

PANEL_RESCHEDULED = (
    ":calendar: <@{actor}> moved the second interview with *{candidate}* ({role}). "
    "New time (yours): *{when}*"
)
PANEL_CANCELLED = (
    ":heavy_multiplication_x: <@{actor}> cancelled the second interview with *{candidate}* "
    "({role}) planned for {when}.\n>*Reason:* {reason}"
)
