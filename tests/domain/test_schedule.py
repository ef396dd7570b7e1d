"""Timing policy for candidate nudges, interviewer kits and feedback reminders."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugin.domain.schedule import (
    CANDIDATE_WINDOW,
    DEFAULT_NUDGE_OFFSETS,
    WORKING_HOURS,
    Nudge,
    confirmation_time,
    feedback_reminder_times,
    kit_send_time,
    offset_key,
    plan_candidate_nudges,
)

NEW_YORK = "America/New_York"
LONDON = "Europe/London"
SYDNEY = "Australia/Sydney"
AUCKLAND = "Pacific/Auckland"
KIRITIMATI = "Pacific/Kiritimati"
PAGO_PAGO = "Pacific/Pago_Pago"
LOS_ANGELES = "America/Los_Angeles"
KOLKATA = "Asia/Kolkata"
ZONES = [NEW_YORK, LONDON, SYDNEY, AUCKLAND, KIRITIMATI, PAGO_PAGO, LOS_ANGELES, KOLKATA]
ALL_DAY = (time(0), time(23, 59, 59))


def at(zone: str, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone))


def local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def walls(nudges: list[Nudge], zone: str) -> dict[str, str]:
    return {n.key: local(n.send_at, zone).strftime("%a %Y-%m-%d %H:%M %z") for n in nudges}


FAR_AHEAD = datetime(2026, 1, 1, tzinfo=UTC)


# Candidate nudges: the ordinary case, keys and UTC results


def test_default_offsets_have_stable_keys() -> None:
    assert [offset_key(o) for o in DEFAULT_NUDGE_OFFSETS] == ["3d", "1d", "2h"]
    assert offset_key(timedelta(minutes=90)) == "90m"
    assert offset_key(timedelta(hours=36)) == "36h"


def test_nudges_land_at_their_ideal_moments_in_daytime() -> None:
    start = at(LOS_ANGELES, 2026, 6, 17, 14, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, LOS_ANGELES)
    assert walls(nudges, LOS_ANGELES) == {
        "3d": "Sun 2026-06-14 14:00 -0700",
        "1d": "Tue 2026-06-16 14:00 -0700",
        "2h": "Wed 2026-06-17 12:00 -0700",
    }
    assert all(n.covers == (n.key,) for n in nudges)
    assert all(n.send_at.tzinfo is UTC for n in nudges)


def test_results_are_utc_whatever_zone_the_inputs_use() -> None:
    start = at(KOLKATA, 2026, 6, 15, 15, 0)
    nudges = plan_candidate_nudges(local(FAR_AHEAD, KIRITIMATI), start, KOLKATA)
    assert nudges[-1].send_at == datetime(2026, 6, 15, 7, 30, tzinfo=UTC)
    assert all(n.send_at.utcoffset() == timedelta(0) for n in nudges)


# Quiet hours: the window is [08:00, 20:00] local and nudges move earlier


def test_early_morning_interview_moves_the_two_hour_nudge_to_the_evening_before() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 9, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK)
    assert walls(nudges, NEW_YORK)["2h"] == "Tue 2026-06-16 20:00 -0400"


def test_late_evening_ideal_moves_back_to_twenty_hundred_that_day() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 22, 30)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK)
    assert walls(nudges, NEW_YORK) == {
        "3d": "Sun 2026-06-14 20:00 -0400",
        "1d": "Tue 2026-06-16 20:00 -0400",
        "2h": "Wed 2026-06-17 20:00 -0400",
    }


def test_window_edges_are_allowed() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 10, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK, offsets=[timedelta(hours=2)])
    assert walls(nudges, NEW_YORK) == {"2h": "Wed 2026-06-17 08:00 -0400"}
    start = at(NEW_YORK, 2026, 6, 17, 22, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK, offsets=[timedelta(hours=2)])
    assert walls(nudges, NEW_YORK) == {"2h": "Wed 2026-06-17 20:00 -0400"}


def test_a_custom_window_is_respected() -> None:
    start = at(LONDON, 2026, 6, 17, 9, 0)
    nudges = plan_candidate_nudges(
        FAR_AHEAD, start, LONDON, offsets=[timedelta(hours=2)], window=(time(7), time(21))
    )
    assert walls(nudges, LONDON) == {"2h": "Wed 2026-06-17 07:00 +0100"}


# Daylight-saving changes: day offsets keep the wall time, hour offsets are elapsed time


def test_new_york_spring_forward() -> None:
    start = at(NEW_YORK, 2026, 3, 9, 14, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK)
    assert walls(nudges, NEW_YORK) == {
        "3d": "Fri 2026-03-06 14:00 -0500",
        "1d": "Sun 2026-03-08 14:00 -0400",
        "2h": "Mon 2026-03-09 12:00 -0400",
    }
    by_key = {n.key: n.send_at for n in nudges}
    assert start - by_key["1d"] == timedelta(hours=24)
    assert start - by_key["3d"] == timedelta(hours=71)


def test_new_york_fall_back() -> None:
    start = at(NEW_YORK, 2026, 11, 2, 10, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK)
    assert walls(nudges, NEW_YORK) == {
        "3d": "Fri 2026-10-30 10:00 -0400",
        "1d": "Sun 2026-11-01 10:00 -0500",
        "2h": "Mon 2026-11-02 08:00 -0500",
    }
    assert start - nudges[1].send_at == timedelta(hours=24)
    assert start - nudges[0].send_at == timedelta(hours=73)


def test_day_offset_spans_23_hours_on_the_spring_forward_day() -> None:
    start = at(NEW_YORK, 2026, 3, 8, 15, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK, offsets=[timedelta(days=1)])
    assert walls(nudges, NEW_YORK) == {"1d": "Sat 2026-03-07 15:00 -0500"}
    assert start - nudges[0].send_at == timedelta(hours=23)


def test_day_offset_spans_25_hours_on_the_fall_back_day() -> None:
    start = at(NEW_YORK, 2026, 11, 1, 15, 0)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK, offsets=[timedelta(days=1)])
    assert start - nudges[0].send_at == timedelta(hours=25)


def test_hour_offsets_are_elapsed_time_across_the_change() -> None:
    start = at(NEW_YORK, 2026, 3, 8, 14, 0)
    nudges = plan_candidate_nudges(
        FAR_AHEAD, start, NEW_YORK, offsets=[timedelta(hours=12)], window=ALL_DAY
    )
    assert walls(nudges, NEW_YORK) == {"12h": "Sun 2026-03-08 01:00 -0500"}


def test_london_spring_forward_and_fall_back() -> None:
    spring = plan_candidate_nudges(FAR_AHEAD, at(LONDON, 2026, 3, 30, 9, 30), LONDON)
    assert walls(spring, LONDON) == {
        "3d": "Fri 2026-03-27 09:30 +0000",
        "1d": "Sun 2026-03-29 09:30 +0100",
        "2h": "Sun 2026-03-29 20:00 +0100",
    }
    autumn = plan_candidate_nudges(FAR_AHEAD, at(LONDON, 2026, 10, 26, 11, 0), LONDON)
    assert walls(autumn, LONDON) == {
        "3d": "Fri 2026-10-23 11:00 +0100",
        "1d": "Sun 2026-10-25 11:00 +0000",
        "2h": "Mon 2026-10-26 09:00 +0000",
    }


def test_sydney_dst_ends_in_april_and_starts_in_october() -> None:
    april = plan_candidate_nudges(FAR_AHEAD, at(SYDNEY, 2026, 4, 6, 8, 30), SYDNEY)
    assert walls(april, SYDNEY) == {
        "3d": "Fri 2026-04-03 08:30 +1100",
        "1d": "Sun 2026-04-05 08:30 +1000",
        "2h": "Sun 2026-04-05 20:00 +1000",
    }
    october = plan_candidate_nudges(FAR_AHEAD, at(SYDNEY, 2026, 10, 5, 16, 0), SYDNEY)
    assert walls(october, SYDNEY) == {
        "3d": "Fri 2026-10-02 16:00 +1000",
        "1d": "Sun 2026-10-04 16:00 +1100",
        "2h": "Mon 2026-10-05 14:00 +1100",
    }


def test_night_time_skipped_by_the_clock_change_still_moves_to_the_evening_before() -> None:
    start = at(NEW_YORK, 2026, 3, 9, 2, 30)
    nudges = plan_candidate_nudges(FAR_AHEAD, start, NEW_YORK)
    assert walls(nudges, NEW_YORK) == {
        "3d": "Thu 2026-03-05 20:00 -0500",
        "1d": "Sat 2026-03-07 20:00 -0500",
        "2h": "Sun 2026-03-08 20:00 -0400",
    }


# Both sides of the date line and half-hour offsets


def test_one_instant_seen_from_both_sides_of_the_date_line() -> None:
    start = datetime(2026, 6, 15, 20, 0, tzinfo=UTC)
    kiritimati = plan_candidate_nudges(FAR_AHEAD, start, KIRITIMATI)
    assert walls(kiritimati, KIRITIMATI) == {
        "3d": "Sat 2026-06-13 10:00 +1400",
        "1d": "Mon 2026-06-15 10:00 +1400",
        "2h": "Tue 2026-06-16 08:00 +1400",
    }
    pago_pago = plan_candidate_nudges(FAR_AHEAD, start, PAGO_PAGO)
    assert walls(pago_pago, PAGO_PAGO) == {
        "3d": "Fri 2026-06-12 09:00 -1100",
        "1d": "Sun 2026-06-14 09:00 -1100",
        "2h": "Sun 2026-06-14 20:00 -1100",
    }
    auckland = plan_candidate_nudges(FAR_AHEAD, start, AUCKLAND)
    assert walls(auckland, AUCKLAND) == {
        "3d": "Sat 2026-06-13 08:00 +1200",
        "1d": "Mon 2026-06-15 08:00 +1200",
        "2h": "Mon 2026-06-15 20:00 +1200",
    }


def test_kolkata_half_hour_offset() -> None:
    inside = plan_candidate_nudges(FAR_AHEAD, at(KOLKATA, 2026, 6, 15, 10, 30), KOLKATA)
    assert walls(inside, KOLKATA)["2h"] == "Mon 2026-06-15 08:30 +0530"
    assert inside[-1].send_at == datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
    moved = plan_candidate_nudges(FAR_AHEAD, at(KOLKATA, 2026, 6, 15, 9, 45), KOLKATA)
    assert walls(moved, KOLKATA)["2h"] == "Sun 2026-06-14 20:00 +0530"
    assert moved[-1].send_at == datetime(2026, 6, 14, 14, 30, tzinfo=UTC)


# Overdue nudges collapse into one; never a burst


def test_overdue_nudge_is_sent_now_and_the_rest_stay_planned() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 14, 0)
    now = at(NEW_YORK, 2026, 6, 15, 11, 0)
    nudges = plan_candidate_nudges(now, start, NEW_YORK)
    assert nudges[0] == Nudge("3d", now.astimezone(UTC), ("3d",))
    assert [n.key for n in nudges] == ["3d", "1d", "2h"]


def test_several_overdue_nudges_collapse_into_one_keyed_by_the_latest() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 14, 0)
    now = at(NEW_YORK, 2026, 6, 16, 15, 0)
    nudges = plan_candidate_nudges(now, start, NEW_YORK)
    assert nudges == [
        Nudge("1d", now.astimezone(UTC), ("3d", "1d")),
        Nudge("2h", at(NEW_YORK, 2026, 6, 17, 12, 0).astimezone(UTC), ("2h",)),
    ]


def test_interview_less_than_two_hours_away_gets_one_message_now() -> None:
    start = at(LONDON, 2026, 6, 17, 11, 30)
    now = at(LONDON, 2026, 6, 17, 10, 0)
    nudges = plan_candidate_nudges(now, start, LONDON)
    assert nudges == [Nudge("2h", now.astimezone(UTC), ("3d", "1d", "2h"))]


def test_overdue_at_night_waits_for_the_morning_and_merges_with_a_nudge_there() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 10, 0)
    now = at(NEW_YORK, 2026, 6, 16, 23, 0)
    nudges = plan_candidate_nudges(now, start, NEW_YORK)
    assert nudges == [
        Nudge("2h", at(NEW_YORK, 2026, 6, 17, 8, 0).astimezone(UTC), ("3d", "1d", "2h"))
    ]


def test_overdue_at_night_waits_for_the_morning_before_the_next_nudge() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 10, 0)
    now = at(NEW_YORK, 2026, 6, 15, 23, 0)
    nudges = plan_candidate_nudges(now, start, NEW_YORK)
    assert walls(nudges, NEW_YORK) == {
        "3d": "Tue 2026-06-16 08:00 -0400",
        "1d": "Tue 2026-06-16 10:00 -0400",
        "2h": "Wed 2026-06-17 08:00 -0400",
    }


def test_overdue_at_night_goes_now_when_the_interview_is_before_the_morning() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 7, 30)
    now = at(NEW_YORK, 2026, 6, 16, 23, 0)
    nudges = plan_candidate_nudges(now, start, NEW_YORK)
    assert nudges == [Nudge("2h", now.astimezone(UTC), ("3d", "1d", "2h"))]


def test_nudges_closer_than_the_gap_merge_into_the_later_one() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 23, 0)
    nudges = plan_candidate_nudges(
        FAR_AHEAD, start, NEW_YORK, offsets=[timedelta(hours=3), timedelta(hours=2)]
    )
    assert nudges == [Nudge("2h", at(NEW_YORK, 2026, 6, 17, 20, 0).astimezone(UTC), ("3h", "2h"))]


def test_nothing_is_planned_once_the_interview_has_started() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 10, 0)
    assert plan_candidate_nudges(start, start, NEW_YORK) == []
    assert plan_candidate_nudges(start + timedelta(minutes=5), start, NEW_YORK) == []


def test_reschedule_plans_afresh_with_the_same_keys() -> None:
    now = at(NEW_YORK, 2026, 6, 10, 9, 0)
    old = plan_candidate_nudges(now, at(NEW_YORK, 2026, 6, 17, 14, 0), NEW_YORK)
    new_start = at(NEW_YORK, 2026, 6, 24, 11, 0)
    new = plan_candidate_nudges(now, new_start, NEW_YORK)
    assert [n.key for n in old] == [n.key for n in new] == ["3d", "1d", "2h"]
    assert not {n.send_at for n in old} & {n.send_at for n in new}
    assert walls(new, NEW_YORK) == {
        "3d": "Sun 2026-06-21 11:00 -0400",
        "1d": "Tue 2026-06-23 11:00 -0400",
        "2h": "Wed 2026-06-24 09:00 -0400",
    }


def test_confirmation_goes_at_once_even_at_night() -> None:
    now = at(KOLKATA, 2026, 6, 15, 2, 15)
    assert confirmation_time(now, KOLKATA) == now
    assert confirmation_time(now, KOLKATA).tzinfo is UTC


# Bad input fails loudly


def test_naive_datetimes_are_rejected() -> None:
    naive = datetime(2026, 6, 17, 10, 0)
    aware = naive.replace(tzinfo=UTC)
    with pytest.raises(ValueError, match="timezone-aware"):
        plan_candidate_nudges(naive, aware, NEW_YORK)
    with pytest.raises(ValueError, match="timezone-aware"):
        plan_candidate_nudges(aware, naive, NEW_YORK)
    with pytest.raises(ValueError, match="timezone-aware"):
        kit_send_time(aware, naive, NEW_YORK)
    with pytest.raises(ValueError, match="timezone-aware"):
        feedback_reminder_times(naive, NEW_YORK)
    with pytest.raises(ValueError, match="timezone-aware"):
        confirmation_time(naive, NEW_YORK)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../etc/passwd"])
def test_unknown_time_zones_are_rejected(zone: str) -> None:
    with pytest.raises(ValueError, match="time zone"):
        plan_candidate_nudges(FAR_AHEAD, FAR_AHEAD + timedelta(days=5), zone)


@pytest.mark.parametrize(
    "offsets",
    [[timedelta(0)], [timedelta(hours=-2)], [timedelta(seconds=30)], [timedelta(days=1)] * 2],
)
def test_bad_offsets_are_rejected(offsets: list[timedelta]) -> None:
    with pytest.raises(ValueError, match="offsets"):
        plan_candidate_nudges(FAR_AHEAD, FAR_AHEAD + timedelta(days=5), NEW_YORK, offsets=offsets)


def test_a_backwards_window_is_rejected() -> None:
    with pytest.raises(ValueError, match="window"):
        plan_candidate_nudges(
            FAR_AHEAD, FAR_AHEAD + timedelta(days=5), NEW_YORK, window=(time(20), time(8))
        )


# Interviewer kits


def test_kit_goes_a_day_before_at_the_same_time() -> None:
    sent = kit_send_time(FAR_AHEAD, at(LONDON, 2026, 6, 17, 14, 0), LONDON)
    assert local(sent, LONDON) == at(LONDON, 2026, 6, 16, 14, 0)
    assert sent.tzinfo is UTC


def test_kit_for_a_monday_interview_goes_on_friday() -> None:
    sent = kit_send_time(FAR_AHEAD, at(LOS_ANGELES, 2026, 6, 15, 10, 0), LOS_ANGELES)
    assert local(sent, LOS_ANGELES) == at(LOS_ANGELES, 2026, 6, 12, 10, 0)


def test_kit_for_a_sunday_interview_goes_on_friday() -> None:
    sent = kit_send_time(FAR_AHEAD, at(LOS_ANGELES, 2026, 6, 14, 10, 0), LOS_ANGELES)
    assert local(sent, LOS_ANGELES) == at(LOS_ANGELES, 2026, 6, 12, 10, 0)


def test_kit_is_clamped_into_working_hours() -> None:
    early = kit_send_time(FAR_AHEAD, at(KOLKATA, 2026, 6, 17, 8, 0), KOLKATA)
    assert local(early, KOLKATA) == at(KOLKATA, 2026, 6, 16, 9, 0)
    late = kit_send_time(FAR_AHEAD, at(KOLKATA, 2026, 6, 17, 19, 30), KOLKATA)
    assert local(late, KOLKATA) == at(KOLKATA, 2026, 6, 16, 17, 0)


def test_kit_goes_at_once_when_its_moment_has_passed() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 14, 0)
    now = at(NEW_YORK, 2026, 6, 16, 23, 45)
    assert kit_send_time(now, start, NEW_YORK) == now


def test_kit_follows_the_interviewers_zone_not_the_candidates() -> None:
    start = datetime(2026, 6, 15, 20, 0, tzinfo=UTC)
    kiritimati = kit_send_time(FAR_AHEAD, start, KIRITIMATI)
    assert local(kiritimati, KIRITIMATI) == at(KIRITIMATI, 2026, 6, 15, 10, 0)
    pago_pago = kit_send_time(FAR_AHEAD, start, PAGO_PAGO)
    assert local(pago_pago, PAGO_PAGO) == at(PAGO_PAGO, 2026, 6, 12, 9, 0)
    auckland = kit_send_time(FAR_AHEAD, start, AUCKLAND)
    assert local(auckland, AUCKLAND) == at(AUCKLAND, 2026, 6, 15, 9, 0)


def test_kit_across_daylight_saving_keeps_the_wall_time() -> None:
    london = kit_send_time(FAR_AHEAD, at(LONDON, 2026, 3, 30, 10, 0), LONDON)
    assert local(london, LONDON).strftime("%a %H:%M %z") == "Fri 10:00 +0000"
    sydney = kit_send_time(FAR_AHEAD, at(SYDNEY, 2026, 10, 5, 11, 0), SYDNEY)
    assert local(sydney, SYDNEY).strftime("%a %d %H:%M %z") == "Fri 02 11:00 +1000"


def test_short_lead_never_lands_after_the_interview() -> None:
    start = at(NEW_YORK, 2026, 6, 17, 8, 0)
    sent = kit_send_time(FAR_AHEAD, start, NEW_YORK, lead=timedelta(hours=2))
    assert local(sent, NEW_YORK) == at(NEW_YORK, 2026, 6, 16, 17, 0)


# Feedback reminders


def test_feedback_reminders_follow_the_end_then_each_working_day() -> None:
    end = at(NEW_YORK, 2026, 6, 17, 15, 0)
    times = feedback_reminder_times(end, NEW_YORK)
    assert [local(t, NEW_YORK).strftime("%a %d %H:%M") for t in times] == [
        "Wed 17 16:00",
        "Thu 18 10:00",
        "Fri 19 10:00",
        "Mon 22 10:00",
        "Tue 23 10:00",
    ]
    assert all(t.tzinfo is UTC for t in times)


def test_first_feedback_reminder_may_fall_after_hours() -> None:
    end = at(LONDON, 2026, 6, 19, 17, 30)
    times = feedback_reminder_times(end, LONDON, max_reminders=3)
    assert [local(t, LONDON).strftime("%a %d %H:%M") for t in times] == [
        "Fri 19 18:30",
        "Mon 22 10:00",
        "Tue 23 10:00",
    ]


def test_feedback_reminders_across_a_dst_weekend_stay_at_ten_local() -> None:
    end = at(SYDNEY, 2026, 10, 2, 14, 0)
    times = feedback_reminder_times(end, SYDNEY, max_reminders=2)
    assert [local(t, SYDNEY).strftime("%a %d %H:%M %z") for t in times] == [
        "Fri 02 15:00 +1000",
        "Mon 05 10:00 +1100",
    ]
    end = at(NEW_YORK, 2026, 10, 30, 11, 0)
    times = feedback_reminder_times(end, NEW_YORK, max_reminders=2)
    assert local(times[1], NEW_YORK).strftime("%a %d %H:%M %z") == "Mon 02 10:00 -0500"


def test_feedback_reminders_count_is_a_setting() -> None:
    end = at(KOLKATA, 2026, 6, 17, 11, 0)
    assert feedback_reminder_times(end, KOLKATA, max_reminders=0) == []
    assert len(feedback_reminder_times(end, KOLKATA, max_reminders=1)) == 1
    with pytest.raises(ValueError):
        feedback_reminder_times(end, KOLKATA, max_reminders=-1)
    with pytest.raises(ValueError):
        feedback_reminder_times(end, KOLKATA, daily_at=time(7))


# Properties

moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
leads = st.timedeltas(min_value=timedelta(minutes=-30), max_value=timedelta(days=9))
offset_sets = st.lists(
    st.one_of(
        st.integers(1, 7).map(lambda d: timedelta(days=d)),
        st.integers(1, 48).map(lambda h: timedelta(hours=h)),
        st.integers(1, 600).map(lambda m: timedelta(minutes=m)),
    ),
    min_size=1,
    max_size=5,
    unique_by=offset_key,
)


def in_hours(moment: datetime, zone: str, hours: tuple[time, time]) -> bool:
    return hours[0] <= local(moment, zone).time() <= hours[1]


@settings(max_examples=400, deadline=None)
@given(now=moments, lead=leads, zone=st.sampled_from(ZONES), offsets=offset_sets)
def test_nudge_plan_properties(
    now: datetime, lead: timedelta, zone: str, offsets: list[timedelta]
) -> None:
    start = now + lead
    nudges = plan_candidate_nudges(now, start, zone, offsets=offsets)
    times = [n.send_at for n in nudges]
    assert times == sorted(times)
    assert len(nudges) <= len(offsets)
    for nudge in nudges:
        assert now <= nudge.send_at < start
        assert nudge.send_at == now or in_hours(nudge.send_at, zone, CANDIDATE_WINDOW)
        assert nudge.key == nudge.covers[-1]
    covered = [key for n in nudges for key in n.covers]
    if start > now:
        assert sorted(covered) == sorted(offset_key(o) for o in offsets)
    else:
        assert covered == []


@settings(max_examples=300, deadline=None)
@given(now=moments, lead=leads, zone=st.sampled_from(ZONES))
def test_default_nudges_are_at_least_the_gap_apart(now: datetime, lead: timedelta, zone: str):
    times = [n.send_at for n in plan_candidate_nudges(now, now + lead, zone)]
    assert all(b - a >= timedelta(hours=1) for a, b in zip(times, times[1:], strict=False))


@settings(max_examples=300, deadline=None)
@given(now=moments, lead=leads, zone=st.sampled_from(ZONES))
def test_kit_properties(now: datetime, lead: timedelta, zone: str) -> None:
    start = now + lead
    sent = kit_send_time(now, start, zone)
    assert sent >= now
    if sent > now:
        assert sent < start
        assert local(sent, zone).weekday() < 5
        assert in_hours(sent, zone, WORKING_HOURS)


@settings(max_examples=300, deadline=None)
@given(end=moments, zone=st.sampled_from(ZONES), count=st.integers(0, 8))
def test_feedback_reminder_properties(end: datetime, zone: str, count: int) -> None:
    times = feedback_reminder_times(end, zone, max_reminders=count)
    assert len(times) == count
    assert times == sorted(times)
    if times:
        assert times[0] == end + timedelta(hours=1)
    days = [local(t, zone).date() for t in times]
    assert len(set(days)) == len(days)
    for moment in times[1:]:
        assert local(moment, zone).weekday() < 5
        assert in_hours(moment, zone, WORKING_HOURS)
