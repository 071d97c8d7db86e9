import json, importlib, sys
from en import N, L19, L39
LANGS = ["ar", "es", "fa-AF", "fr", "ps", "sw"]
out = {"format": "reunite.notices/v1", "version": 1, "checked": "2026-09-30",
       "lists": {"proclamation-10949": L19, "proclamation-10998": L39}, "notices": []}
tr = {}
for l in LANGS:
    try:
        m = importlib.import_module("tr_" + l.replace("-", "_"))
        tr[l] = m.T
    except ModuleNotFoundError:
        pass
for n in N:
    d = {"id": n["id"], "title": {"en": n["title"]}, "text": {"en": n["text"]}}
    for l, t in tr.items():
        if n["id"] in t:
            d["title"][l], d["text"][l] = t[n["id"]]
    d["needs_review"] = [l for l in LANGS if l in d["title"]]
    d["effective"] = n["effective"]
    if n.get("approximate"): d["approximate"] = True
    if n.get("end"): d["end"] = n["end"]
    if n.get("approximate_end"): d["approximate_end"] = True
    d["confidence"] = n["confidence"]; d["mark"] = n["mark"]
    if n.get("tie"): d["tie"] = n["tie"]
    d["sources"] = [{k: v for k, v in s.items() if v is not None} for s in n["sources"]]
    d["match"] = n["match"]
    out["notices"].append(d)
s = json.dumps(out, ensure_ascii=False, indent=2)
# keep country lists on one line each
import re
s = re.sub(r'\[\n\s+("[A-Z]{2}",?\n\s+)+("[A-Z]{2}")?\n?\s*\]', lambda m: "[" + ", ".join(re.findall(r'"[A-Z]{2}"', m.group(0))) + "]", s)
open("../notices.json", "w").write(s + "\n")
