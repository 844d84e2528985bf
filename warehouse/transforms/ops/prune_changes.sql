-- Drop change-log rows that every consumer ($consumers) has applied.
DELETE FROM ops.changed_articles
WHERE build_seq <= (
    SELECT CASE WHEN count(*) = len($consumers) THEN min(build_seq) ELSE 0 END
    FROM ops.watermarks WHERE list_contains($consumers, consumer)
);
