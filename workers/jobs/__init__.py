"""RQ job functions. Each takes IDs, re-reads state and is safe to run twice."""
