"""Entente judgement v2 -- feature vector for an unordered state pair (a, b) in calendar year Y.

Python prototype; every formula here is meant to be ported verbatim to Swift.
Inputs (read-only): the GDELT2 dyad series, ATOP 5.1, UNGA ideal points and roll calls, SIPRI TIV
(processed file) and the shipped knowledge base (treaties, groups, partnerships, events).
Intermediate aggregates are cached under /tmp/entente_judgement/ (never in the repository).

Conventions
-----------
* A pair is unordered; the series stores a < b. Window = calendar year Y (Jan 1 .. Dec 31, all 12 months).
* "Observed days" O(Y) = the dates that occur anywhere in the series file (any pair). A date absent from
  the file is a coverage gap: it is *missing*, never counted as a zero for anyone. 2023 has 68 such
  days, 2020 11, 2022 13. A date present in the file on which the pair has no row is a genuine
  zero-interaction day for that pair.
* A pair-day is *positive* if its edge > 0 and *negative* if edge < 0 (rows with edge == 0 do not exist).
* Missing values are float('nan'); rules treat a NaN comparison as False (the branch does not fire).

Features (all computed by `features(a, b, Y)`)
-----------------------------------------------
Behaviour (dyad series)
  days      D = number of pair-days in Y (both signs). Volume.
  cov       D / O(Y): share of observed days with any pair event (0..1). "Days in the news".
  P, N      number of positive / negative pair-days in Y.
  q_s       conflict share of state s in Y = N_s / (P_s + N_s), N_s, P_s = negative / positive pair-days over
            every pair containing s (each pair-day counted once for s).
  q_g       global conflict share in Y over all pair-days.
  e         expected conflict share of the pair = expit(logit q_a + logit q_b - logit q_g)
            (independence / log-linear model: the pair behaves like its two members do on average).
  hostility H = logit((N + K*e) / (P + N + K)) - logit(e), with K = 20 pseudo pair-days
            (empirical-Bayes shrinkage toward the expectation: a pair with few days has H ~ 0).
            H > 0: more conflict than its members' overall behaviour predicts; H < 0: more cooperative.
            H is a log-odds difference, so it is independent of news volume by construction.
  H3        H on the pooled counts of the 36 months Y-2..Y (years >= 2018 only): sustained behaviour.
  present   1 if both states occur in the series file at all (MNE, SRB, SVN, BIH, TLS never do). When 0,
            every behavioural feature is NaN (missing, not zero) and only institutions can decide.
  H_base    H computed the same way on the pooled counts of Y-2 and Y-1 (years before 2018 absent; for
            Y = 2019 only 2018; for Y = 2018 NaN). e for the pooled window uses pooled state counts.
  dH        H - H_base (negative = relations improved relative to expectation).
  dur       durability in Y: (m_coop + 1) / (m_cov + 2), m_cov = months of Y with >= 1 pair-day,
            m_coop = of those, months whose summed edge > 0 (Laplace prior 1/2).
  dur3      the same over the 36 months Y-2..Y (months before 2018 do not exist and are not counted).
  dlogD     log((D + 1) / (D_base + 1)), D_base = mean yearly pair-days over the baseline years of H_base.
Alignment
  ipd       |IP_a - IP_b| with IP = idealpointfp (Bailey-Strezhnev-Voeten) in Y; NaN if either missing.
  un_agree  share of UNGA recorded votes in Y (roll calls dated in Y) where both voted (yes/no/abstain)
            and cast the same vote; NaN if < 10 common votes (data ends January 2020, so NaN for Y >= 2020).
Military-technical
  tiv5      log1p( sum of SIPRI TIV, both directions, over years min(Y,2021)-4 .. min(Y,2021) ).
Institutions (knowledge base first, ATOP otherwise), evaluated at Y-12-31
  defence   1 if a defence obligation (defence-immediate or defence-consultation) is in force in at least
            one direction at Y-12-31. If the KB holds any treaty whose parties (after expanding groups at
            that date) include both a and b -- in force or not, ended or not -- the KB alone decides; else
            ATOP 5.1 dyad-year min(Y, 2018) in either direction (atop_defense == 1) decides.
  oblig     strongest obligation rank in force (KB ranks: defence-immediate 5, defence-consultation 4,
            neutrality 3, consultation 2, non-aggression 1, offence 0; ATOP: defense 4, neutral 3,
            consul 2, nonagg 1, offense 0); -1 when none.
  src_def   'kb' or 'atop' (which source decided).
  tier      highest partnership tier in force at Y-12-31 in partnerships.yaml (partnership 1, strategic 2,
            comprehensive-strategic 3, special 4; designations such as US major non-NATO ally count);
            a level applies from its date (YYYY -> Jan 1, YYYY-MM -> the 1st); `ended` removes it; 0 if none.
  summits   number of KB events tagged `summit` between a and b (either direction) dated Y-2..Y,
            confidence confirmed or reported.
"""
from __future__ import annotations

