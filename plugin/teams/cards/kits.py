"""Interviewer kits, feedback prompts, the feedback form and the debrief, as Adaptive Cards 1.5.

The same content and actions as the Slack blocks (plugin/slack/blocks/kits.py). A kit never
shows the recruiter's recommendation, so it cannot anchor the panel. Feedback is read inline:
the prompt's button turns the card into the form, and a submit turns it into the thanks (or
back into the form with each problem under its field).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence

from plugin.domain.feedback import (
    EVIDENCE_MAX,
    EVIDENCE_REQUIRED,
    RATING_ANCHORS,
    RATING_LABELS,
    RATING_REQUIRED,
    RECOMMENDATION_FIELD,
    SCORES,
    SUMMARY_FIELD,
    SUMMARY_MAX,
    VERDICT_HINTS,
    VERDICT_LABELS,
    VERDICT_REQUIRED,
    Feedback,
    competency_label,
    evidence_field,
    rating_field,
    ratings_side_by_side,
)
from plugin.domain.handoff import RECOMMENDATION_LABELS, Handoff, Recommendation
from plugin.domain.panel import Kit, KitSection, PanelPlan
from plugin.domain.timefmt import format_moment, format_when
from plugin.teams import text
from plugin.teams.cards.kit import (
    card,
    choice,
    choice_set,
    error,
    execute,
    heading,
    label,
    note,
    rich,
    run,
    section,
    text_input,
)

FEEDBACK_OPEN = "feedback.open"
FEEDBACK_SUBMIT = "feedback.submit"
DEBRIEF_FEEDBACK = "debrief.feedback"
DEBRIEF_SHOW = "debrief.show"
VERBS = (FEEDBACK_OPEN, FEEDBACK_SUBMIT, DEBRIEF_FEEDBACK, DEBRIEF_SHOW)
CARD_BUDGET = 26 * 1024  # Teams refuses cards over 28 KB; leave room for the activity around it
FULL, MERGED, BARE = 0, 1, 2  # how much of each question a kit shows, and in how many blocks


def _name(names: Mapping[str, str], user_id: str) -> str:
    return names.get(user_id) or text.UNKNOWN_PERSON


def _when(handoff: Handoff, reader_tz: str) -> str:
    start = handoff.interview_at
    if start is None:
        return text.WHEN_UNSET
    return format_when(start, handoff.interview_minutes, reader_tz)


def _size(built: dict) -> int:
    return len(json.dumps(built, separators=(",", ":"), ensure_ascii=False).encode())


def score_bar(score: int) -> str:
    return "●" * score + "○" * (max(SCORES) - score)


# -- the kit ---------------------------------------------------------------------------------


def kit_text(handoff: Handoff, reader_tz: str) -> str:
    return text.KIT_FALLBACK.format(
        candidate=handoff.candidate_name, role=handoff.role_title, when=_when(handoff, reader_tz)
    )


def kit_card(
    handoff: Handoff,
    kit: Kit,
    reader_tz: str,
    plan: PanelPlan,
    names: Mapping[str, str],
    competency_names: Mapping[str, str] | None = None,
    *,
    replaces: bool = False,
) -> dict:
    """The kit in one card: the panel, then a section per competency with its questions. A kit
    too long for a Teams card is drawn in fewer blocks, then without probes, then without its
    last sections (with a pointer to the rest)."""
    competency_names = competency_names or {}
    intro = [
        part.format(candidate=handoff.candidate_name, role=handoff.role_title)
        for part in text.KIT_INTRO
    ]
    top = [
        heading(text.KIT_HEADER.format(candidate=handoff.candidate_name)),
        rich(intro[0], run(intro[1], bold=True), intro[2], run(intro[3], bold=True), intro[4]),
    ]
    top += section(text.KIT_WHEN, _when(handoff, reader_tz))
    if handoff.location.strip():
        top += section(text.KIT_WHERE, handoff.location)
    if replaces:
        top.append(note(text.KIT_REPLACES, color="Warning"))
    top.append(note(text.KIT_HOW, subtle=True))
    if kit.hiring_manager:
        top.append(label(text.KIT_WHO_COVERS))
        top += who_covers_what(plan, names, competency_names, reader=kit.person)
        if plan.concern_competencies:
            top.append(note(text.KIT_WHO_LEGEND, subtle=True))
        if handoff.notes.concerns.strip():
            top += section(text.KIT_CONCERNS, handoff.notes.concerns)
    else:
        top.append(label(text.KIT_PANEL))
        top.append(rich(panel_line(plan, names, reader=kit.person), spacing="None"))
        top.append(note(text.KIT_PANEL_NOTE, subtle=True))
    fallback = kit_text(handoff, reader_tz)
    if not kit.sections:
        return card([*top, note(text.KIT_NOTHING_ASSIGNED)], fallback=fallback)
    for level in (FULL, MERGED, BARE):
        body = top + [b for s in kit.sections for b in kit_section(s, level=level)]
        built = card(body, fallback=fallback)
        if _size(built) <= CARD_BUDGET:
            return built
    sections = list(kit.sections)
    while len(sections) > 1:
        sections.pop()
        body = top + [b for s in sections for b in kit_section(s, level=BARE)]
        body.append(note(text.KIT_TRUNCATED.format(name=kit.sections[-1].name), subtle=True))
        built = card(body, fallback=fallback)
        if _size(built) <= CARD_BUDGET:
            return built
    return built


def who_covers_what(
    plan: PanelPlan,
    names: Mapping[str, str],
    competency_names: Mapping[str, str],
    *,
    reader: str = "",
) -> list[dict]:
    lines = []
    for person, owned in plan.assignments.items():
        labels = [
            competency_label(c, competency_names)
            + (text.KIT_CONCERN_MARK if plan.is_concern(c) else "")
            for c in owned
        ]
        line = text.KIT_WHO_LINE.format(
            name=_name(names, person),
            you=text.KIT_WHO_YOU if person == reader else "",
            competencies=", ".join(labels) or text.KIT_WHO_NOTHING,
        )
        lines.append(rich(f"• {line}", spacing="None"))
    return lines


def panel_line(plan: PanelPlan, names: Mapping[str, str], *, reader: str) -> str:
    people = [
        text.KIT_PANEL_HM.format(name=_name(names, p))
        if p == plan.hiring_manager
        else _name(names, p) + (text.KIT_WHO_YOU if p == reader else "")
        for p in plan.people
    ]
    return ", ".join(people)


def kit_section(kit_section: KitSection, *, level: int = 0) -> list[dict]:
    blocks = [
        {
            "type": "Container",
            "separator": True,
            "spacing": "Large",
            "items": [
                rich(
                    run(kit_section.name, bold=True),
                    *(
                        [run("  " + text.KIT_SECTION_FLAG, italic=True)]
                        if kit_section.concern
                        else []
                    ),
                ),
                rich(run(kit_section.description, italic=True), spacing="None"),
            ],
        }
    ]
    if kit_section.concern_snippets:
        blocks.append(note(text.KIT_SNIPPETS, subtle=True))
        blocks += [
            rich(run(f"“{s}”", italic=True), spacing="None") for s in kit_section.concern_snippets
        ]
    if not kit_section.questions:
        blocks.append(note(text.KIT_NO_QUESTIONS, subtle=True))
    for number, question in enumerate(kit_section.questions, start=1):
        blocks += question_blocks(number, question, level=level)
    return blocks


def question_blocks(number: int, question, *, level: int = FULL) -> list[dict]:
    """A question with its probes and what a strong answer shows: a block per line (FULL), all
    in one block (MERGED, the same words in fewer bytes), or the question alone (BARE)."""
    kind = text.KIT_QUESTION_KIND.get(question.kind, question.kind)
    title = [run(f"{number}. {question.text}", bold=True), run(f" ({kind})", italic=True)]
    if level == BARE:
        return [rich(*title, spacing="Medium")]
    if level == MERGED:
        inlines = [*title, *(run(f"\n   ◦ {probe}") for probe in question.probes)]
        inlines += [run("\n" + text.KIT_STRONG, italic=True), run(question.strong_answer)]
        return [rich(*inlines, spacing="Medium")]
    blocks = [rich(*title, spacing="Medium")]
    blocks += [rich(f"   ◦ {probe}", spacing="None") for probe in question.probes]
    blocks.append(rich(run(text.KIT_STRONG, italic=True), question.strong_answer, spacing="None"))
    return blocks


# -- feedback prompts ------------------------------------------------------------------------


def feedback_prompt_text(handoff: Handoff, *, reminder: bool = False) -> str:
    template = text.REMINDER_FALLBACK if reminder else text.PROMPT_FALLBACK
    return template.format(candidate=handoff.candidate_name, role=handoff.role_title)


def feedback_prompt_card(
    handoff: Handoff,
    competency_names: Sequence[str],
    names: Mapping[str, str],
    *,
    reminder: tuple[int, int] | None = None,
) -> dict:
    """When the interview ends, or reminder (number, total): the Submit feedback button."""
    what = (
        text.PROMPT_WHAT.format(competencies=", ".join(competency_names))
        if competency_names
        else text.PROMPT_WHAT_NONE
    )
    about = {"candidate": handoff.candidate_name, "role": handoff.role_title, "what": what}
    if reminder is None:
        body = text.PROMPT_TEXT.format(**about)
    else:
        number, total = reminder
        count = text.REMINDER_LAST if number >= total else text.REMINDER_COUNT
        body = text.REMINDER_TEXT.format(**about) + " " + count.format(number=number, total=total)
    private = text.PROMPT_PRIVATE.format(
        manager=_name(names, handoff.hiring_manager_id),
        recruiter=_name(names, handoff.recruiter_id),
    )
    data = {"handoff_id": handoff.id}
    return card(
        [rich(body), rich(run(private, italic=True))],
        [execute(text.BUTTON_FEEDBACK, FEEDBACK_OPEN, data, style="positive")],
        fallback=feedback_prompt_text(handoff, reminder=reminder is not None),
    )


# -- the feedback form -----------------------------------------------------------------------


def rating_choices() -> list[dict]:
    return [
        choice(
            text.FEEDBACK_RATING_OPTION.format(
                score=s, label=RATING_LABELS[s], anchor=RATING_ANCHORS[s]
            ),
            str(s),
        )
        for s in SCORES
    ]


def verdict_choices() -> list[dict]:
    return [
        choice(text.FEEDBACK_VERDICT_OPTION.format(label=label, hint=VERDICT_HINTS[value]), value)
        for value, label in VERDICT_LABELS.items()
    ]


def feedback_form_card(
    handoff: Handoff,
    competencies: Sequence[tuple[str, str]],
    reader_tz: str,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> dict:
    """(competency id, name) pairs: a rating and evidence for each, then a recommendation.
    `values` and `errors` are keyed by field (rating:<id>, evidence:<id>, recommendation, …)."""
    values, errors = dict(values or {}), dict(errors or {})
    about = {"candidate": handoff.candidate_name, "role": handoff.role_title}
    body = [
        heading(text.FEEDBACK_TITLE.format(candidate=handoff.candidate_name)),
        rich(text.FEEDBACK_INTRO.format(**about)),
        note(text.FEEDBACK_SCALE, subtle=True),
    ]
    if errors:
        body.append(note(text.FEEDBACK_HAS_ERRORS, color="Attention"))

    def place(element: dict) -> None:
        body.append(element)
        if element["id"] in errors:
            body.append(error(errors[element["id"]], element["id"]))

    for competency_id, name in competencies:
        rating = rating_field(competency_id)
        evidence = evidence_field(competency_id)
        place(
            choice_set(
                rating,
                text.FEEDBACK_RATING_LABEL.format(name=name),
                rating_choices(),
                value=values.get(rating, ""),
                required=True,
                message=RATING_REQUIRED,
                expanded=True,
            )
            | {"separator": True, "spacing": "Large"}
        )
        place(
            text_input(
                evidence,
                text.FEEDBACK_EVIDENCE_LABEL.format(name=name),
                value=values.get(evidence, ""),
                required=True,
                message=EVIDENCE_REQUIRED,
                multiline=True,
                max_length=EVIDENCE_MAX,
            )
        )
    place(
        choice_set(
            RECOMMENDATION_FIELD,
            text.FEEDBACK_RECOMMENDATION,
            verdict_choices(),
            value=values.get(RECOMMENDATION_FIELD, ""),
            required=True,
            message=VERDICT_REQUIRED,
            expanded=True,
        )
        | {"separator": True, "spacing": "Large"}
    )
    place(
        text_input(
            SUMMARY_FIELD,
            text.FEEDBACK_SUMMARY,
            value=values.get(SUMMARY_FIELD, ""),
            multiline=True,
            max_length=SUMMARY_MAX,
        )
    )
    data = {"handoff_id": handoff.id, "tz": reader_tz}
    return card(
        body,
        [execute(text.FEEDBACK_SUBMIT, FEEDBACK_SUBMIT, data, style="positive")],
        fallback=text.FEEDBACK_TITLE.format(candidate=handoff.candidate_name),
    )


def feedback_thanks_card(handoff: Handoff, names: Mapping[str, str]) -> dict:
    line = text.FEEDBACK_THANKS.format(
        candidate=handoff.candidate_name,
        manager=_name(names, handoff.hiring_manager_id),
        recruiter=_name(names, handoff.recruiter_id),
    )
    return card(
        [heading(text.FEEDBACK_THANKS_TITLE, size="Medium"), rich(line)],
        fallback=text.FEEDBACK_THANKS_TITLE,
    )


def feedback_view_card(
    handoff: Handoff,
    feedback: Feedback,
    reader_tz: str,
    names: Mapping[str, str],
    competency_names: Mapping[str, str],
    *,
    back: bool = False,
) -> dict:
    """One person's full feedback, read-only; `back` adds the way back to the debrief."""
    person = _name(names, feedback.person)
    submitted = feedback.submitted
    when = format_moment(submitted, reader_tz) if submitted else ""
    body = [
        heading(text.VIEW_TITLE.format(person=person, candidate=handoff.candidate_name)),
        rich(
            text.VIEW_INTRO.format(
                person=person,
                candidate=handoff.candidate_name,
                role=handoff.role_title,
                when=when,
            )
        ),
        rich(run(text.VIEW_RECOMMENDATION.format(label=feedback.verdict_label), bold=True)),
    ]
    for rating in feedback.ratings:
        line = text.VIEW_RATING.format(
            name=competency_label(rating.competency_id, competency_names),
            bar=score_bar(rating.score),
            score=rating.score,
            label=rating.label,
        )
        body.append(rich(run(line, bold=True), spacing="Medium"))
        body.append(rich(run(rating.evidence, italic=True), spacing="None"))
    if feedback.summary:
        body += section(text.VIEW_SUMMARY, feedback.summary)
    actions = []
    if back:
        data = {"handoff_id": handoff.id, "tz": reader_tz}
        actions.append(execute(text.BUTTON_BACK_TO_DEBRIEF, DEBRIEF_SHOW, data))
    return card(body, actions, fallback=text.VIEW_TITLE.format(person=person, candidate=""))


