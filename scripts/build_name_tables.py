"""Write the ``names:`` sections of data/languages/*.yaml from the reviewed sources.

How the shipped name tables were made (re-run to rebuild them; review the diff):

* en-common: pairs real English labels print (``scripts/harvest_label_names.py``
  output, seen on at least 3 items), plus English pharmacopoeia names, each with
  the page that states it;
* la-pharm: pharmacopoeia Latin names, each with the page that states it;
* ko: the BIO-FD&C raw-material list, which prints each INCI name beside its Korean
  name (``--biofdnc``: ``src/features/ingredient-inquiry/api/ingredients.js`` of
  github.com/yangshoong/biofdnc-hub-fe @161b96aa);
* pt, es, de: pairs that real labels of ``../shared/data/products/multilingual``
  print, reviewed one by one (the list below).

A name that the sources map to two CosIng names is left out.

    python scripts/harvest_label_names.py > candidates.tsv
    python scripts/build_name_tables.py --candidates candidates.tsv --biofdnc ingredients.js
    make data
"""
# ruff: noqa
import argparse, csv, json, re, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
import ingredients
from ingredients._normalize import normalize
db = ingredients.default_database()
LANG = ROOT / "data" / "languages"
_args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
_args.add_argument("--candidates", required=True)
_args.add_argument("--biofdnc", required=True)
ARGS = _args.parse_args()

def canon(inci):
    k = db.keys.get(normalize(inci))
    return k[0] if k else None

def q(s):
    return json.dumps(s, ensure_ascii=False)

def block(sources, rows):
    out = ["sources:"]
    for sid, src in sources.items():
        out.append(f"  {sid}:")
        for k, v in src.items():
            out.append(f"    {k}: {q(v)}")
    out.append("names:")
    targets = {}
    for name, inci, sid, at in rows:
        targets.setdefault(normalize(name), set()).add(canon(inci))
    rows = [r for r in rows if len(targets[normalize(r[0])]) == 1]  # one name, two substances: out
    seen = {}
    for name, inci, sid, at in rows:
        c = canon(inci)
        assert c, (name, inci)
        key = normalize(name)
        if key in seen:
            if seen[key] != c:
                print("CONFLICT", name, inci, seen[key], file=sys.stderr)
            continue
        if key in db.keys:
            continue  # already a CosIng name
        seen[key] = c
        out.append(f"  - {{name: {q(name)}, inci: {q(c)}, source: {sid}, at: {q(at)}}}")
    return "\n".join(out) + "\n", len(seen)

def append(code, text):
    p = LANG / f"{code}.yaml"
    s = p.read_text()
    s = s.split("\nsources:")[0].rstrip("\n") + "\n" + text
    p.write_text(s)

LABEL = lambda f: {"kind": "label", "reference": f"../shared/data/products/{f} (real labels printing both names; test data, not shipped: file and 0-based row locate each)"}

# --- en-common: harvested label pairs seen on at least 3 items, plus pharmacopoeia English names
cands = list(csv.DictReader(open(ARGS.candidates), delimiter="\t"))
rows = []
for c in cands:
    if c["language"] != "en-common" or int(c["count"]) < 3:
        continue
    if "(" in c["inci"] or c["name"].lower().startswith("algae"):
        continue  # a bracket of chemistry misread as a common name; "algae" names no one species
    rows.append((c["name"], c["inci"], "labels", f"{c['file']} row {c['row']} ({c['count']} items print it beside the INCI name)"))
for c in cands:  # English names found in other markets' files
    if c["name"] in ("Cashew Extract", "Red Grape Seed Extract"):
        rows.append((c["name"], c["inci"], "labels", f"{c['file']} row {c['row']}"))