import datetime as dt
import glob
import math
import os
import pickle

import numpy as np
import pandas as pd
import yaml

DATA = "/work/shared/data"
KB = "/work/main/Sources/EntenteCore/Resources/KnowledgeBase"
CACHE = "/tmp/entente_judgement"
K_PSEUDO = 20.0          # pseudo pair-days for the shrinkage of H
MIN_YEAR = 2018          # first year of the dyad series
os.makedirs(CACHE, exist_ok=True)


def _cached(name, fn):
    path = os.path.join(CACHE, name + ".pkl")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return pickle.load(f)
    obj = fn()
    with open(path, "wb") as f:
        pickle.dump(obj, f)
    return obj


# ----------------------------------------------------------------------------------- dyad series
def _build_series():
    d = pd.read_csv(f"{DATA}/dyad-series/gdelt2-dyad-daily-2018-2024.csv.gz")
    d["year"] = d.date // 10000
    d["month"] = (d.date // 100) % 100
    d["pos"] = (d.edge > 0).astype(np.int32)
    d["neg"] = (d.edge < 0).astype(np.int32)
    d["posm"] = d.edge.clip(lower=0)
    d["negm"] = (-d.edge).clip(lower=0)
    pm = d.groupby(["a", "b", "year", "month"]).agg(n=("edge", "size"), pos=("pos", "sum"),
                                                     neg=("neg", "sum"), net=("edge", "sum"),
                                                     posm=("posm", "sum"), negm=("negm", "sum")).reset_index()
    py = pm.groupby(["a", "b", "year"])[["n", "pos", "neg", "posm", "negm"]].sum()
    # state-year counts: every pair-day counted for both members
    sa = d.groupby(["a", "year"])[["pos", "neg", "posm", "negm"]].sum()
    sb = d.groupby(["b", "year"])[["pos", "neg", "posm", "negm"]].sum()
    sa.index.names = ["s", "year"]
    sb.index.names = ["s", "year"]
    st = sa.add(sb, fill_value=0)
    glob_ = d.groupby("year")[["pos", "neg", "posm", "negm"]].sum()
    obs = d.drop_duplicates("date").groupby("year").size()
    pm = pm.set_index(["a", "b"]).sort_index()
    states = set(d.a) | set(d.b)
    return {"pm": pm, "py": py, "st": st, "glob": glob_, "obs": obs, "states": states}


_S = None


def series():
    global _S
    if _S is None:
        _S = _cached("series_v3", _build_series)
    return _S


def _logit(p):
    return math.log(p / (1 - p))


def _expit(x):
    return 1 / (1 + math.exp(-x))


def _counts(a, b, years):
    S = series()
    P = N = D = 0
    for y in years:
        if (a, b, y) in S["py"].index:
            r = S["py"].loc[(a, b, y)]
            P += r.pos; N += r.neg; D += r.n
    return P, N, D


def _state_q(s, years):
    S = series()
    p = n = 0
    for y in years:
        if (s, y) in S["st"].index:
            r = S["st"].loc[(s, y)]
            p += r.pos; n += r.neg
    return (n + 1) / (p + n + 2)  # Laplace; states almost always have thousands of days


def _global_q(years):
    g = series()["glob"].loc[list(years)].sum()
    return g.neg / (g.pos + g.neg)


def hostility(a, b, years):
    """H over the pooled years (see module docstring). Returns (H, P, N, D, e)."""
    P, N, D = _counts(a, b, years)
    qa, qb, qg = _state_q(a, years), _state_q(b, years), _global_q(years)
    e = _expit(_logit(qa) + _logit(qb) - _logit(qg))
    H = _logit((N + K_PSEUDO * e) / (P + N + K_PSEUDO)) - _logit(e)
    return H, P, N, D, e


def _durability(a, b, years):
    S = series()
    if (a, b) not in S["pm"].index:
        return 0.5, 0, 0
    m = S["pm"].loc[[(a, b)]]
    m = m[m.year.isin(list(years))]
    mcov = len(m)
    mcoop = int((m.net > 0).sum())
    return (mcoop + 1) / (mcov + 2), mcoop, mcov


# ----------------------------------------------------------------------------------- code lists
def _cown_iso():
    c = pd.read_csv(f"{DATA}/country-codes/countrycode_R/codelist_without_cldr.csv",
                    usecols=["cown", "iso3c"], low_memory=False).dropna()
    m = {int(k): v for k, v in zip(c.cown, c.iso3c)}
    m.update({260: "DEU", 255: "DEU", 365: "RUS", 345: "SRB", 340: "SRB", 347: "XKX", 713: "TWN",
              816: "VNM", 678: "YEM", 679: "YEM"})
    return m


COWN = None


def cown():
    global COWN
    if COWN is None:
        COWN = _cown_iso()
    return COWN


# ----------------------------------------------------------------------------------- ATOP
def _build_atop():
    t = pd.read_csv(f"{DATA}/alliances-rivalries/atop_alliance.csv")
    t = t[t.year == 2018]
    cm = cown()
    out = {}
    for r in t.itertuples():
        a, b = cm.get(int(r.ccode1)), cm.get(int(r.ccode2))
        if not a or not b:
            continue
        k = tuple(sorted((a, b)))
        rank = -1
        for col, rk in (("atop_offense", 0), ("atop_nonagg", 1), ("atop_consul", 2), ("atop_neutral", 3),
                        ("atop_defense", 4)):
            if getattr(r, col) == 1:
                rank = max(rank, rk)
        prev = out.get(k, (0, -1))
        out[k] = (max(prev[0], int(r.atop_defense == 1)), max(prev[1], rank))
    return out


_ATOP = None


def atop(a, b):
    global _ATOP
    if _ATOP is None:
        _ATOP = _cached("atop2018_v1", _build_atop)
    return _ATOP.get(tuple(sorted((a, b))), (0, -1))


# ----------------------------------------------------------------------------------- knowledge base
def _kb_date(v, end=False):
    """YAML date -> datetime.date. 'YYYY' -> Jan 1, 'YYYY-MM' -> the 1st (start of the period)."""
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int):
        return dt.date(v, 1, 1)
    s = str(v)
    parts = [int(p) for p in s.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts)


