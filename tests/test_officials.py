"""The officials reference as shipped, its validation, and mentions through the pipeline."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from etl.evaluation.items import load_items
from etl.evaluation.mentions import score_mentions
from etl.officials.matcher import OfficialMatcher
from etl.officials.reference import OfficialsError, load_officials
from tests.conftest import SHARED, WIREWATCH
from warehouse.connect import open_published
from wirewatch.home import Home
from wirewatch.pipeline import run_pipeline

CORPORA = SHARED / "corpora"
DEV_SET = Path(__file__).parent / "dev_sets" / "mentions_dev.jsonl"
REQUIRED = [
    "zelenskyy",
    "yermak",
    "umerov",
    "sybiha",
    "kuleba",
    "shmyhal",
    "svyrydenko",
    "syrskyi",
    "zaluzhnyi",
    "budanov",
    "reznikov",
    "klitschko",
    "stefanchuk",
    "lubinets",
    "danilov",
    "podolyak",
    "putin",
    "lavrov",
    "peskov",
    "medinsky",
    "shoigu",
    "belousov",
    "gerasimov",
    "medvedev",
    "zakharova",
    "ushakov",
    "dmitriev",
    "lukashenko",
    "trump",
    "biden",
    "rubio",
    "witkoff",
    "kellogg",
    "vance",
    "blinken",
    "austin",
    "hegseth",
    "harris",
    "merz",
    "scholz",
    "macron",
    "starmer",
    "johnson",
    "sunak",
    "erdogan",
    "fidan",
    "von_der_leyen",
    "kallas",
    "costa",
    "stoltenberg",
    "rutte",
    "orban",
    "duda",
    "tusk",
    "meloni",
    "xi_jinping",
    "guterres",
]


def test_the_shipped_reference_covers_the_officials_analysts_ask_for() -> None:
    reference = load_officials()
    assert len(reference.officials) >= 60
    assert set(REQUIRED) <= set(reference.by_id)
    umerov = reference.by_id["umerov"]
    held = {r.role: (r.valid_from, r.valid_to) for r in umerov.roles}
    defence = next(v for k, v in held.items() if "Defen" in k)
    assert defence == (date(2023, 9, 6), date(2025, 7, 17))
    assert any(v == (date(2025, 7, 17), None) for v in held.values())
    for official in reference.officials:
        assert any(any("\u0400" <= c <= "\u04ff" for c in a) for a in official.aliases), (
            f"{official.id} has no Cyrillic form"
        )


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("officials: []", "officials: List should have at least 1 item"),
        (
            "officials:\n  - {id: Bad Id, name: X, country: Y, full_names: [X]}",
            "officials[0] (Bad Id).id: String should match pattern",
        ),
        (
            (
                "officials:\n  - id: x\n    name: X\n    country: Y\n    full_names: [X]\n"
                "    roles: [{role: R, organisation: O, valid_from: 2024-05-01, valid_to: 2024-01-01}]"
            ),
            "officials[0] (x).roles[0]: Value error, valid_to 2024-01-01 is not after valid_from",
        ),
        (
            (
                "officials:\n  - {id: a, name: A, country: Y, full_names: [Same Name]}\n"
                "  - {id: b, name: B, country: Y, full_names: [Same Name]}"
            ),
            "'Same Name' is a full name or title of both a and b",
        ),
        ("officials:\n  - {id: a, name: A, country: Y, full_names: [A], nickname: x}", "nickname"),
    ],
)
def test_a_broken_reference_is_refused_with_where_and_why(
    tmp_path: Path, yaml_text: str, message: str
) -> None:
    path = tmp_path / "officials.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(OfficialsError) as error:
        load_officials(path)
    assert str(path) in str(error.value) and message in str(error.value)


PAGE = """Kyiv Wire
Politics
{time}

{headline}

