#!/usr/bin/env python3
"""Regenerate the ontology tables in Sources/EntenteCore/Ontology from public codebooks.

Provenance, not a build step: the generated Swift files are committed and reviewed by hand.
Inputs (read from $ENTENTE_DATA, default ../shared/data):
  - GDELT's CAMEO 1.1b3 event codes and Goldstein weights (gdelt-lookups/moxious-gdelt)
  - ISO 3166-1 (country-codes/pycountry) and UN membership (country-codes/country_converter)
  - GDELT's CAMEO country table (gdelt-lookups/factored-datathon-2024-sinapsis)
Known defects of the inputs are corrected here and listed in CORRECTIONS.
"""
import csv, json, os, sys

DATA = os.environ.get("ENTENTE_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
OUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "EntenteCore", "Ontology")

# GDELT's CAMEO.eventcodes.txt merges code 106 into the line of 1056 ("...engagement106:[-5.0] Demand withdrawal").
CORRECTIONS = {"1056": ("Demand de-escalation of military engagement", None), "106": ("Demand withdrawal", -5.0)}

def events():
    names = {}
    for row in csv.reader(open(os.path.join(DATA, "gdelt-lookups/moxious-gdelt/CAMEO.eventcodes.txt")), delimiter="\t"):
        if row[0] == "CAMEOEVENTCODE": continue
        names[row[0]] = row[1].strip()
    weights = {}
    for row in csv.reader(open(os.path.join(DATA, "gdelt-lookups/moxious-gdelt/CAMEO.goldsteinscale.txt")), delimiter="\t"):
        if row[0] == "CAMEOEVENTCODE": continue
        weights[row[0]] = float(row[1])
    for code, (name, w) in CORRECTIONS.items():
        names[code] = name
        if w is not None: weights[code] = w
    out = []
    for code in sorted(names, key=lambda c: (c[:2], c)):
        name = names[code]
        if len(code) == 2: name = name.capitalize()
        out.append(f"{code}\t{weights[code]:.1f}\t{name}")
    return out

ALIASES = {
    "RUS": ["Russia", "Russian Federation", "USSR", "Soviet Union"],
    "PRK": ["North Korea", "DPRK", "Democratic People's Republic of Korea", "Korea, North"],
    "KOR": ["South Korea", "Republic of Korea", "ROK", "Korea, South"],
    "USA": ["United States", "United States of America", "US", "U.S.", "America"],
    "GBR": ["United Kingdom", "UK", "Britain", "Great Britain"],
    "IRN": ["Iran"], "SYR": ["Syria"], "VNM": ["Vietnam", "Viet Nam"], "LAO": ["Laos"],
    "TWN": ["Taiwan"], "BOL": ["Bolivia"], "VEN": ["Venezuela"], "TZA": ["Tanzania"],
    "MDA": ["Moldova", "Moldova, Republic of"], "MKD": ["North Macedonia", "Macedonia", "the former Yugoslav Republic of Macedonia"],
    "COD": ["Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"],
    "COG": ["Congo", "Republic of the Congo", "Congo-Brazzaville"],
    "CIV": ["Cote d'Ivoire", "Ivory Coast"], "SWZ": ["Swaziland", "Eswatini"], "VAT": ["Holy See", "Vatican"],
    "PSE": ["Palestine", "Occupied Palestinian Territory", "Palestinian Territories"],
    "CZE": ["Czech Republic", "Czechia"], "TLS": ["Timor-Leste", "East Timor"], "MMR": ["Myanmar", "Burma"],
    "CPV": ["Cape Verde", "Cabo Verde"], "BRN": ["Brunei"], "FSM": ["Micronesia"], "TUR": ["Turkey", "Turkiye"],
    "HKG": ["Hong Kong"], "MAC": ["Macau", "Macao"], "ESH": ["Western Sahara"], "KGZ": ["Kyrgyzstan"],
}
# Shorter names for display where ISO's name is a long form.
DISPLAY = {"RUS": "Russia", "PSE": "Palestine", "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela",
           "TZA": "Tanzania", "SYR": "Syria", "MDA": "Moldova", "FSM": "Micronesia", "VAT": "Vatican", "BRN": "Brunei"}
# CAMEO country codes that are not ISO 3166 alpha-3 codes but name a country or a part of one.
CAMEO_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN", "GZS": "PSE", "WSB": "PSE", "BAG": "IRQ"}
# States that are not UN members but are treated as states in event data and IR datasets.
EXTRA_STATES = {"VAT", "PSE", "TWN"}

def countries():
    iso = json.load(open(os.path.join(DATA, "country-codes/pycountry/iso3166-1.json")))["3166-1"]
    un = {}
    for row in csv.DictReader(open(os.path.join(DATA, "country-codes/country_converter/country_data.tsv")), delimiter="\t"):
        un[row["ISO3"]] = row["UNmember"].strip()
    cameo = list(csv.reader(open(os.path.join(DATA, "gdelt-lookups/factored-datathon-2024-sinapsis/cameo_country.std.csv"))))[1:]
    out = []
    isoset = set()
    for c in sorted(iso, key=lambda c: c["alpha_3"]):
        code = c["alpha_3"]; isoset.add(code)
        name = DISPLAY.get(code) or c.get("common_name") or c["name"]
        kind = "state" if (un.get(code) or code in EXTRA_STATES) else "territory"
        aliases = [c.get("common_name", c["name"]), c["name"]] + ([c["official_name"]] if "official_name" in c else []) + ALIASES.get(code, [])
        seen = []; [seen.append(a) for a in aliases if a != name and a not in seen]
        out.append(f"{code}\t{kind}\t{code}\t{name}\t{';'.join(seen)}")
    extra = []
    for code, name in cameo:
        if code in isoset: continue
        if code in CAMEO_TO_ISO:
            extra.append(f"{code}\talias\t{CAMEO_TO_ISO[code]}\t{name}\t")
        elif code == "ANT":
            extra.append(f"{code}\tterritory\t{code}\t{name}\t")
        else:
            extra.append(f"{code}\tregion\t\t{name}\t")
    return out + extra

def write(name, typename, doc, rows, header):
    body = "\n".join(rows)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(f"// Generated by scripts/gen-ontology.py from public codebooks; reviewed by hand. Do not edit the table by hand:\n// change the script (and its CORRECTIONS) and regenerate.\n\n")
        f.write(f"extension {typename} {{\n    /// {doc}\n    ///\n    /// Columns: {header}.\n    static let table = #\"\"\"\n{body}\n\"\"\"#\n}}\n")

write("CAMEOEventCode+Table.swift", "CAMEOEventCode", "CAMEO 1.1b3 event codes as GDELT uses them, with GDELT's Goldstein weights.", events(), "code, Goldstein weight, name (tab-separated)")
write("Country+Table.swift", "Country", "ISO 3166-1 countries and CAMEO's extra country and region codes.", countries(), "code, kind (state|territory|region|alias), ISO 3166 alpha-3, name, aliases separated by ';' (tab-separated)")
print("ok")