def _load_kb():
    docs = []
    for f in sorted(glob.glob(f"{KB}/*.yaml")):
        with open(f) as fh:
            docs.append(yaml.safe_load(fh) or {})
    kb = {"treaties": [], "groups": {}, "partnerships": [], "events": []}
    for d in docs:
        kb["treaties"] += d.get("treaties", []) or []
        kb["partnerships"] += d.get("partnerships", []) or []
        kb["events"] += d.get("events", []) or []
        for g in d.get("groups", []) or []:
            kb["groups"][g["id"]] = g
    return kb


_KBD = None


def kb():
    global _KBD
    if _KBD is None:
        _KBD = _load_kb()
    return _KBD


def _members(party, day):
    g = kb()["groups"].get(party)
    if g is None:
        return {party}
    out = set()
    for m in g["members"]:
        f, t = _kb_date(m.get("from")), _kb_date(m.get("to"))
        if (f is None or f <= day) and (t is None or day < t):
            out.add(m["state"])
    return out


def _members_ever(party):
    g = kb()["groups"].get(party)
    return {party} if g is None else {m["state"] for m in g["members"]}


RANK = {"defence-immediate": 5, "defence-consultation": 4, "neutrality": 3, "consultation": 2,
        "non-aggression": 1, "offence": 0}


