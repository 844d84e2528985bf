"""What the synthetic demo corpus writes about, and when each thread is loud.

Each topic has headline, sentence and quote templates plus an intensity curve
over time, so the dashboard shows believable rises and falls (prisoner swaps
in bursts, peace talks through 2025, energy in winter). Placeholders:
`{S:role}` surname and `{F:role}` title and full name of the role's holder on
the article's date; `{n}` a number; `{city}`, `{region}`, `{country}`.
"""

from __future__ import annotations

import math
from datetime import date

CITIES = [
    "Kharkiv",
    "Zaporizhzhia",
    "Odesa",
    "Dnipro",
    "Sumy",
    "Kherson",
    "Kyiv",
    "Lviv",
    "Mykolaiv",
    "Chernihiv",
    "Kramatorsk",
    "Pokrovsk",
    "Kostiantynivka",
    "Poltava",
]
REGIONS = [
    "Donetsk",
    "Kharkiv",
    "Zaporizhzhia",
    "Kherson",
    "Sumy",
    "Dnipropetrovsk",
    "Odesa",
    "Chernihiv",
    "Mykolaiv",
    "Kyiv",
]
COUNTRIES = [
    "Germany",
    "France",
    "the UK",
    "Poland",
    "Denmark",
    "the Netherlands",
    "Sweden",
    "Norway",
    "Canada",
    "Japan",
    "Finland",
    "Lithuania",
    "Czechia",
    "Italy",
    "Spain",
]

