"""The baseline job for bench_delivery: takes a hand-off ID like deliver_brief, does nothing."""


def noop(handoff_id):
    """Return at once; RQ's own cost per job is all that is left."""
    return None
