-- Drop change-log rows that every consumer has applied.
DELETE FROM ops.changed_articles
WHERE build_seq <= (
    SELECT CASE WHEN count(*) = 2 THEN min(build_seq) ELSE 0 END
    FROM ops.watermarks WHERE consumer IN ('marts.daily_volume', 'core.near_duplicates')
);