# Opening details that make each article's text its own, as real reports are:
# the demo's topic sentences are shared, so without them every swap story would
# read as a near-copy of the last one.
DATELINES = [
    "Reporting from {city} on {weekday}, our correspondent counted {n} people at the site.",
    "The {weekday} statement came {n} hours after officials in {region} region first spoke.",
    "{n} reporters from {country} and Ukraine attended the briefing in {city} on {weekday}.",
    "Local authorities in {city} gave their own figures on {weekday}, citing {n} sources.",
    "The news broke on {weekday} morning as residents of {city} reported {n} explosions.",
    "Officials in {region} region said on {weekday} that {n} requests were still pending.",
    "A delegation from {country} arrived in {city} on {weekday} with {n} experts.",
    "On {weekday}, {n} families in {city} were still waiting for news of their relatives.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TOPICS: dict[str, dict[str, list[str]]] = {
    "pow_exchange": {
        "headlines": [
            "Ukraine returns {n} defenders from Russian captivity in new exchange",
            "{S:ua_president}: {n} of our people are home after prisoner swap",
            "Coordination HQ: exchange brings back {n} soldiers and civilians",
            "{S:ua_ombudsman} reports violations against Ukrainian POWs held in {region} region",
            "{S:ua_defence_minister} on swap: lists formed by one criterion, saving lives",
            "Bodies of {n} fallen defenders repatriated to Ukraine",
            "{S:ua_nsdc_secretary}: next stage of exchange expected within days",
        ],
        "sentences": [
            "The exchange took place with mediation from the United Arab Emirates, the Coordination Headquarters for the Treatment of Prisoners of War said.",
            "Among those returned are defenders of Mariupol, border guards and National Guard servicemen.",
            "{F:ua_ombudsman} said Russia continues to deny the International Committee of the Red Cross access to prisoners.",
            "According to the headquarters, {n} people have been returned home since the start of the full-scale invasion.",
            "Relatives of the missing are asked to contact the headquarters with any new information.",
        ],
        "quotes": [
            "We are bringing our people home step by step. Nobody is forgotten",
            "Every exchange is the result of coordinated work of all institutions",
        ],
        "tags": ["prisoner_exchange", "pow"],
    },
    "peace_talks": {
        "headlines": [
            "{S:ua_foreign_minister}: Ukraine ready for ceasefire if Russia stops strikes",
            "{S:us_envoy} to meet {S:ru_president} in Moscow, {S:ru_spokesman} confirms",
            "{S:us_president} says peace deal with Russia is close, {S:ua_president} wants guarantees",
            "Delegations meet in Istanbul; {S:ru_negotiator} heads Russian side",
            "{S:ua_presidential_office}: security guarantees must come before any agreement",
            "{S:ru_foreign_minister} rejects European proposals for {n}-day truce",
            "{S:us_secretary_of_state} and {S:ua_foreign_minister} discuss peace framework in Geneva",
            "{S:ua_nsdc_secretary} leads Ukrainian team at talks with US delegation",
        ],
        "sentences": [
            "The sides discussed a possible ceasefire, humanitarian issues and the return of deported children.",
            "{F:ua_president} said Ukraine will not recognize occupied territories as Russian.",
            "{F:ru_spokesman} said it was premature to talk about a meeting at the level of leaders.",
            "European partners insisted on an unconditional ceasefire of at least {n} days.",
            "{F:us_envoy} described the talks as constructive, according to the White House.",
            "The next round of consultations is expected in {country} at the level of national security advisers.",
        ],
        "quotes": [
            "Peace must be just and lasting, not a pause before a new war",
            "We are ready for any format that brings real peace closer",
        ],
        "tags": ["peace_talks", "negotiations"],
    },
    "military_aid": {
        "headlines": [
            "{country} to fund {n} air defense interceptors for Ukraine",
            "{S:ua_defence_minister} discusses drone production with partners from {country}",
            "New aid package includes artillery ammunition and armored vehicles",
            "{S:ua_president} thanks {country} for Patriot systems",
            "Ramstein: partners pledge EUR {n} mln for Ukraine's defense industry",
            "{S:ua_defence_minister}: Ukraine to produce {n} thousand long-range drones this year",
        ],
        "sentences": [
            "The package includes air defense missiles, artillery shells and drones, the ministry said.",
            "{F:ua_defence_minister} said the priority remains strengthening air defense ahead of winter.",
            "Part of the funding comes from proceeds of frozen Russian assets.",
            "The Danish model of financing Ukrainian weapons production is being extended to other partners.",
            "Deliveries are expected to begin within {n} weeks.",
        ],
        "quotes": [
            "Air defense saves lives and protects our critical infrastructure",
            "Our defense industry can produce far more if partners invest",
        ],
        "tags": ["military_aid", "air_defense"],
    },
    "frontline": {
        "headlines": [
            "General Staff: {n} combat clashes on the front over past day",
            "Defense forces repel assaults near {city}",
            "Russia launches {n} drones and missiles overnight; air defense downs most",
            "{S:ua_commander}: situation in {city} direction remains difficult",
            "Ukrainian drones hit oil refinery deep inside Russia",
            "Enemy advances near {city}, analysts say",
        ],
        "sentences": [
            "The heaviest fighting continued in the {city} direction, the General Staff said.",
            "Air defense destroyed {n} attack drones, according to the Air Force.",
            "{F:ua_commander} said reserves had been moved to stabilize the line.",
            "The enemy used glide bombs against positions in {region} region.",
            "Russian losses over the past day amounted to {n} personnel, according to Ukrainian estimates.",
        ],
        "quotes": [
            "The enemy is trying to exploit every gap, but our units are holding",
            "We are destroying the enemy's logistics and command posts",
        ],
        "tags": ["frontline", "general_staff"],
    },
    "civilian_harm": {
        "headlines": [
            "Russian strike on {city} kills {n}, injures dozens",
            "{n} people killed, injured over past day in {region} region",
            "Evacuation continues from frontline communities of {region} region",
            "UN: civilian casualties in Ukraine rose in recent months",
            "{S:ua_ombudsman} calls on ICRC to act on deported children",
        ],
        "sentences": [
            "Rescuers continued clearing rubble, the State Emergency Service said.",
            "A residential building and a school were damaged in the attack.",
            "Regional authorities declared a day of mourning.",
            "Humanitarian organizations delivered water and generators to the affected area.",
            "{n} families have been evacuated over the past week.",
        ],
        "quotes": [
            "This is deliberate terror against civilians",
            "Every strike on a city is a war crime and must be punished",
        ],
        "tags": ["civilians", "humanitarian"],
    },
    "sanctions_economy": {
        "headlines": [
            "EU approves {n}th sanctions package against Russia",
            "{S:eu_commission_president}: frozen Russian assets will finance Ukraine",
            "{S:ua_prime_minister}: budget receives EUR {n} mln from partners",
            "US sanctions target Russian oil companies and shadow fleet",
            "IMF mission agrees next review with Ukraine",
        ],
        "sentences": [
            "The measures target Russia's energy revenue and the shadow fleet of tankers.",
            "{F:ua_prime_minister} said the funds will cover social and defense spending.",
            "The National Bank kept its key rate unchanged at {n}%.",
            "Exports through the Ukrainian sea corridor increased in the past month.",
            "The loan is to be repaid from proceeds of immobilized Russian assets.",
        ],
        "quotes": [
            "Sanctions must hit the aggressor's war economy hard",
            "Financial stability is part of our defense",
        ],
        "tags": ["sanctions", "economy"],
    },
    "energy": {
        "headlines": [
            "Massive attack on energy: outages in {n} regions",
            "Ukrenergo announces power outage schedules for {region} region",
            "Zaporizhzhia NPP loses off-site power again, IAEA says",
            "{country} provides equipment for restoring Ukraine's grid",
            "Naftogaz imports gas ahead of heating season",
        ],
        "sentences": [
            "Power engineers are working to restore supply to {n} thousand consumers.",
            "Consumers are asked to use electricity sparingly during peak hours.",
            "The IAEA mission reported the station was again relying on diesel generators.",
            "Gas reserves in underground storage reached {n} billion cubic meters.",
            "The attack damaged generation and transmission facilities.",
        ],
        "quotes": [
            "The enemy is again trying to leave Ukrainians without light and heat",
            "We are preparing for winter with partners' support",
        ],
        "tags": ["energy", "ukrenergo"],
    },
    "corruption_justice": {
        "headlines": [
            "NABU exposes scheme in {region} region procurement worth UAH {n} mln",
            "HACC arrests former official in bribery case",
            "Prosecutors charge ex-director over inflated drone prices",
            "Verkhovna Rada restores independence of anti-corruption bodies",
            "SAPO: suspects in energy sector case notified of suspicion",
        ],
        "sentences": [
            "According to the investigation, the suspects received UAH {n} mln in unlawful benefits.",
            "The High Anti-Corruption Court set bail at UAH {n} mln.",
            "Searches were conducted in {city} and Kyiv.",
            "The case concerns procurement for the needs of the Armed Forces.",
        ],
        "quotes": [
            "There will be no tolerance for corruption during the war",
            "Independent anti-corruption institutions are a condition of our European path",
        ],
        "tags": ["corruption", "nabu"],
    },
    "domestic_politics": {
        "headlines": [
            "Verkhovna Rada appoints {S:ua_prime_minister} government",
            "{S:ua_speaker}: elections only after the end of martial law",
            "Parliament extends martial law and mobilization for {n} days",
            "{S:ua_president} signs decree on new appointments",
            "Cabinet reshuffle: {S:ua_defence_minister} takes over defense ministry",
        ],
        "sentences": [
            "{n} deputies voted in favor of the decision.",
            "{F:ua_speaker} said the parliament will consider the bill in the second reading next week.",
            "The changes concern the rules of mobilization and deferrals.",
            "The opposition criticized the speed of the appointments.",
        ],
        "quotes": [
            "The state must work efficiently during the war",
            "Decisions must strengthen our defense and our institutions",
        ],
        "tags": ["verkhovna_rada", "government"],
    },
    "nato_eu": {
        "headlines": [
            "{S:nato_secretary_general}: Ukraine's path to NATO is irreversible",
            "EU opens first cluster of accession talks with Ukraine",
            "{S:eu_foreign_policy_chief} proposes EUR {n} bln military aid fund",
            "NATO summit in {country}: allies pledge support for Ukraine",
            "{S:ua_foreign_minister} meets {S:nato_secretary_general} in Brussels",
        ],
        "sentences": [
            "{F:nato_secretary_general} said allies will continue to support Ukraine for as long as it takes.",
            "The European Council is expected to decide on the next steps of accession.",
            "Hungary continues to block the decision, diplomats said.",
            "Defense ministers of {n} countries took part in the meeting.",
        ],
        "quotes": [
            "Ukraine's future is in the European Union and NATO",
            "A strong Ukraine is the best security guarantee for Europe",
        ],
        "tags": ["nato", "eu"],
    },
}