def kb_obligations(a, b, day):
    """Returns (has_kb_treaty, defence_in_force, strongest_rank) from the KB at `day`."""
    has = False
    best = -1
    for t in kb()["treaties"]:
        ever = set().union(*[_members_ever(p) for p in t["parties"]])
        if not (a in ever and b in ever):
            continue
        has = True
        start = _kb_date(t.get("in_force")) or _kb_date(t.get("signed"))
        end = _kb_date(t.get("ended"))
        if start is None or start > day or (end is not None and day >= end):
            continue
        now = set().union(*[_members(p, day) for p in t["parties"]])
        if not (a in now and b in now):
            continue
        for ob in t.get("obligations", []) or []:
            since, until = _kb_date(ob.get("since")), _kb_date(ob.get("until"))
            if (since and day < since) or (until and day >= until):
                continue
            if "between" in ob:
                bw = ob["between"]
                ok = bw == "all" or (a in bw and b in bw)
            else:
                ok = {ob.get("from"), ob.get("to")} == {a, b}
            if ok:
                for ty in ob.get("types", []):
                    best = max(best, RANK.get(ty, -1))
    return has, int(best >= 4), best


def partnership_tier(a, b, day):
    T = {"partnership": 1, "strategic": 2, "comprehensive-strategic": 3, "special": 4}
    best = 0
    for p in kb()["partnerships"]:
        ps = [_members(x, day) for x in p["parties"]]
        if len(ps) != 2 or not ((a in ps[0] and b in ps[1]) or (b in ps[0] and a in ps[1])):
            continue
        end = _kb_date(p.get("ended"))
        if end is not None and day >= end:
            continue
        cur = 0
        for lv in p["levels"]:
            if _kb_date(lv["date"]) <= day:
                cur = T[lv["tier"]]  # levels are oldest first; each is in force until the next
        best = max(best, cur)
    return best


def summits(a, b, years):
    n = 0
    for e in kb()["events"]:
        if "summit" not in (e.get("tags") or []):
            continue
        if {e.get("source"), e.get("target")} != {a, b}:
            continue
        if e.get("confidence") not in ("confirmed", "reported"):
            continue
        if _kb_date(e["date"]).year in years:
            n += 1
    return n


# ----------------------------------------------------------------------------------- UN
def _build_ip():
    ip = pd.read_csv(f"{DATA}/un-votes/IdealpointsJuly2025.converted.csv", usecols=["iso3c", "year", "idealpointfp"])
    ip = ip.dropna()
    return {(r.iso3c, int(r.year)): r.idealpointfp for r in ip.itertuples()}


def _iso2_to_iso3():
    c = pd.read_csv(f"{DATA}/country-codes/countrycode_R/codelist_without_cldr.csv",
                    usecols=["iso2c", "iso3c"], low_memory=False).dropna()
    return dict(zip(c.iso2c, c.iso3c))


def _build_votes():
    v = pd.read_csv(f"{DATA}/un-votes/unvotes/un_votes.csv", keep_default_na=False)
    r = pd.read_csv(f"{DATA}/un-votes/unvotes/un_roll_calls.csv", usecols=["rcid", "date"])
    r["year"] = r.date.str[:4].astype(int)
    v = v.merge(r[["rcid", "year"]], on="rcid")
    v = v[v.year >= 2016]
    m = _iso2_to_iso3()
    v["iso3"] = v.country_code.map(m)
    return {y: g.pivot_table(index="rcid", columns="iso3", values="vote", aggfunc="first")
            for y, g in v.dropna(subset=["iso3"]).groupby("year")}


_IP = _VOTES = None


def ideal_distance(a, b, y):
    global _IP
    if _IP is None:
        _IP = _cached("ip_v1", _build_ip)
    if (a, y) in _IP and (b, y) in _IP:
        return abs(_IP[(a, y)] - _IP[(b, y)])
    return float("nan")


