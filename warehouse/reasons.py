"""Grouping quarantine reasons into kinds, for summaries: the run's report and the dashboard."""

# Quoted values and numbers vary from input to input; the rest of a reason is its kind.
REASON_PATTERN = r"'[^']*'|\"[^\"]*\"|\d+"


def reason_kind(column: str) -> str:
    """SQL for the kind of the quarantine reason in `column` (values replaced by …)."""
    pattern = REASON_PATTERN.replace("'", "''")
    return f"regexp_replace({column}, '{pattern}', '…', 'g')"