# (topic, peak date, width in days, height): bursts added to each topic's baseline.
EVENTS: list[tuple[str, date, int, float]] = [
    ("pow_exchange", date(2024, 8, 24), 4, 6.0),
    ("pow_exchange", date(2024, 10, 18), 4, 5.0),
    ("pow_exchange", date(2025, 5, 24), 6, 10.0),
    ("pow_exchange", date(2025, 8, 14), 4, 5.0),
    ("pow_exchange", date(2025, 10, 2), 4, 5.0),
    ("peace_talks", date(2025, 2, 20), 25, 3.0),
    ("peace_talks", date(2025, 5, 16), 18, 5.0),
    ("peace_talks", date(2025, 8, 15), 12, 5.0),
    ("peace_talks", date(2025, 11, 25), 15, 5.0),
    ("military_aid", date(2024, 9, 6), 8, 2.0),
    ("military_aid", date(2025, 7, 15), 14, 2.5),
    ("nato_eu", date(2024, 7, 10), 6, 5.0),
    ("nato_eu", date(2025, 6, 25), 6, 5.0),
    ("corruption_justice", date(2025, 7, 24), 8, 5.0),
    ("corruption_justice", date(2025, 11, 12), 12, 5.0),
    ("domestic_politics", date(2024, 9, 4), 5, 4.0),
    ("domestic_politics", date(2025, 7, 17), 6, 6.0),
    ("frontline", date(2024, 8, 10), 20, 1.5),
    ("civilian_harm", date(2025, 4, 13), 5, 2.0),
]

BASELINE = {
    "pow_exchange": 0.4,
    "peace_talks": 0.6,
    "military_aid": 1.2,
    "frontline": 2.2,
    "civilian_harm": 1.4,
    "sanctions_economy": 0.9,
    "energy": 0.7,
    "corruption_justice": 0.5,
    "domestic_politics": 0.6,
    "nato_eu": 0.5,
}


def topic_weights(day: date) -> dict[str, float]:
    """Relative attention each topic gets on `day`: baseline, seasons and events."""
    weights = dict(BASELINE)
    winter = math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)
    weights["energy"] *= 1 + 1.5 * max(winter, 0)
    if day >= date(2025, 1, 20):
        weights["peace_talks"] *= 2.0
    for topic, peak, width, height in EVENTS:
        distance = (day - peak).days
        if abs(distance) <= 4 * width:
            weights[topic] += height * math.exp(-0.5 * (distance / width) ** 2)
    return weights