BPC2 = "henriettes-herb.com/eclectic/bpc1911/paraffin2.html"
BPC3 = "henriettes-herb.com/eclectic/bpc1911/paraffin3.html"
BPC1 = "henriettes-herb.com/eclectic/bpc1911/paraffin.html"
KINGS = "henriettes-herb.com/eclectic/kings/solvents.html"
HPE = "gafacom.website/cetostearyl-alcohol/ (Handbook of Pharmaceutical Excipients, Cetostearyl Alcohol, synonyms)"
pharm_en = [
    ("Liquid Petrolatum", "PARAFFINUM LIQUIDUM", "bpc", BPC2 + " (Liquid paraffin: Petrolatum Liquidum, U.S.P.; Liquid Petrolatum)"),
    ("Soft Paraffin", "PETROLATUM", "bpc", BPC3 + " (Paraffinum Molle, B.P.)"),
    ("Petroleum Jelly", "PETROLATUM", "bpc", BPC3 + " (trade names of soft paraffin)"),
    ("Paraffin Jelly", "PETROLATUM", "bpc", BPC3 + " (trade names of soft paraffin)"),
    ("White Soft Paraffin", "PETROLATUM", "bpc", BPC1 + " (white variety of Paraffinum Molle)"),
    ("White Petrolatum", "PETROLATUM", "bpc", BPC1 + " (Petrolatum Album, U.S.P.; White Petrolatum)"),
    ("Hard Paraffin", "PARAFFIN", "bpc", "chestofbooks.com ... U-S-P-Petrolatum-Petrolatum-Petroleum-Ointment-Vaseline.html (B.P. Paraffinum Durum. Hard Paraffin. Synonyms: Paraffin; Paraffin Wax)"),
    ("White Wax", "CERA ALBA", "bpc", KINGS + " (Cera Alba, U.S.P. - White Wax)"),
    ("Cetostearyl Alcohol", "CETEARYL ALCOHOL", "hpe", HPE),
    ("Cetyl Stearyl Alcohol", "CETEARYL ALCOHOL", "hpe", HPE),
    ("Ethyl Alcohol", "ALCOHOL", "bpc", KINGS + " (Alcohol: Ethyl alcohol, Spirit of wine)"),
    ("Spirit of Wine", "ALCOHOL", "bpc", KINGS + " (Alcohol: Ethyl alcohol, Spirit of wine)"),
]
rows += pharm_en
text, n_en = block({
    "labels": {"kind": "label", "reference": "../shared/data/products/ English retail lists (real labels that print the common name in brackets inside the INCI name, e.g. 'Avena Sativa (Oat) Kernel Extract'); test data, not shipped: file and 0-based row locate each; found with scripts/harvest_label_names.py"},
    "bpc": {"kind": "pharmacopoeia", "reference": "British Pharmaceutical Codex 1911 and King's American Dispensatory 1898, as published on henriettes-herb.com"},
    "hpe": {"kind": "pharmacopoeia", "reference": "Handbook of Pharmaceutical Excipients, Cetostearyl Alcohol monograph (nonproprietary names and synonyms)", "url": "https://gafacom.website/cetostearyl-alcohol/"},
}, rows)
(LANG / "en-common.yaml").write_text("# English common names and English pharmacopoeia names of INCI ingredients. Schema: README.md.\nlanguage: en-common\nname: English common\nparent: en\n" + text)

# --- la-pharm
SAYRE = "henriettes-herb.com/eclectic/sayre/ovis_adep.html"
la = [
    ("Alcohol cetylicus et stearylicus", "CETEARYL ALCOHOL", "hpe", HPE),
    ("Alcohol cetylstearylicus", "CETEARYL ALCOHOL", "czpharm", "lekopis.cz/Kap_6_1_Alcohol_cetylstearylicus.htm (synonyms Alcoholum cetylstearylicum, Alcohol cetylicus et stearylicus) with the HPE monograph"),
    ("Alcoholum cetylstearylicum", "CETEARYL ALCOHOL", "czpharm", "lekopis.cz/Kap_6_1_Alcohol_cetylstearylicus.htm"),
    ("Petrolatum Liquidum", "PARAFFINUM LIQUIDUM", "bpc", BPC2),
    ("Paraffinum Molle", "PETROLATUM", "bpc", BPC3),
    ("Petrolatum Album", "PETROLATUM", "bpc", BPC1),
    ("Paraffinum Album", "PETROLATUM", "bpc", BPC1 + " (Paraffinum Album, White Paraffin = Petrolatum Album, U.S.P.)"),
    ("Paraffinum Durum", "PARAFFIN", "bpc", "chestofbooks.com U-S-P-Petrolatum page (B.P. Paraffinum Durum. Hard Paraffin)"),
    ("Adeps Lanae", "LANOLIN", "bpc", SAYRE + " (Adeps Lanae, U.S., is lanolin freed from water)"),
    ("Glycerinum", "GLYCERIN", "bpc", KINGS + " (Glycerinum, U.S.P. - Glycerin)"),
    ("Spiritus rectificatus", "ALCOHOL", "bpc", KINGS + " (Alcohol: Spiritus rectificatus)"),
    ("Alcohol vini", "ALCOHOL", "bpc", KINGS + " (Alcohol: Alcohol vini)"),
]
text, n_la = block({
    "bpc": {"kind": "pharmacopoeia", "reference": "British Pharmaceutical Codex 1911, King's American Dispensatory 1898 and Sayre's Materia Medica 1917 (U.S.P. names), as published on henriettes-herb.com"},
    "hpe": {"kind": "pharmacopoeia", "reference": "Handbook of Pharmaceutical Excipients, Cetostearyl Alcohol monograph (synonyms)", "url": "https://gafacom.website/cetostearyl-alcohol/"},
    "czpharm": {"kind": "pharmacopoeia", "reference": "Český lékopis 1997, monograph Alcohol cetylstearylicus", "url": "http://lekopis.cz/Kap_6_1_Alcohol_cetylstearylicus.htm"},
}, la)
(LANG / "la-pharm.yaml").write_text("# Pharmacopoeia Latin names (Ph. Eur., Ph. Helv., B.P., U.S.P.) of INCI ingredients. Schema: README.md.\nlanguage: la-pharm\nname: pharmacopoeia Latin\nparent: root\n" + text)

