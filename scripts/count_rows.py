#!/usr/bin/env python3
"""Independent count of what Entente should keep from event files, for cross-checking its readers.

Written without Entente's code: for each file prints JSON {path: {"rows", "kept"}} where
rows are non-empty data lines and kept are the rows whose two actors are states, by the rules
in the README (GDELT: ActorNCountryCode is an ISO 3166 alpha-3 code or one of CAMEO's own
country codes; ICEWS: Source and Target Country are present and not 'NA').
Usage: count_rows.py [--data DIR] FILE...
"""
import json, os, sys

args = sys.argv[1:]
data = os.environ.get("ENTENTE_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
if args and args[0] == "--data":
    data, args = args[1], args[2:]
iso = {c["alpha_3"] for c in json.load(open(os.path.join(data, "country-codes/pycountry/iso3166-1.json")))["3166-1"]}
states = iso | {"ROM", "TMP", "MTN", "IMY", "GZS", "WSB", "BAG", "ANT"}

out = {}
for path in args:
    rows = kept = 0
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[0].startswith(b"Event ID\t"):
        header = lines[0].decode().rstrip("\r").split("\t")
        s, t = header.index("Source Country"), header.index("Target Country")
        for line in lines[1:]:
            line = line.rstrip(b"\r")
            if not line: continue
            rows += 1
            f = line.decode("utf-8").split("\t")
            if f[s] not in ("", "NA") and f[t] not in ("", "NA"): kept += 1
    else:
        for line in lines:
            line = line.rstrip(b"\r")
            if not line: continue
            rows += 1
            f = line.split(b"\t")
            if len(f) not in (57, 58, 61): continue
            if f[7].decode() in states and f[17].decode() in states: kept += 1
    out[path] = {"rows": rows, "kept": kept}
print(json.dumps(out, sort_keys=True))
