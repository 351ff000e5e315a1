"""Stage 6: extraction of tasks, targets and references from a parsed document."""