# --- ko: BioFDNC raw-material list printing INCI and Korean names
src = Path(ARGS.biofdnc).read_text()
data = json.loads(src[src.index("["): src.rindex("]") + 1])
ko = []
for e in data:
    name, inci = e["koreanName"].strip(), e["inciName"].strip()
    if name in ("-", "") or not canon(inci):
        continue
    for part in re.split(r"\s*\(|\)", name):
        part = part.strip()
        if part and re.search(r"[\uac00-\ud7af]", part):
            ko.append((part, inci, "biofdnc", f"entry inciName {inci!r}"))
text, n_ko = block({
    "biofdnc": {"kind": "label", "reference": "BIO-FD&C raw-material list printing each INCI name beside its Korean name: github.com/yangshoong/biofdnc-hub-fe src/features/ingredient-inquiry/api/ingredients.js @161b96aa", "url": "https://github.com/yangshoong/biofdnc-hub-fe/blob/161b96aac2a48f3ae5778f8f09299875f351e172/src/features/ingredient-inquiry/api/ingredients.js"},
}, ko)
append("ko", text)

# --- small market packs from harvested label pairs (reviewed by hand)
keep = {
    "pt": [("Amarelo 5", "CI 19140"), ("Carmina", "CI 75470"), ("CERA DE ABELHA", "CERA ALBA"), ("dióxido de titânio", "CI 77891"),
           ("Fragrância", "PARFUM"), ("Proteína Hidrolisada da Seda", "HYDROLYZED SILK"), ("Queratina Hidrolisada", "HYDROLYZED KERATIN"), ("ÁGUA", "AQUA")],
    "es": [("Dióxido de Titanio", "CI 77891")],
    "de": [("Duft", "PARFUM"), ("Wasser", "AQUA")],
    "id": [],
}
by = {(c["language"], c["name"]): c for c in cands}
extra_id = [("Air", "AQUA", "labels", "sociolla_skincare.csv row 958 (Aqua/Air/Eau)")]
extra_de = [("Cetylstearylalkohol", "CETEARYL ALCOHOL", "doccheck", "flexikon.doccheck.com/de/Cetylstearylalkohol (Englisch: cetostearyl alcohol, cetearyl alcohol)")]
for code, pairs in keep.items():
    rows = []
    for name, inci in pairs:
        c = by[(code, name)]
        assert c["inci"] == inci, c
        rows.append((name, inci, "labels", f"{c['file']} row {c['row']}"))
    sources = {"labels": LABEL(f"multilingual/{code}.csv")}
    if code == "id":
        rows += extra_id
        sources = {"labels": {"kind": "label", "reference": "../shared/data/products/sociolla_skincare.csv (an Indonesian retailer's real labels printing both names; test data, not shipped: file and 0-based row locate each)"}}
    if code == "de":
        rows += extra_de
        sources["doccheck"] = {"kind": "pharmacopoeia", "reference": "DocCheck Flexikon, Cetylstearylalkohol (German pharmaceutical name and its English names)", "url": "https://flexikon.doccheck.com/de/Cetylstearylalkohol"}
    text, n = block(sources, rows)
    append(code, text)
print("en-common", n_en, "la-pharm", n_la, "ko", n_ko)
