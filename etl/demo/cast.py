"""Who held which office when, for the synthetic demo corpus.

Templates ask for a role ("ua_defence_minister") and get whoever held it on
the article's date, so the demo shows officials changing roles (Umerov moves
from Defence Minister to NSDC Secretary in July 2025). The demo corpus is
synthetic: names are real, events and quotes are invented.
"""

from __future__ import annotations

from datetime import date

# role -> [(full name, surname, title, valid_from, valid_to)]; valid_to is exclusive.
ROLES: dict[str, list[tuple[str, str, str, date, date]]] = {
    "ua_president": [
        (
            "Volodymyr Zelenskyy",
            "Zelenskyy",
            "President of Ukraine",
            date(2019, 5, 20),
            date(2099, 1, 1),
        ),
    ],
    "ua_prime_minister": [
        (
            "Denys Shmyhal",
            "Shmyhal",
            "Prime Minister of Ukraine",
            date(2020, 3, 4),
            date(2025, 7, 17),
        ),
        (
            "Yulia Svyrydenko",
            "Svyrydenko",
            "Prime Minister of Ukraine",
            date(2025, 7, 17),
            date(2099, 1, 1),
        ),
    ],
    "ua_defence_minister": [
        (
            "Rustem Umerov",
            "Umerov",
            "Minister of Defense of Ukraine",
            date(2023, 9, 6),
            date(2025, 7, 17),
        ),
        (
            "Denys Shmyhal",
            "Shmyhal",
            "Minister of Defense of Ukraine",
            date(2025, 7, 17),
            date(2099, 1, 1),
        ),
    ],
    "ua_nsdc_secretary": [
        (
            "Oleksandr Lytvynenko",
            "Lytvynenko",
            "Secretary of the NSDC",
            date(2024, 3, 26),
            date(2025, 7, 17),
        ),
        ("Rustem Umerov", "Umerov", "Secretary of the NSDC", date(2025, 7, 17), date(2099, 1, 1)),
    ],
    "ua_foreign_minister": [
        (
            "Dmytro Kuleba",
            "Kuleba",
            "Foreign Minister of Ukraine",
            date(2020, 3, 4),
            date(2024, 9, 5),
        ),
        (
            "Andrii Sybiha",
            "Sybiha",
            "Foreign Minister of Ukraine",
            date(2024, 9, 5),
            date(2099, 1, 1),
        ),
    ],
    "ua_presidential_office": [
        (
            "Andriy Yermak",
            "Yermak",
            "Head of the Presidential Office",
            date(2020, 2, 11),
            date(2025, 11, 28),
        ),
        (
            "Kyrylo Budanov",
            "Budanov",
            "Head of the Presidential Office",
            date(2025, 11, 28),
            date(2099, 1, 1),
        ),
    ],
    "ua_commander": [
        (
            "Oleksandr Syrskyi",
            "Syrskyi",
            "Commander-in-Chief of the Armed Forces",
            date(2024, 2, 8),
            date(2099, 1, 1),
        ),
    ],
    "ua_ombudsman": [
        (
            "Dmytro Lubinets",
            "Lubinets",
            "Verkhovna Rada Human Rights Commissioner",
            date(2022, 7, 1),
            date(2099, 1, 1),
        ),
    ],
    "ua_speaker": [
        (
            "Ruslan Stefanchuk",
            "Stefanchuk",
            "Chairman of the Verkhovna Rada",
            date(2021, 10, 8),
            date(2099, 1, 1),
        ),
    ],
    "ru_president": [
        ("Vladimir Putin", "Putin", "Russian President", date(2012, 5, 7), date(2099, 1, 1)),
    ],
    "ru_foreign_minister": [
        ("Sergei Lavrov", "Lavrov", "Russian Foreign Minister", date(2004, 3, 9), date(2099, 1, 1)),
    ],
    "ru_spokesman": [
        ("Dmitry Peskov", "Peskov", "Kremlin spokesman", date(2012, 5, 22), date(2099, 1, 1)),
    ],
    "ru_negotiator": [
        (
            "Vladimir Medinsky",
            "Medinsky",
            "head of the Russian delegation",
            date(2022, 2, 28),
            date(2099, 1, 1),
        ),
    ],
    "us_president": [
        ("Joe Biden", "Biden", "US President", date(2021, 1, 20), date(2025, 1, 20)),
        ("Donald Trump", "Trump", "US President", date(2025, 1, 20), date(2099, 1, 1)),
    ],
    "us_secretary_of_state": [
        (
            "Antony Blinken",
            "Blinken",
            "US Secretary of State",
            date(2021, 1, 26),
            date(2025, 1, 20),
        ),
        ("Marco Rubio", "Rubio", "US Secretary of State", date(2025, 1, 21), date(2099, 1, 1)),
    ],
    "us_envoy": [
        (
            "Antony Blinken",
            "Blinken",
            "US Secretary of State",
            date(2021, 1, 26),
            date(2025, 1, 20),
        ),
        ("Steve Witkoff", "Witkoff", "US Special Envoy", date(2025, 1, 20), date(2099, 1, 1)),
    ],
    "de_chancellor": [
        ("Olaf Scholz", "Scholz", "German Chancellor", date(2021, 12, 8), date(2025, 5, 6)),
        ("Friedrich Merz", "Merz", "German Chancellor", date(2025, 5, 6), date(2099, 1, 1)),
    ],
    "fr_president": [
        ("Emmanuel Macron", "Macron", "French President", date(2017, 5, 14), date(2099, 1, 1)),
    ],
    "uk_prime_minister": [
        ("Rishi Sunak", "Sunak", "British Prime Minister", date(2022, 10, 25), date(2024, 7, 5)),
        ("Keir Starmer", "Starmer", "British Prime Minister", date(2024, 7, 5), date(2099, 1, 1)),
    ],
    "nato_secretary_general": [
        (
            "Jens Stoltenberg",
            "Stoltenberg",
            "NATO Secretary General",
            date(2014, 10, 1),
            date(2024, 10, 1),
        ),
        ("Mark Rutte", "Rutte", "NATO Secretary General", date(2024, 10, 1), date(2099, 1, 1)),
    ],
    "eu_commission_president": [
        (
            "Ursula von der Leyen",
            "von der Leyen",
            "European Commission President",
            date(2019, 12, 1),
            date(2099, 1, 1),
        ),
    ],
    "eu_foreign_policy_chief": [
        (
            "Josep Borrell",
            "Borrell",
            "EU foreign policy chief",
            date(2019, 12, 1),
            date(2024, 12, 1),
        ),
        ("Kaja Kallas", "Kallas", "EU foreign policy chief", date(2024, 12, 1), date(2099, 1, 1)),
    ],
    "tr_president": [
        (
            "Recep Tayyip Erdogan",
            "Erdogan",
            "Turkish President",
            date(2014, 8, 28),
            date(2099, 1, 1),
        ),
    ],
}


def holder(role: str, on: date) -> tuple[str, str, str]:
    """(full name, surname, title) of whoever held `role` on `on`."""
    for full, surname, title, start, end in ROLES[role]:
        if start <= on < end:
            return full, surname, title
    full, surname, title, *_ = ROLES[role][-1]
    return full, surname, title
