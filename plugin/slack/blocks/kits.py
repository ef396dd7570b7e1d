"""Interviewer kits, feedback prompts, the feedback modal and the debrief: pure Block Kit builders.

A kit never shows the recruiter's recommendation, so it cannot anchor the panel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from plugin.domain.feedback import (
    EVIDENCE_MAX,
    RATING_ANCHORS,
    RATING_LABELS,
    RECOMMENDATION_FIELD,
    SCORES,
    SUMMARY_FIELD,
    SUMMARY_MAX,
    VERDICT_HINTS,
    VERDICT_LABELS,
    Feedback,
    competency_label,
    evidence_field,
    rating_field,
    ratings_side_by_side,
)
from plugin.domain.handoff import RECOMMENDATION_LABELS, Handoff, Recommendation
from plugin.domain.panel import Kit, KitSection, PanelPlan
from plugin.domain.timefmt import format_when
from plugin.slack import kit_text as text
from plugin.slack.blocks.kit import (
    SECTION_TEXT_LIMIT,
    button,
    clip,
    context,
    divider,
    escape,
    header,
    input_block,
    modal,
    plain,
    quote,
    section,
    text_input,
)

FEEDBACK = "kit_feedback"
VIEW_FEEDBACK = "debrief_view_feedback"
FEEDBACK_CALLBACK = "feedback"
FEEDBACK_ACTIONS_BLOCK = "kit_feedback_actions"
DEBRIEF_BLOCK_PREFIX = "debrief"
MESSAGE_BLOCK_LIMIT = 50
FIELDS_PER_SECTION = 10


# -- the kit ---------------------------------------------------------------------------------


def kit_text(handoff: Handoff, reader_tz: str) -> str:
    return text.KIT_FALLBACK.format(
        candidate=escape(handoff.candidate_name),
        role=escape(handoff.role_title),
        when=_when(handoff, reader_tz),
    )


def kit_blocks(
    handoff: Handoff,
    kit: Kit,
    reader_tz: str,
    plan: PanelPlan,
    names: Mapping[str, str] | None = None,
    *,
    replaces: bool = False,
) -> list[dict]:
    """The kit in one message: one section per question, compacted when it would not fit."""
    names = names or {}
    intro = text.KIT_INTRO.format(
        candidate=escape(handoff.candidate_name),
        role=escape(handoff.role_title),
        when=_when(handoff, reader_tz),
    )
    if handoff.location.strip():
        intro += text.KIT_WHERE.format(where=escape(handoff.location))
    if replaces:
        intro += text.KIT_REPLACES
    top = [header(text.KIT_HEADER.format(candidate=handoff.candidate_name)), section(intro)]
    top.append(context(text.KIT_HOW))
    if kit.hiring_manager:
        top.append(section(who_covers_what(plan, names, reader=kit.person)))
        if plan.concern_competencies:
            top.append(context(text.KIT_WHO_LEGEND))
        if handoff.notes.concerns.strip():
            top.append(section(text.KIT_CONCERNS.format(text=quote(handoff.notes.concerns))))
    else:
        top.append(context(_panel_line(plan, reader=kit.person)))
    if not kit.sections:
        return [*top, divider(), section(text.KIT_NOTHING_ASSIGNED)]

    blocks = top + [b for s in kit.sections for b in _section_blocks(s, compact=False)]
    if len(blocks) <= MESSAGE_BLOCK_LIMIT:
        return blocks
    blocks = top + [b for s in kit.sections for b in _section_blocks(s, compact=True)]
    if len(blocks) <= MESSAGE_BLOCK_LIMIT:
        return blocks
    cut = blocks[: MESSAGE_BLOCK_LIMIT - 1]
    return [*cut, context(text.KIT_TRUNCATED.format(name=escape(kit.sections[-1].name)))]


def who_covers_what(plan: PanelPlan, names: Mapping[str, str], *, reader: str = "") -> str:
    lines = []
    for person, owned in plan.assignments.items():
        labels = [
            escape(competency_label(c, names))
            + (text.KIT_CONCERN_MARK if plan.is_concern(c) else "")
            for c in owned
        ]
        lines.append(
            text.KIT_WHO_LINE.format(
                person=person,
                note=text.KIT_WHO_YOU if person == reader else "",
                competencies=", ".join(labels) or text.KIT_WHO_NOTHING,
            )
        )
    return text.KIT_WHO_COVERS.format(lines="\n".join(lines))


def _panel_line(plan: PanelPlan, *, reader: str) -> str:
    people = [
        text.KIT_PANEL_HM.format(person=p)
        if p == plan.hiring_manager
        else f"<@{p}>" + (text.KIT_WHO_YOU if p == reader else "")
        for p in plan.people
    ]
    return text.KIT_PANEL.format(panel=", ".join(people))


def _section_blocks(kit_section: KitSection, *, compact: bool) -> list[dict]:
    title = text.KIT_SECTION.format(
        name=escape(kit_section.name),
        flag=text.KIT_SECTION_FLAG if kit_section.concern else "",
        description=escape(kit_section.description),
    )
    if kit_section.concern_snippets:
        quotes = "\n".join(quote(s) for s in kit_section.concern_snippets)
        title += "\n" + text.KIT_SNIPPETS.format(quotes=quotes)
    blocks = [divider(), section(title)]
    questions = [
        _question_text(number, q) for number, q in enumerate(kit_section.questions, start=1)
    ]
    if not questions:
        blocks.append(context(text.KIT_NO_QUESTIONS))
    elif compact:
        blocks.append(section(_fit("\n\n".join(questions))))
    else:
        blocks += [section(q) for q in questions]
    return blocks


def _question_text(number: int, question) -> str:
    probes = "\n".join(text.KIT_PROBE.format(text=escape(p)) for p in question.probes)
    return text.KIT_QUESTION.format(
        number=number,
        text=escape(question.text),
        kind=text.QUESTION_KIND.get(question.kind, question.kind),
        probes=probes,
        strong=escape(question.strong_answer),
    )


def _fit(markdown: str) -> str:
    return clip(markdown, SECTION_TEXT_LIMIT)


# -- feedback prompts ------------------------------------------------------------------------


def feedback_prompt_text(handoff: Handoff, *, reminder: bool = False) -> str:
    template = text.REMINDER_FALLBACK if reminder else text.PROMPT_FALLBACK
    return template.format(
        candidate=escape(handoff.candidate_name), role=escape(handoff.role_title)
    )


def feedback_prompt_blocks(
    handoff: Handoff,
    competency_names: Sequence[str],
    *,
    reminder: tuple[int, int] | None = None,
) -> list[dict]:
    """The prompt when the interview ends, or reminder (number, total), with the button."""
    what = (
        text.PROMPT_WHAT.format(competencies=", ".join(f"*{escape(n)}*" for n in competency_names))
        if competency_names
        else text.PROMPT_WHAT_NONE
    )
    names = {"candidate": escape(handoff.candidate_name), "role": escape(handoff.role_title)}
    if reminder is None:
        body = text.PROMPT_TEXT.format(what=what, **names)
    else:
        number, total = reminder
        count = text.REMINDER_LAST if number >= total else text.REMINDER_COUNT
        body = text.REMINDER_TEXT.format(what=what, **names)
        body += " " + count.format(number=number, total=total)
    return [
        section(body),
        context(
            text.PROMPT_PRIVATE.format(
                manager=handoff.hiring_manager_id, recruiter=handoff.recruiter_id
            )
        ),
        {
            "type": "actions",
            "block_id": FEEDBACK_ACTIONS_BLOCK,
            "elements": [button(text.BUTTON_FEEDBACK, FEEDBACK, handoff.id, style="primary")],
        },
    ]


# -- the feedback modal ----------------------------------------------------------------------


def rating_options() -> list[dict]:
    return [
        {
            "text": plain(text.FEEDBACK_RATING_OPTION.format(score=s, label=RATING_LABELS[s])),
            "description": plain(RATING_ANCHORS[s]),
            "value": str(s),
        }
        for s in SCORES
    ]


def verdict_options() -> list[dict]:
    return [
        {"text": plain(label), "description": plain(VERDICT_HINTS[value]), "value": str(value)}
        for value, label in VERDICT_LABELS.items()
    ]


def feedback_modal(handoff: Handoff, competencies: Sequence[tuple[str, str]]) -> dict:
    """(competency id, name) pairs: a rating and evidence for each, then a recommendation."""
    blocks = [
        section(
            text.FEEDBACK_INTRO.format(
                candidate=escape(handoff.candidate_name), role=escape(handoff.role_title)
            )
        ),
        context(text.FEEDBACK_SCALE),
    ]
    for competency_id, name in competencies:
        blocks += [
            divider(),
            input_block(
                rating_field(competency_id),
                text.FEEDBACK_RATING_LABEL.format(name=name),
                {
                    "type": "radio_buttons",
                    "action_id": rating_field(competency_id),
                    "options": rating_options(),
                },
            ),
            text_input(
                evidence_field(competency_id),
                text.FEEDBACK_EVIDENCE_LABEL.format(name=name),
                multiline=True,
                max_length=EVIDENCE_MAX,
                hint=text.FEEDBACK_EVIDENCE_HINT,
            ),
        ]
    blocks += [
        divider(),
        input_block(
            RECOMMENDATION_FIELD,
            text.FEEDBACK_RECOMMENDATION,
            {
                "type": "radio_buttons",
                "action_id": RECOMMENDATION_FIELD,
                "options": verdict_options(),
            },
        ),
        text_input(
            SUMMARY_FIELD,
            text.FEEDBACK_SUMMARY,
            multiline=True,
            optional=True,
            max_length=SUMMARY_MAX,
        ),
    ]
    return modal(
        FEEDBACK_CALLBACK,
        text.FEEDBACK_TITLE,
        text.FEEDBACK_SUBMIT,
        blocks,
        private_metadata=handoff.id,
    )


def first_input_block(competencies: Sequence[str]) -> str:
    """Where a form-wide error goes: the first input of the modal for these competencies."""
    return rating_field(competencies[0]) if competencies else RECOMMENDATION_FIELD


def feedback_thanks_modal(handoff: Handoff) -> dict:
    return _info_modal(
        text.FEEDBACK_THANKS_TITLE,
        [
            section(
                text.FEEDBACK_THANKS.format(
                    candidate=escape(handoff.candidate_name),
                    manager=handoff.hiring_manager_id,
                    recruiter=handoff.recruiter_id,
                )
            )
        ],
    )


def feedback_view_modal(handoff: Handoff, feedback: Feedback, names: Mapping[str, str]) -> dict:
    """One person's full feedback, read-only."""
    when = _slack_date(feedback)
    blocks = [
        section(
            text.VIEW_INTRO.format(
                person=feedback.person,
                candidate=escape(handoff.candidate_name),
                role=escape(handoff.role_title),
                when=when,
            )
        ),
        section(text.VIEW_RECOMMENDATION.format(label=escape(feedback.verdict_label))),
    ]
    for rating in feedback.ratings:
        blocks += [
            divider(),
            section(
                text.VIEW_RATING.format(
                    name=escape(competency_label(rating.competency_id, names)),
                    bar=score_bar(rating.score),
                    score=rating.score,
                    label=rating.label,
                    evidence=quote(rating.evidence),
                )
            ),
        ]
    if feedback.summary:
        blocks += [divider(), section(text.VIEW_SUMMARY.format(text=quote(feedback.summary)))]
    return _info_modal(text.VIEW_TITLE, blocks[:100])