# -- the debrief -----------------------------------------------------------------------------


def debrief_text(handoff: Handoff) -> str:
    return text.DEBRIEF_FALLBACK.format(candidate=handoff.candidate_name, role=handoff.role_title)


def _screen_recommendation(handoff: Handoff) -> str:
    raw = handoff.notes.recommendation
    try:
        return RECOMMENDATION_LABELS[Recommendation(raw)]
    except (KeyError, ValueError):
        return raw


def debrief_card(
    handoff: Handoff,
    plan: PanelPlan,
    feedback: Mapping[str, Feedback],
    reader_tz: str,
    names: Mapping[str, str],
    competency_names: Mapping[str, str] | None = None,
) -> dict:
    """Ratings side by side per competency, each person's verdict, a button to their feedback."""
    competency_names = competency_names or {}
    body = [
        heading(text.DEBRIEF_HEADER.format(candidate=handoff.candidate_name)),
        rich(
            text.DEBRIEF_INTRO.format(
                candidate=handoff.candidate_name,
                role=handoff.role_title,
                when=_when(handoff, reader_tz),
            )
        ),
        rich(
            run(text.DEBRIEF_CONTEXT.format(screen=_screen_recommendation(handoff)), italic=True),
            spacing="Small",
        ),
        label(text.DEBRIEF_RATINGS, spacing="Large"),
    ]
    for competency_id in plan.competencies:
        flag = text.KIT_CONCERN_MARK if plan.is_concern(competency_id) else ""
        lines = [
            text.DEBRIEF_RATING.format(
                bar=score_bar(rating.score),
                score=rating.score,
                label=rating.label,
                person=_name(names, person),
            )
            for person, rating in ratings_side_by_side(competency_id, plan.people, feedback)
        ]
        body.append(
            rich(
                run(competency_label(competency_id, competency_names) + flag, bold=True),
                spacing="Medium",
            )
        )
        body += [rich(line, spacing="None") for line in lines] or [
            rich(run(text.DEBRIEF_UNRATED, italic=True), spacing="None")
        ]
    tally = Counter(f.recommendation for f in feedback.values())
    summary = ", ".join(
        f"{tally[v]} {label_.lower()}" for v, label_ in VERDICT_LABELS.items() if tally[v]
    )
    body.append(
        rich(run(text.DEBRIEF_RECOMMENDATIONS.format(tally=summary), bold=True), spacing="Large")
    )
    for person in plan.people:
        given = feedback.get(person)
        if given is None:
            continue
        name = _name(names, person)
        ratings = " · ".join(
            text.DEBRIEF_PERSON_RATING.format(
                name=competency_label(r.competency_id, competency_names), score=r.score
            )
            for r in given.ratings
        )
        headline = text.DEBRIEF_PERSON.format(
            person=name,
            role=text.DEBRIEF_PERSON_HM if person == plan.hiring_manager else "",
            verdict=given.verdict_label,
        )
        body.append(rich(run(headline, bold=True), spacing="Medium"))
        if ratings:
            body.append(rich(ratings, spacing="None"))
        data = {"handoff_id": handoff.id, "person": person, "tz": reader_tz}
        body.append(
            {
                "type": "ActionSet",
                "spacing": "Small",
                "actions": [
                    execute(
                        text.BUTTON_FULL_FEEDBACK.format(person=name)[:100],
                        DEBRIEF_FEEDBACK,
                        data,
                    )
                ],
            }
        )
    return card(body, fallback=debrief_text(handoff))
