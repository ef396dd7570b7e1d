"""Bench: a panel plan and its interviewer kits for a panel of six (HM + 5), for every role.

Target: under 5 ms per plan + kits. Prints mean and p99 per role, warm (the bank object's caches
filled, as in a long-running worker) and cold (a fresh bank object, as after a reload: its signal
table and question choices are rebuilt), the ratio of warm mean to a bare baseline measured in the
same run (building the same inputs without planning), and the machine's load average, since p99
on a busy machine mostly measures the neighbours. Never asserts; it reports.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plugin.domain.panel import build_kits, plan_panel  # noqa: E402
from plugin.domain.question_bank import QuestionBank, load_bank  # noqa: E402

TARGET_MS = 5.0
ITERATIONS = 1000
COLD_ITERATIONS = 200
HIRING_MANAGER = "U0HM"
INTERVIEWERS = ["U01", "U02", "U03", "U04", "U05"]
PICKED = ["adaptability"]
CONCERNS = (
    "Strong technical depth, but vague about her own part in the migration. "
    "Blamed the previous team for the outage.\n"
    "- Struggled to prioritise when I pushed on the deadline.\n"
    "- Talked over me a couple of times; worth probing how she handles disagreement."
)


def baseline(role_id: str, competencies: tuple[str, ...], i: int) -> object:
    """The same inputs a plan takes, built and copied, with no planning."""
    return {
        "handoff_id": f"handoff-{i}",
        "role_competencies": list(competencies),
        "concern_competencies": list(PICKED),
        "picked_competencies": list(PICKED),
        "hiring_manager": HIRING_MANAGER,
        "interviewers": list(INTERVIEWERS),
        "concerns": CONCERNS.split("\n"),
        "role_id": role_id,
    }


def plan_and_kits(
    bank: QuestionBank, role_id: str, competencies: tuple[str, ...], i: int
) -> object:
    """What a worker does for one hand-off: concerns to competencies, the plan, then the kits."""
    plan = plan_panel(
        handoff_id=f"handoff-{i}",
        role_competencies=competencies,
        concern_competencies=bank.competencies_for_concerns(CONCERNS),
        picked_competencies=PICKED,
        hiring_manager=HIRING_MANAGER,
        interviewers=INTERVIEWERS,
    )
    return build_kits(bank, plan, role_id, concerns_text=CONCERNS)


def timings(
    run: Callable[[int], object], iterations: int, fresh: Callable[[], None]
) -> list[float]:
    """Milliseconds per call; `fresh` runs untimed before each call."""
    samples = []
    for i in range(iterations):
        fresh()
        start = time.perf_counter()
        run(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main() -> None:
    shipped = load_bank()
    state = {"bank": shipped}

    def new_bank() -> None:
        state["bank"] = QuestionBank(shipped.competencies, shipped.roles)

    def keep() -> None:
        state["bank"] = shipped

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"panel of {1 + len(INTERVIEWERS)}, target {TARGET_MS:.1f} ms per plan + kits")
    print(f"{ITERATIONS} warm / {COLD_ITERATIONS} cold runs per role; load average {load}")
    header = f"{'role':<22}{'warm mean':>11}{'warm p99':>10}{'cold mean':>11}{'cold p99':>10}"
    print(header + f"{'baseline':>10}{'ratio':>8}")
    all_warm: list[float] = []
    all_cold: list[float] = []
    for role in shipped.roles.values():
        competencies = role.competencies
        plan_and_kits(shipped, role.id, competencies, -1)
        warm = timings(
            lambda i, r=role.id, c=competencies: plan_and_kits(state["bank"], r, c, i),
            ITERATIONS,
            keep,
        )
        cold = timings(
            lambda i, r=role.id, c=competencies: plan_and_kits(state["bank"], r, c, i),
            COLD_ITERATIONS,
            new_bank,
        )
        base = timings(lambda i, r=role.id, c=competencies: baseline(r, c, i), ITERATIONS, keep)
        base_mean = statistics.fmean(base)
        warm_mean = statistics.fmean(warm)
        all_warm += warm
        all_cold += cold
        print(
            f"{role.id:<22}{warm_mean:>9.3f}ms{p99(warm):>8.3f}ms"
            f"{statistics.fmean(cold):>9.3f}ms{p99(cold):>8.3f}ms"
            f"{base_mean * 1000:>8.2f}µs{warm_mean / base_mean:>7.0f}x"
        )
    worst = max(p99(all_warm), p99(all_cold))
    verdict = "meets" if worst < TARGET_MS else "MISSES"
    print(
        f"all roles: warm mean {statistics.fmean(all_warm):.3f} ms, p99 {p99(all_warm):.3f} ms; "
        f"cold mean {statistics.fmean(all_cold):.3f} ms, p99 {p99(all_cold):.3f} ms"
    )
    print(f"p99 {worst:.3f} ms: {verdict} the {TARGET_MS:.1f} ms target")


if __name__ == "__main__":
    main()