{body}
"""


def _page(folder: Path, name: str, time: str, headline: str, body: str) -> None:
    (folder / name).write_text(PAGE.format(time=time, headline=headline, body=body), "utf-8")


def test_mentions_quotes_and_marts_through_the_pipeline(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _page(
        inbox,
        "a.txt",
        "10:00 01.05.2024",
        "Umerov meets Austin in Brussels",
        "Ukraine's defence minister Rustem Umerov met Lloyd Austin. "
        "“We need more air defence now,” Umerov said. Melania Trump was not there.",
    )
    _page(
        inbox,
        "b.txt",
        "09:00 20.08.2025",
        "Ukraine's defence minister visits Kharkiv",
        "The NSDC secretary, meanwhile, met Zelenskyy.",
    )
    home = Home.resolve(tmp_path / "home")
    run_pipeline(home, [str(inbox)])

    con = open_published(home)
    try:
        mentions = con.sql("""
            SELECT a.headline, m.official_id, m.field, m.method, m.matched_text
            FROM core.mentions m JOIN core.articles a USING (article_id)
            ORDER BY a.published_at, m.field, m."start"
        """).fetchall()
        first, second = (
            "Umerov meets Austin in Brussels",
            "Ukraine's defence minister visits Kharkiv",
        )
        # A one-paragraph page is all lead; "Ukraine's defence minister Rustem Umerov"
        # is one name mention, and the 2025 headline's minister is Shmyhal.
        assert mentions == [
            (first, "umerov", "headline", "name", "Umerov"),
            (first, "austin", "headline", "name", "Austin"),
            (first, "umerov", "lead", "name", "Rustem Umerov"),
            (first, "austin", "lead", "name", "Lloyd Austin"),
            (first, "umerov", "lead", "name", "Umerov"),
            (second, "shmyhal", "headline", "role", "Ukraine's defence minister"),
            (second, "umerov", "lead", "role", "NSDC secretary"),
            (second, "zelenskyy", "lead", "name", "Zelenskyy"),
        ]
        quotes = con.sql("SELECT official_id, quote, cue FROM core.quotes").fetchall()
        assert quotes == [("umerov", "We need more air defence now", "said")]
        daily = con.sql("""
            SELECT day, official_id, articles, mentions, role_mentions
            FROM marts.daily_official_mentions ORDER BY day, official_id
        """).fetchall()
        assert daily == [
            (date(2024, 5, 1), "austin", 1, 2, 0),
            (date(2024, 5, 1), "umerov", 1, 3, 0),
            (date(2025, 8, 20), "shmyhal", 1, 1, 1),
            (date(2025, 8, 20), "umerov", 1, 1, 1),
            (date(2025, 8, 20), "zelenskyy", 1, 1, 0),
        ]
        pairs = con.sql("SELECT * FROM marts.official_cooccurrence ORDER BY ALL").fetchall()
        assert pairs == [
            ("austin", "umerov", date(2024, 5, 1), 1),
            ("shmyhal", "umerov", date(2025, 8, 20), 1),
            ("shmyhal", "zelenskyy", date(2025, 8, 20), 1),
            ("umerov", "zelenskyy", date(2025, 8, 20), 1),
        ]
    finally:
        con.close()


def test_an_analysts_new_alias_rematches_every_article(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _page(inbox, "a.txt", "10:00 01.05.2024", "Grain talks", "The Tsar spoke with Putin again.")
    home = Home.resolve(tmp_path / "home").prepare()
    run_pipeline(home, [str(inbox)])
    count = "SELECT count(*) FROM core.mentions WHERE official_id = 'putin'"
    con = open_published(home)
    assert con.execute(count).fetchone() == (1,)
    con.close()

    shipped = load_officials()
    data = json.loads(shipped.model_dump_json())
    putin = next(o for o in data["officials"] if o["id"] == "putin")
    putin["titles"] = [*putin["titles"], "The Tsar"]
    home.officials_yaml.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    run_pipeline(home, [])

    con = open_published(home)
    assert con.execute(count).fetchone() == (2,)
    daily = "SELECT mentions FROM marts.daily_official_mentions WHERE official_id = 'putin'"
    assert con.execute(daily).fetchone() == (2,)
    con.close()


@pytest.mark.skipif(not CORPORA.exists(), reason=f"shared corpora not on this machine ({CORPORA})")
def test_the_development_set_scores_at_the_published_targets() -> None:
    labelled = load_items(DEV_SET, CORPORA)
    assert labelled.changed == [] and len(labelled.items) >= 150
    scores = score_mentions(OfficialMatcher(load_officials()), labelled)
    assert scores.article.precision >= 0.99 and scores.article.recall >= 0.98
    assert scores.mention.f1 >= 0.97
    assert scores.role.f1 >= 0.70


def test_eval_scores_a_labelled_file_and_reports_changed_texts(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "news.csv").write_text(
        "title,text,date\n"
        "Putin meets Lukashenko,Melania Trump was not there. Putin spoke first.,2024-05-01\n"
        "Grain prices rise,Zelenskyy said nothing.,2024-05-02\n",
        encoding="utf-8",
    )
    fields = {"headline": "title", "body": "text"}

    def pointer(row: int, text: str, mentions: dict, sha: str | None = None) -> str:
        digest = sha or hashlib.sha256(text.encode()).hexdigest()
        return json.dumps({
            "item": row + 1, "file": "news.csv", "row": row, "fields": fields,
            "max_chars": None, "published": "2024-05-01", "sha256": digest,
            "mentions": mentions, "roles": {},
        })  # fmt: skip

    labelled = tmp_path / "dev.jsonl"
    labelled.write_text(
        "\n".join(
            [
                json.dumps({"labelled_officials": ["putin", "lukashenko", "trump", "zelenskyy"]}),
                pointer(
                    0,
                    "Putin meets Lukashenko\n\nMelania Trump was not there. Putin spoke first.",
                    {"putin": 2, "lukashenko": 1},
                ),
                pointer(1, "", {"zelenskyy": 1}, sha="0" * 64),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(WIREWATCH), "eval", "mentions", str(labelled), "--corpora", str(corpora)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "items scored: 1 (text changed, skipped: [2])" in result.stdout
    assert re.search(r"names, article level\s+1\.000\s+1\.000\s+1\.000\s+2\s+0\s+0", result.stdout)
