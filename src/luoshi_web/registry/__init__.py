"""The registry app: documents, tasks, targets, units, reporting cycles, audit."""
