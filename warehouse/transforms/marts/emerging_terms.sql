-- Rewrite marts.emerging_terms for the weeks whose counts or baselines the days in
-- refresh_days change: their own week and the four weeks after it.
CREATE OR REPLACE TEMP TABLE refresh_weeks AS
SELECT DISTINCT CAST(date_trunc('week', day) + to_days(CAST(7 * n AS INTEGER)) AS DATE) AS week
FROM refresh_days, range(0, 5) AS r(n);

CREATE OR REPLACE TEMP TABLE stop_words AS
SELECT unnest(string_split(
    'the,a,an,and,or,but,of,in,on,at,to,for,from,by,with,as,is,are,was,were,be,been,has,have,had,'
    || 'it,its,this,that,these,those,he,she,they,we,you,his,her,their,our,not,no,will,would,can,'
    || 'could,should,may,might,about,after,before,over,into,than,then,also,more,most,says,said,'
    || 'say,new,what,who,how,why,when,where,which,there,here,out,up,down,all,any,some,one,two,'
    || 'three,first,last,year,years,day,days,week,news,latest,live,update,video,photo,watch,'
    || 'view,read,i,me,my,if,so,do,does,did,just,only,very,amid,against,between,during,under,'
    || 'і,й,та,в,у,на,з,із,до,що,не,як,за,про,від,для,по,це,и,в,во,на,с,со,к,о,об,от,по,что,'
    || 'как,не,это,за,для,из,у',
    ',')) AS word;

CREATE OR REPLACE TEMP TABLE article_terms AS
WITH articles AS (
    SELECT article_id,
           CAST(date_trunc('week', CAST(timezone('Europe/Kyiv', published_at) AS DATE)) AS DATE) AS week,
           regexp_extract_all(lower(headline || ' ' || coalesce(lead, '')), '\p{L}[\p{L}''’-]*\p{L}') AS words
    FROM core.articles
    WHERE published_at >= (SELECT min(week) - INTERVAL 29 DAY FROM refresh_weeks)
      AND published_at < (SELECT max(week) + INTERVAL 8 DAY FROM refresh_weeks)
),
unigrams AS (
    SELECT article_id, week, unnest(words) AS term FROM articles
),
bigrams AS (
    SELECT article_id, week,
           unnest(list_transform(range(1, len(words)), i -> [words[i], words[i + 1]])) AS pair
    FROM articles WHERE len(words) > 1
)
SELECT DISTINCT article_id, week, term FROM unigrams
WHERE length(term) > 2 AND term NOT IN (SELECT word FROM stop_words)
UNION
SELECT DISTINCT article_id, week, pair[1] || ' ' || pair[2] FROM bigrams
WHERE pair[1] NOT IN (SELECT word FROM stop_words) AND pair[2] NOT IN (SELECT word FROM stop_words)
  AND length(pair[1]) > 1 AND length(pair[2]) > 1;

DELETE FROM marts.emerging_terms WHERE week IN (SELECT week FROM refresh_weeks);
INSERT INTO marts.emerging_terms
WITH counts AS (
    SELECT week, term, count(*) AS n FROM article_terms GROUP BY ALL
),
totals AS (
    SELECT CAST(date_trunc('week', CAST(timezone('Europe/Kyiv', published_at) AS DATE)) AS DATE) AS week,
           count(*) AS n
    FROM core.articles
    WHERE published_at >= (SELECT min(week) - INTERVAL 29 DAY FROM refresh_weeks)
      AND published_at < (SELECT max(week) + INTERVAL 8 DAY FROM refresh_weeks)
    GROUP BY ALL
),
scored AS (
    SELECT w.week, c.term, c.n AS a,
           coalesce((SELECT sum(b.n) FROM counts AS b
                     WHERE b.term = c.term AND b.week >= w.week - INTERVAL 28 DAY AND b.week < w.week), 0) AS b,
           t.n AS c_total,
           coalesce((SELECT sum(t2.n) FROM totals AS t2
                     WHERE t2.week >= w.week - INTERVAL 28 DAY AND t2.week < w.week), 0) AS d_total
    FROM refresh_weeks AS w
    JOIN counts AS c ON c.week = w.week
    JOIN totals AS t ON t.week = w.week
    WHERE c.n >= 5
),
g2 AS (
    SELECT week, term, a, b, c_total, d_total,
           c_total * (a + b) / (c_total + d_total) AS e1,
           d_total * (a + b) / (c_total + d_total) AS e2
    FROM scored
    WHERE d_total > 0 AND a / c_total > b / d_total
)
, ranked AS (
    SELECT week, term, a AS articles, b / 4.0 AS baseline,
           round(2 * (a * ln(a / e1) + CASE WHEN b > 0 THEN b * ln(b / e2) ELSE 0 END), 3) AS ll
    FROM g2
)
SELECT week, term, articles, baseline, ll,
       CAST(row_number() OVER (PARTITION BY week ORDER BY ll DESC, term) AS INTEGER)
FROM ranked
QUALIFY row_number() OVER (PARTITION BY week ORDER BY ll DESC, term) <= 25;