def _info_modal(title: str, blocks: list[dict]) -> dict:
    view = modal("feedback_info", title, text.CLOSE, blocks)
    view.pop("submit")
    view["close"] = plain(text.CLOSE, 24)
    return view


def _slack_date(feedback: Feedback) -> str:
    """The submission moment, shown by Slack in the reader's own time zone."""
    moment = feedback.submitted
    if moment is None:
        return ""
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


# -- the debrief -----------------------------------------------------------------------------


def debrief_text(handoff: Handoff) -> str:
    return text.DEBRIEF_FALLBACK.format(
        candidate=escape(handoff.candidate_name), role=escape(handoff.role_title)
    )


def debrief_blocks(
    handoff: Handoff,
    plan: PanelPlan,
    feedback: Mapping[str, Feedback],
    reader_tz: str,
    names: Mapping[str, str] | None = None,
) -> list[dict]:
    """Ratings side by side per competency, each person's verdict, a button to their feedback."""
    names = names or {}
    screen = _screen_recommendation(handoff)
    blocks = [
        header(text.DEBRIEF_HEADER.format(candidate=handoff.candidate_name)),
        section(
            text.DEBRIEF_INTRO.format(
                candidate=escape(handoff.candidate_name),
                role=escape(handoff.role_title),
                when=_when(handoff, reader_tz),
            )
        ),
        context(text.DEBRIEF_CONTEXT.format(scale=text.DEBRIEF_SCALE, screen=escape(screen))),
        divider(),
        section(text.DEBRIEF_RATINGS),
    ]
    cells: list[str] = []
    for competency_id in plan.competencies:
        flag = text.KIT_CONCERN_MARK if plan.is_concern(competency_id) else ""
        cells.append(
            text.DEBRIEF_COMPETENCY.format(
                name=escape(competency_label(competency_id, names)), flag=flag
            )
        )
        cells.append(_ratings_cell(competency_id, plan, feedback))
    for start in range(0, len(cells), FIELDS_PER_SECTION):
        blocks.append(
            {
                "type": "section",
                "fields": [
                    {"type": "mrkdwn", "text": clip(c, 2000)}
                    for c in cells[start : start + FIELDS_PER_SECTION]
                ],
            }
        )
    tally = Counter(f.recommendation for f in feedback.values())
    summary = ", ".join(
        f"{tally[v]} {label.lower()}" for v, label in VERDICT_LABELS.items() if tally[v]
    )
    blocks += [divider(), section(text.DEBRIEF_RECOMMENDATIONS.format(tally=summary))]
    for person in plan.people:
        given = feedback.get(person)
        if given is None:
            continue
        ratings = " · ".join(
            text.DEBRIEF_PERSON_RATING.format(
                name=escape(competency_label(r.competency_id, names)), score=r.score
            )
            for r in given.ratings
        )
        blocks.append(
            {
                "type": "section",
                "block_id": debrief_block_id(handoff.id, person),
                "text": {
                    "type": "mrkdwn",
                    "text": clip(
                        text.DEBRIEF_PERSON.format(
                            person=person,
                            role=text.DEBRIEF_PERSON_HM if person == plan.hiring_manager else "",
                            verdict=escape(given.verdict_label),
                            ratings=ratings,
                        ),
                        SECTION_TEXT_LIMIT,
                    ),
                },
                "accessory": button(text.BUTTON_FULL_FEEDBACK, VIEW_FEEDBACK, person),
            }
        )
    return blocks[:MESSAGE_BLOCK_LIMIT]


