#!/usr/bin/env python3
"""Independent computation of Entente's structural-layer values from the raw files, for
cross-checking `EventStore.structure(a:b:year:)`.

Written without Entente's code or its mapping tables (Resources/Structural/*.csv): UN votes are
keyed by their own ISO2 column (mapped to ISO3 with pycountry's ISO 3166 table), ideal points by
their own iso3c column, ATOP and MIDs by COW codes looked up in the countrycode crosswalk
(iso3c -> cown), SIPRI tables by the supplier code in the file name and the recipient's name as
SIPRI writes it. Reads the CSVs with the csv module only.

Prints JSON:
  {"unga": {"USA-ISR-2018": {"rollCalls", "agreement", "kappa", "byIssue": {tag: {...}}}, ...},
   "idealPoints": {"RUS-PRK-2023": {"a", "b", "distance"}},
   "arms": {"USA-JPN-2018": {"aToB", "bToA", "aToB5y", "bToA5y"}},
   "atop": {"USA-JPN-2018": {"aToB": [atop column names], "bToA": [...], "lastYear"}},
   "mids": {"USA-RUS-2014": [{"dispnum", "hiactA", "hiactB", "hostlevA", "hostlevB"}]},
   "rows": {"un_votes.csv": n, ...}}
Usage: structural_reference.py [--data DIR]
"""
import collections, csv, json, os, sys

