#!/usr/bin/python3
"""Builds the PersonDetector's name gazetteer from the MIT-licensed name lists of @faker-js/faker.

    /usr/bin/python3 inference/tools/names_gazetteer.py [--faker DIR] [--words FILE]

--faker is an unpacked @faker-js/faker package (the folder holding package.json); without it the script runs
`npm pack @faker-js/faker@10.6.0` into a temporary folder. Reading the locale data needs node (npm brings it).
--words is an English word list, one word a line (default /usr/share/dict/american-english, Debian's
`wamerican`, SCOWL): it is read only to mark names that are also ordinary lower-case English words ("will",
"may", "rose", "brown"); the word list itself is not copied into the output.

Writes, next to PersonDetector's resources (inference/src/main/resources/dev/pith/inference/privacy/):
  first-names.txt   first and middle names, lower case, one a line, sorted
  surnames.txt      surnames, lower case, one a line, sorted
  name-words.txt    names of either list that are also common English words, lower case, sorted
The output is deterministic for a given faker version and word list. NAMES-NOTICE.txt (hand-written, next to
them) credits the sources; update its version line when you change FAKER_VERSION.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

FAKER_VERSION = "10.6.0"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "dev", "pith",
                   "inference", "privacy")
# en_BORK is mock Swedish-chef gibberish, not names.
SKIP_LOCALES = {"en_BORK", "base"}

DUMP_JS = r"""
const m = await import(process.argv[1]);
const flat = x => x == null ? [] : Array.isArray(x) ? x : Object.values(x).flat();
const out = {};
for (const [k, v] of Object.entries(m)) {
  if (k.startsWith('faker') || !v || typeof v !== 'object' || !v.person) continue;
  const p = v.person;
  out[k] = {first: flat(p.first_name).concat(flat(p.middle_name)), last: flat(p.last_name)};
}
console.log(JSON.stringify(out));
"""


def faker_dir(given):
    if given:
        return given
    tmp = tempfile.mkdtemp(prefix="faker-")
    subprocess.run(["npm", "pack", f"@faker-js/faker@{FAKER_VERSION}"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(f for f in os.listdir(tmp) if f.endswith(".tgz"))
    subprocess.run(["tar", "xzf", tgz], cwd=tmp, check=True)
    return os.path.join(tmp, "package")


def words_of(entry):
    """The capitalised single words of one list entry ("van der Berg" gives "Berg"; "Jean-Luc" stays whole)."""
    for word in entry.replace(",", " ").split():
        word = unicodedata.normalize("NFC", word.strip(".'"))
        if len(word) < 2 or not word[0].isupper():
            continue  # particles (van, de), initials, scripts without case (CJK, Arabic, Thai)
        if not all(c.isalpha() or c in "-'" for c in word):
            continue
        yield word.lower()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--faker")
    ap.add_argument("--words", default="/usr/share/dict/american-english")
    args = ap.parse_args()
    pkg = faker_dir(args.faker)
    version = json.load(open(os.path.join(pkg, "package.json")))["version"]
    if version != FAKER_VERSION:
        print(f"warning: faker {version}, the notice says {FAKER_VERSION}", file=sys.stderr)
    dump = subprocess.run(["node", "--input-type=module", "-e", DUMP_JS, os.path.join(pkg, "dist", "index.js")],
                          check=True, capture_output=True, text=True).stdout
    locales = json.loads(dump)
    first, last = set(), set()
    for name in sorted(locales):
        if name in SKIP_LOCALES:
            continue
        for entry in locales[name]["first"]:
            first.update(words_of(entry))
        for entry in locales[name]["last"]:
            last.update(words_of(entry))
    # Ordinary words: the list's lower-case entries (its capitalised ones are proper nouns, names among them).
    with open(args.words, encoding="utf-8") as f:
        common = {w.strip() for w in f if w.strip() and w.strip().islower() and "'" not in w}
    ambiguous = (first | last) & common
    os.makedirs(OUT, exist_ok=True)
    for file, names in (("first-names.txt", first), ("surnames.txt", last), ("name-words.txt", ambiguous)):
        with open(os.path.join(OUT, file), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(sorted(names)) + "\n")
        print(f"{file}: {len(names)} names")


if __name__ == "__main__":
    main()