def un_agreement(a, b, y):
    global _VOTES
    if _VOTES is None:
        _VOTES = _cached("votes_v1", _build_votes)
    t = _VOTES.get(y)
    if t is None or a not in t.columns or b not in t.columns:
        return float("nan")
    x = t[[a, b]].dropna()
    if len(x) < 10:
        return float("nan")
    return float((x[a] == x[b]).mean())


# ----------------------------------------------------------------------------------- SIPRI
def _build_tiv():
    s = pd.read_csv(f"{DATA}/arms-transfers/data/sipri-exports-processed.csv")
    s = s[s.year >= 2010]
    cm = cown()
    names = {"Serbia": "SRB", "Kosovo": "XKX", "Taiwan": "TWN", "Palestine": "PSE", "Micronesia": "FSM"}

    def iso(name, c):
        if name in names:
            return names[name]
        if isinstance(c, float) and math.isnan(c):
            return None
        return cm.get(int(c))

    out = {}
    for r in s.itertuples():
        a, b = iso(r.supplier, r.supplier_cown), iso(r.recipient, r.recipient_cown)
        if not a or not b or a == b:
            continue
        k = (tuple(sorted((a, b))), int(r.year))
        out[k] = out.get(k, 0.0) + float(r.value)
    return out


_TIV = None


def tiv5(a, b, y):
    global _TIV
    if _TIV is None:
        _TIV = _cached("tiv_v1", _build_tiv)
    end = min(y, 2021)
    k = tuple(sorted((a, b)))
    return math.log1p(sum(_TIV.get((k, yy), 0.0) for yy in range(end - 4, end + 1)))


# ----------------------------------------------------------------------------------- vector
def features(a, b, Y):
    a, b = sorted((a, b))
    S = series()
    obs = S["obs"]
    present = a in S["states"] and b in S["states"]
    H, P, N, D, e = hostility(a, b, [Y])
    H3 = hostility(a, b, [y for y in range(Y - 2, Y + 1) if y >= MIN_YEAR])[0]
    base_years = [y for y in (Y - 2, Y - 1) if y >= MIN_YEAR]
    if base_years:
        Hb, _, _, Db, _ = hostility(a, b, base_years)
        Db = Db / len(base_years)
    else:
        Hb, Db = float("nan"), float("nan")
    dur, _, mcov = _durability(a, b, [Y])
    dur3, _, _ = _durability(a, b, [y for y in range(Y - 2, Y + 1) if y >= MIN_YEAR])
    day = dt.date(Y, 12, 31)
    has_kb, kdef, krank = kb_obligations(a, b, day)
    if has_kb:
        defence, oblig, src = kdef, krank, "kb"
    else:
        defence, oblig = atop(a, b)
        src = "atop"
    out = {
        "a": a, "b": b, "year": Y, "present": int(present), "H3": H3,
        "days": D, "cov": D / obs.get(Y, np.nan), "P": P, "N": N, "e": e,
        "H": H, "H_base": Hb, "dH": H - Hb if base_years else float("nan"),
        "dlogD": math.log((D + 1) / (Db + 1)) if base_years else float("nan"),
        "dur": dur, "dur3": dur3, "mcov": mcov,
        "ipd": ideal_distance(a, b, Y), "un_agree": un_agreement(a, b, Y),
        "tiv5": tiv5(a, b, Y),
        "defence": defence, "oblig": oblig, "src_def": src,
        "tier": partnership_tier(a, b, day),
        "summits": summits(a, b, range(Y - 2, Y + 1)),
    }
    if not present:  # a state absent from the series: behaviour is missing, not zero
        for k in ("days", "cov", "P", "N", "e", "H", "H3", "H_base", "dH", "dlogD", "dur", "dur3", "mcov"):
            out[k] = float("nan")
    return out


def frame(rows):
    """rows: iterable of (a, b, year) -> DataFrame of feature vectors."""
    return pd.DataFrame([features(a, b, y) for a, b, y in rows])


if __name__ == "__main__":
    import sys
    a, b, y = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for k, v in features(a, b, y).items():
        print(f"{k:10s} {v}")