args = sys.argv[1:]
data = os.environ.get("ENTENTE_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
if args and args[0] == "--data":
    data = args[1]


def path(*parts):
    return os.path.join(data, *parts)


def rows(*parts):
    with open(path(*parts), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ISO 3166 alpha-2 -> alpha-3 (pycountry) and ISO3 -> COW code (countrycode).
iso2to3 = {c["alpha_2"]: c["alpha_3"] for c in json.load(open(path("country-codes/pycountry/iso3166-1.json")))["3166-1"]}
cown = {}
for r in rows("country-codes/countrycode_R/codelist_without_cldr.csv"):
    if r["iso3c"] not in ("", "NA") and r["cown"] not in ("", "NA"):
        cown.setdefault(r["iso3c"], int(r["cown"]))

# ---- UN votes: agreement and Cohen's kappa over yes/abstain/no, absences excluded.
votes_rows = rows("un-votes/unvotes/un_votes.csv")
roll_year = {int(r["rcid"]): int(r["date"][:4]) for r in rows("un-votes/unvotes/un_roll_calls.csv")}
tags = collections.defaultdict(set)
for r in rows("un-votes/unvotes/un_roll_call_issues.csv"):
    tags[int(r["rcid"])].add(r["short_name"])
votes = collections.defaultdict(dict)  # iso3 -> rcid -> vote
for r in votes_rows:
    iso3 = iso2to3.get(r["country_code"])
    if iso3 and r["vote"] in ("yes", "no", "abstain"):
        votes[iso3][int(r["rcid"])] = r["vote"]


def measure(pairs):
    n = len(pairs)
    if n == 0:
        return {"rollCalls": 0, "agreement": None, "kappa": None}
    po = sum(1 for x, y in pairs if x == y) / n
    ca = collections.Counter(x for x, _ in pairs)
    cb = collections.Counter(y for _, y in pairs)
    pe = sum((ca[c] / n) * (cb[c] / n) for c in ("yes", "no", "abstain"))
    kappa = None if pe >= 1 - 1e-12 else (po - pe) / (1 - pe)
    return {"rollCalls": n, "agreement": po, "kappa": kappa}


def unga(a, b, year):
    va, vb = votes[a], votes[b]
    joint = [rc for rc in va if rc in vb and roll_year.get(rc) == year]
    out = measure([(va[rc], vb[rc]) for rc in joint])
    out["byIssue"] = {t: measure([(va[rc], vb[rc]) for rc in joint if t in tags[rc]]) for t in ("me", "nu", "di", "hr", "co", "ec")}
    return out


# ---- Ideal points by the file's own iso3c column.
ideal = {}
for r in rows("un-votes/IdealpointsJuly2025.converted.csv"):
    if r["iso3c"] and r["idealpointfp"] not in ("", "NA"):
        ideal[(r["iso3c"], int(float(r["year"])))] = float(r["idealpointfp"])


def ideal_points(a, b, year):
    x, y = ideal.get((a, year)), ideal.get((b, year))
    return {"a": x, "b": y, "distance": None if x is None or y is None else abs(x - y)}


# ---- SIPRI: a supplier's table (by its file-name code), a recipient's row by SIPRI's name.
def tiv_row(supplier_code, recipient_name):
    with open(path("arms-transfers/data/trademap-raw", f"TIV-Export-{supplier_code}-1950-2021.csv"), newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header = next(r for r in table if r and r[0] == "" and len(r) > 1 and r[1] == "1950")
    years = {i: int(h) for i, h in enumerate(header) if h.isdigit()}
    for r in table:
        if r and r[0] == recipient_name:
            return {years[i]: float(v) for i, v in enumerate(r) if i in years and v != ""}
    return {}


def arms(a_code, a_name, b_code, b_name, year):
    ab, ba = tiv_row(a_code, b_name), tiv_row(b_code, a_name)
    window = range(year - 4, year + 1)
    return {"aToB": ab.get(year, 0.0), "bToA": ba.get(year, 0.0),
            "aToB5y": sum(ab.get(y, 0.0) for y in window), "bToA5y": sum(ba.get(y, 0.0) for y in window)}


# ---- ATOP by COW codes; years after the last are the last year's obligations.
atop_rows = rows("alliances-rivalries/atop_alliance.csv")
atop_last = max(int(r["year"]) for r in atop_rows)
atop = {(int(r["ccode1"]), int(r["ccode2"]), int(r["year"])): r for r in atop_rows}
FLAGS = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")


def obligations(a, b, year):
    y = min(year, atop_last)
    def one(x, z):
        r = atop.get((cown[x], cown[z], y))
        return [f for f in FLAGS if r and r[f] == "1"]
    return {"aToB": one(a, b), "bToA": one(b, a), "lastYear": atop_last, "carriedForward": year > atop_last}


# ---- MIDs by COW codes, oriented a, b.
mid_rows = rows("alliances-rivalries/cow_mid_dirdisps.csv")


def mids(a, b, year):
    out = []
    for r in mid_rows:
        if int(r["ccode1"]) == cown[a] and int(r["ccode2"]) == cown[b] and int(r["year"]) == year:
            out.append({"dispnum": int(r["dispnum"]), "hiactA": int(r["hiact1"]), "hiactB": int(r["hiact2"]),
                        "hostlevA": int(r["hostlev1"]), "hostlevB": int(r["hostlev2"])})
    return sorted(out, key=lambda d: d["dispnum"])


result = {
    "unga": {f"{a}-{b}-{y}": unga(a, b, y)
             for a, b, y in [("USA", "ISR", 2018), ("RUS", "PRK", 2019), ("USA", "RUS", 2017), ("USA", "JPN", 2018)]},
    "idealPoints": {f"{a}-{b}-{y}": ideal_points(a, b, y) for a, b, y in [("RUS", "PRK", 2023), ("USA", "JPN", 2018)]},
    "arms": {"USA-JPN-2018": arms("USA", "United States", "JAP", "Japan", 2018),
             "RUS-PRK-2019": arms("RUS", "Russia", "KON", "North Korea", 2019)},
    "atop": {f"{a}-{b}-{y}": obligations(a, b, y) for a, b, y in [("USA", "JPN", 2018), ("JPN", "USA", 2018), ("USA", "JPN", 2021)]},
    "mids": {f"{a}-{b}-{y}": mids(a, b, y) for a, b, y in [("USA", "RUS", 2014), ("RUS", "USA", 2014)]},
    "rows": {"un_votes.csv": len(votes_rows), "atop_alliance.csv": len(atop_rows), "cow_mid_dirdisps.csv": len(mid_rows)},
}
json.dump(result, sys.stdout, indent=1, sort_keys=True)
print()