def _ratings_cell(competency_id: str, plan: PanelPlan, feedback: Mapping[str, Feedback]) -> str:
    lines = [
        text.DEBRIEF_RATING.format(
            bar=score_bar(rating.score), score=rating.score, label=rating.label, person=person
        )
        for person, rating in ratings_side_by_side(competency_id, plan.people, feedback)
    ]
    return "\n".join(lines) or text.DEBRIEF_UNRATED


def debrief_block_id(handoff_id: str, person: str) -> str:
    return f"{DEBRIEF_BLOCK_PREFIX}:{handoff_id}:{person}"


def handoff_of_debrief_block(block_id: str) -> str:
    """The hand-off ID a debrief button's block names ('' when it isn't one)."""
    prefix, _, rest = block_id.partition(":")
    handoff_id, _, person = rest.partition(":")
    return handoff_id if prefix == DEBRIEF_BLOCK_PREFIX and person else ""


def score_bar(score: int) -> str:
    return "●" * score + "○" * (max(SCORES) - score)


# -- refusals --------------------------------------------------------------------------------


def feedback_refusal_text(reason: str, handoff: Handoff | None) -> str:
    template = text.REFUSALS[reason]
    return template.format(state=handoff.state if handoff else "closed")


def _screen_recommendation(handoff: Handoff) -> str:
    raw = handoff.notes.recommendation
    try:
        return RECOMMENDATION_LABELS[Recommendation(raw)]
    except (KeyError, ValueError):
        return raw


def _when(handoff: Handoff, reader_tz: str) -> str:
    start = handoff.interview_at
    if start is None:
        return text.WHEN_UNSET
    return format_when(start, handoff.interview_minutes, reader_tz)
