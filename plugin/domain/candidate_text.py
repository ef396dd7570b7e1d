"""Everything Second Round says to candidates, in one place: plain text, no markup.

Written in our own words: warm, short, and about the candidate, never about the screen's notes.
Placeholders are filled by plugin.domain.candidate_messages; the channels add their own markup.
"""

GREETING = "Hi {first_name},"
SIGN_OFF = "Good luck, and see you soon."

# Subjects (also the Slack header and the notification text)
SUBJECT_CONFIRMATION = "Your second interview for {role}: {day}"
SUBJECT_UPDATED = "New time: your second interview for {role} is on {day}"
SUBJECT_REMINDER = "{soon}: your second interview for {role}"
SUBJECT_CANCELLED = "Cancelled: your second interview for {role} on {day}"

# Openings
INTRO_CONFIRMATION = (
    "Good news: you're invited to a second interview for the {role} role. Here are the details."
)
INTRO_UPDATED = (
    "The time of your second interview for the {role} role has changed. "
    "The new details are below; please use these from now on."
)
INTRO_REMINDER = "Your second interview for the {role} role is {soon_phrase}: {when}."
INTRO_CANCELLED = (
    "We're sorry: your second interview for the {role} role on {when} is cancelled. "
    "{recruiter_start} will be in touch about what happens next."
)

# How soon ("In 3 days: ..." and "... is in 3 days")
SOON_DAYS = ("In {days} days", "in {days} days")
SOON_TOMORROW = ("Tomorrow", "tomorrow")
SOON_TODAY = ("Today", "today")
SOON_HOURS = ("In {hours} hours", "in {hours} hours")
SOON_HOUR = ("In an hour", "in about an hour")

# Logistics
WHEN_TITLE = "When"
WHEN_LINE = "{when} (your time), {minutes} minutes"
WHO_TITLE = "Who you'll meet"
WHO_HIRING_MANAGER = "{name}, {title} (the hiring manager)"
WHO_HIRING_MANAGER_UNTITLED = "{name}, the hiring manager"
WHO_INTERVIEWER = "{name}, {title}"
WHO_INTERVIEWER_UNTITLED = "{name}, interviewer"
WHERE_TITLE = "Where"
JOIN_TITLE = "How to join"
WHERE_UNSET = "{recruiter_start} will send you the joining details before the interview."
CALENDAR_ATTACHED = "The calendar invitation is attached."
CALENDAR_UPDATED = "The updated calendar invitation replaces the earlier one."
CALENDAR_CANCELLED = "The calendar invitation is withdrawn, so it leaves your calendar too."
PREP_COMING = "Before the day, we'll send you a few short notes to help you prepare."
QUESTIONS_TO = "Questions, or does the time not work? Let {recruiter} know{contact}."
UNKNOWN_RECRUITER = ("the recruiting team", "The recruiting team")
CONTACT = " ({email})"

# Prep: what the second interview is
ABOUT_TITLE = "What this interview is"
ABOUT = (
    "This round goes deeper into the {role} role itself. You'll spend much of it with "
    "{manager}, the hiring manager: the person you would work for."
)
ABOUT_NO_MANAGER_NAME = (
    "This round goes deeper into the {role} role itself, usually with the hiring manager: "
    "the person you would work for."
)

# Prep: the questions
QUESTIONS_TITLE = "Questions to expect"
QUESTIONS = (
    'Most questions ask about things you have done ("Tell me about a time when…"), '
    "and some about what you would do in a situation you might meet in the role."
)
STAR_TITLE = "A good answer has a shape"
STAR_INTRO = "Tell each story in four steps, in about two minutes:"
STAR_STEPS = (
    "Situation: set the scene in a sentence or two.",
    "Task: what you were responsible for.",
    'Action: what you did yourself; say "I", not only "we".',
    "Result: how it ended, with numbers if you have them, and what you learnt.",
)
STAR_SHORT = (
    "Remember the shape of a good answer: the situation, your task, what you did, and the result."
)
EXAMPLES_TITLE = "Prepare your examples"
EXAMPLES_FOR = "Have one or two real stories ready for each of these:"
EXAMPLES_GENERIC = (
    "Have a handful of real stories ready from your recent work: a success, a setback, "
    "a disagreement you resolved, a time you learnt something fast."
)

# Prep: first impression
FRESH_TITLE = "A fresh first impression"
FRESH = (
    "The people you meet may not have seen your first interview. Introduce yourself again, "
    "and say why this role interests you."
)

# Prep: the feedback the recruiter chose to share
FEEDBACK_TITLE = "From your first interview"
FEEDBACK_INTRO = "Here is the feedback {recruiter} shared with you after your first interview:"
FEEDBACK_INVITE = (
    "It's worth preparing an example that speaks to it; you're welcome to bring it up yourself."
)

# The last reminder, shortly before
LAST_TITLE = "Before you go in"
LAST = "Take a breath: you've prepared. Be yourself, and bring your questions for them too."

# Opting out of reminders (never of the interview)
OPT_OUT_EMAIL = (
    "Don't need these reminders? Stop them here: {url}\n"
    "Your interview stays booked, and we'll still tell you if anything changes."
)
OPT_OUT_EMAIL_LINK = "Stop them here"
OPT_OUT_EMAIL_HTML = (
    'Don\'t need these reminders? <a href="{url}">Stop them here</a>. '
    "Your interview stays booked, and we'll still tell you if anything changes."
)
OPT_OUT_SLACK = "Don't need these reminders? Press the button: your interview stays booked."
OPT_OUT_BUTTON = "I don't need reminders"
OPT_OUT_MAILTO_SUBJECT = "Stop interview reminders"

# The calendar entry
ICS_SUMMARY = "Second interview: {role}"
ICS_DESCRIPTION_WHO = "You'll meet: {people}."
ICS_DESCRIPTION_WHERE = "How to join: {location}"
ICS_DESCRIPTION_CONTACT = "Questions: {recruiter}{contact}."

# The opt-out web page
PAGE_TITLE = "Interview reminders"
PAGE_CONFIRM = (
    "Stop the preparation reminders for your second interview for {role}? "
    "Your interview stays booked, and we'll still tell you if anything changes."
)
PAGE_BUTTON = "Stop reminders"
PAGE_DONE = (
    "Done: you won't get more preparation reminders for your second interview for {role}. "
    "Your interview stays booked, and we'll still tell you if anything changes."
)
PAGE_INVALID = "This link isn't valid. Please use the link from your most recent email."
PAGE_GONE = "There are no reminders left to stop for this interview."
