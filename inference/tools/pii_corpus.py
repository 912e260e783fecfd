#!/usr/bin/python3
"""Writes inference/src/test/resources/pii/structured.jsonl: the project's own labelled corpus for the sanitizer's
structured kinds (everything but PERSON and STREET_ADDRESS), in PiiBench's format.

Every entity is generated here (random, with valid check digits where the kind has them) and dropped into a
template, so offsets are exact; the non-entity lines hold text that looks like an entity but is not (versions,
dates, maths, order numbers, hashes, check-digit failures, ...). Deterministic: the same seed gives the same file.

    /usr/bin/python3 inference/tools/pii_corpus.py            # writes the file
    /usr/bin/python3 inference/tools/pii_corpus.py --check    # fails if the committed file is stale

Offsets are Python str indices, which equal Java String indices because every character is in the BMP.
"""
import base64
import json
import random
import string
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/test/resources/pii/structured.jsonl"
R = random.Random(20261122)
ALNUM = string.ascii_letters + string.digits


def rand(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def card():
    kind = R.choice(["visa", "visa", "mc", "mc2", "amex", "discover", "diners", "visa13"])
    prefix, length = {"visa": ("4", 16), "mc": (str(R.randint(51, 55)), 16), "mc2": ("2221", 16),
                      "amex": (R.choice(["34", "37"]), 15), "discover": ("6011", 16), "diners": ("36", 14),
                      "visa13": ("4", 13)}[kind]
    body = prefix + rand(string.digits, length - len(prefix) - 1)
    number = body + luhn_digit(body)
    style = R.choice(["plain", "space", "dash"]) if length in (16, 15) else "plain"
    if style == "plain":
        return number
    sep = " " if style == "space" else "-"
    if length == 15:
        return sep.join([number[:4], number[4:10], number[10:]])
    return sep.join(number[i:i + 4] for i in range(0, 16, 4))


def bad_card():
    body = "4" + rand(string.digits, 14)
    good = luhn_digit(body)
    wrong = str((int(good) + R.randint(1, 9)) % 10)
    n = body + wrong
    return " ".join(n[i:i + 4] for i in range(0, 16, 4))


def mod97(s):
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97


IBAN_BBAN = {"GB": lambda: rand(string.ascii_uppercase, 4) + rand(string.digits, 14),
             "DE": lambda: rand(string.digits, 18), "NL": lambda: rand(string.ascii_uppercase, 4) + rand(string.digits, 10),
             "ES": lambda: rand(string.digits, 20), "FR": lambda: rand(string.digits, 23),
             "IT": lambda: rand(string.ascii_uppercase, 1) + rand(string.digits, 22), "CH": lambda: rand(string.digits, 17),
             "BE": lambda: rand(string.digits, 12), "AT": lambda: rand(string.digits, 16)}


def iban(valid=True):
    country = R.choice(list(IBAN_BBAN))
    bban = IBAN_BBAN[country]()
    check = 98 - mod97(country + "00" + bban)
    if not valid:
        check = (check + R.randint(1, 50)) % 97 + 2
    s = f"{country}{check:02d}{bban}"
    if R.random() < 0.5:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


US_AREAS = ["212", "415", "312", "617", "202", "646", "503", "206", "305", "713", "404", "512", "720", "919"]


def us_phone():
    area, exch, line = R.choice(US_AREAS), str(R.randint(200, 989)), f"{R.randint(0, 9999):04d}"
    return R.choice([f"({area}) {exch}-{line}", f"{area}-{exch}-{line}", f"{area}.{exch}.{line}",
                     f"+1 {area} {exch} {line}", f"+1-{area}-{exch}-{line}"])


def foreign_phone():
    return R.choice([
        f"+44 20 7946 {R.randint(0, 999):04d}", f"+44 7700 900{R.randint(0, 999):03d}",
        f"+49 30 {R.randint(1000000, 9999999)}", f"+33 1 {R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)}",
        f"0{R.randint(61, 69)} {R.randint(100, 999)} {R.randint(1000, 9999)}", f"07700 900 {R.randint(100, 999)}",
        f"0{R.randint(1, 9)}.{R.randint(10, 99)}.{R.randint(10, 99)}.{R.randint(10, 99)}.{R.randint(10, 99)}",
        f"+41 (0)44 {R.randint(100, 999)} {R.randint(10, 99)} {R.randint(10, 99)}"])


def ssn(valid=True):
    if valid:
        area = R.choice([R.randint(1, 665), R.randint(667, 899)])
        return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"
    return R.choice([f"000-{R.randint(10, 99)}-{R.randint(1000, 9999)}", f"666-{R.randint(10, 99)}-{R.randint(1000, 9999)}",
                     f"9{R.randint(10, 99)}-{R.randint(10, 99)}-{R.randint(1000, 9999)}",
                     f"{R.randint(100, 665)}-00-{R.randint(1000, 9999)}", f"{R.randint(100, 665)}-{R.randint(10, 99)}-0000"])


NINO_1 = "ABCEGHJKLMNOPRSTWXYZ"
NINO_2 = "ABCEGHJKLMNPRSTWXYZ"


def nino():
    while True:
        p = R.choice(NINO_1) + R.choice(NINO_2)
        if p not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    d = rand(string.digits, 6)
    s = R.choice("ABCD")
    return R.choice([f"{p}{d}{s}", f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}"])


def dni():
    letters = "TRWAGMYFPDXBNJZSQVHLCKE"
    if R.random() < 0.6:
        n = R.randint(10000000, 99999999)
        return f"{n}{letters[n % 23]}"
    lead = R.choice("XYZ")
    n = R.randint(1000000, 9999999)
    return f"{lead}{n:07d}{letters[int(str('XYZ'.index(lead)) + f'{n:07d}') % 23]}"


CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def codice_fiscale():
    body = (rand(string.ascii_uppercase, 6) + rand(string.digits, 2) + R.choice("ABCDEHLMPRST")
            + f"{R.randint(1, 71):02d}" + R.choice(string.ascii_uppercase) + rand(string.digits, 3))
    total = 0
    for i, c in enumerate(body):
        v = int(c) if c.isdigit() else ord(c) - 65
        total += CF_ODD[v] if i % 2 == 0 else v
    return body + chr(65 + total % 26)


def ipv4():
    first = R.choice([R.randint(1, 126), R.randint(128, 223)])
    return f"{first}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def ipv6():
    groups = [f"{R.randint(0, 0xffff):x}" for _ in range(8)]
    form = R.choice(["full", "compressed", "v4"])
    if form == "full":
        return ":".join(groups)
    if form == "compressed":
        return f"2001:db8:{groups[2]}::{groups[7]}" if R.random() < 0.5 else f"fe80::{groups[5]}:{groups[6]}:{groups[7]}"
    return f"::ffff:{ipv4()}"


def mac():
    octets = [f"{R.randint(0, 255):02x}" for _ in range(6)]
    octets[0] = f"{R.randint(0, 15):x}{R.choice('abcdef')}"  # at least one hex letter
    form = R.choice([":", "-", "."])
    if form == ".":
        h = "".join(octets)
        return ".".join(h[i:i + 4] for i in range(0, 12, 4))
    s = form.join(octets)
    return s.upper() if R.random() < 0.4 else s


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def token():
    kind = R.choice(["openai", "proj", "ghp", "github_pat", "slack", "aws", "google", "gitlab", "stripe", "jwt", "hf"])
    return {"openai": lambda: "sk-" + rand(ALNUM, 48), "proj": lambda: "sk-proj-" + rand(ALNUM + "_-", 56),
            "ghp": lambda: R.choice(["ghp_", "gho_"]) + rand(ALNUM, 36),
            "github_pat": lambda: "github_pat_" + rand(ALNUM, 22) + "_" + rand(ALNUM, 59),
            "slack": lambda: R.choice(["xoxb-", "xoxp-"]) + rand(string.digits, 12) + "-" + rand(string.digits, 13) + "-" + rand(ALNUM, 24),
            "aws": lambda: "AKIA" + rand(string.ascii_uppercase + string.digits, 16),
            "google": lambda: "AIza" + rand(ALNUM + "_-", 35), "gitlab": lambda: "glpat-" + rand(ALNUM + "_-", 20),
            "stripe": lambda: R.choice(["sk_live_", "rk_live_", "pk_live_"]) + rand(ALNUM, 24),
            "jwt": lambda: b64url({"alg": "HS256", "typ": "JWT"}) + "." + b64url({"sub": str(R.randint(1, 10**9)), "iat": R.randint(1600000000, 1800000000)}) + "." + rand(ALNUM + "_-", 43),
            "hf": lambda: "hf_" + rand(ALNUM, 34)}[kind]()


def pem():
    lines = "\n".join(rand(ALNUM + "+/", 64) for _ in range(R.randint(2, 4)))
    kind = R.choice(["RSA ", "EC ", "OPENSSH ", ""])
    return f"-----BEGIN {kind}PRIVATE KEY-----\n{lines}\n-----END {kind}PRIVATE KEY-----"


def random_secret():
    while True:
        s = rand(ALNUM, R.randint(28, 48))
        if sum(c.isdigit() for c in s) >= 2 and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


def password():
    return R.choice(["hunter2", "Tr0ub4dor&3", "S3cr3t!", "correct-horse-battery", "P@ssw0rd2024", "qwerty123",
                     "Summer2025!", "letmein99", "Zx9#kLm2pQ"]) + R.choice(["", str(R.randint(0, 99))])


FIRST = ["alice", "bob", "carol", "dmitri", "eve", "farah", "gustav", "hana", "ivan", "jun", "kofi", "lena", "marco",
         "noor", "oskar", "priya", "quentin", "rosa", "sven", "tomoko"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.net", "uni-example.ac.uk", "example.de", "example.co.jp"]


def email():
    a, b = R.choice(FIRST), R.choice(FIRST)
    local = R.choice([a, f"{a}.{b}", f"{a}_{b}{R.randint(1, 99)}", f"{a}+news", f"{a[0]}{b}", a.capitalize() + b.capitalize()])
    return f"{local}@{R.choice(DOMAINS)}"


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def date():
    y, m, d = R.randint(1940, 2010), R.randint(1, 12), R.randint(1, 28)
    return R.choice([f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}", f"{MONTHS[m - 1]} {d}, {y}",
                     f"{d} {MONTHS[m - 1]} {y}", f"{d}th of {MONTHS[m - 1]} {y}" if d in (4, 5, 6, 7, 8, 9) else f"{d} {MONTHS[m - 1][:3]} {y}"])


def gps():
    lat, lon = R.uniform(-80, 80), R.uniform(-179, 179)
    form = R.choice(["pair", "pair", "hemi", "dms"])
    if form == "pair":
        return f"{lat:.{R.randint(4, 6)}f}, {lon:.{R.randint(4, 6)}f}"
    if form == "hemi":
        return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"

    def dms(v):
        v = abs(v)
        d = int(v)
        mi = int((v - d) * 60)
        s = ((v - d) * 60 - mi) * 60
        return f"{d}°{mi:02d}'{s:04.1f}\""
    return f"{dms(lat)}{'N' if lat >= 0 else 'S'} {dms(lon)}{'E' if lon >= 0 else 'W'}"


class Line:
    """A text built piece by piece, remembering where each entity landed."""

    def __init__(self):
        self.text = ""
        self.spans = []

    def add(self, s):
        self.text += s
        return self

    def ent(self, kind, s):
        self.spans.append({"type": kind, "start": len(self.text), "end": len(self.text) + len(s)})
        self.text += s
        return self


def build(template, **values):
    """template has {name} slots; values map name -> (kind or None, text)."""
    line = Line()
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        line.add(before)
        kind, text = values[name]
        if kind:
            line.ent(kind, text)
        else:
            line.add(text)
    line.add(rest)
    return line


def entity_lines():
    out = []
    E = lambda k, v: (k, v)  # noqa: E731
    for _ in range(45):
        out.append(build(R.choice(["Please reply to {e} before Friday.", "My email is {e}", "cc: {e}; {f}",
                                   "Contact {e} for access.", "From: {e}\nSubject: invoice", "<{e}> wrote:"]),
                         e=E("EMAIL_ADDRESS", email()), f=E("EMAIL_ADDRESS", email())))
    for _ in range(30):
        out.append(build(R.choice(["Call me at {p} after six.", "My number is {p}.", "Phone: {p}", "You can reach the office on {p}",
                                   "Ring {p} if the build breaks", "{p} is my cell"]), p=E("PHONE_NUMBER", us_phone())))
    for _ in range(22):
        out.append(build(R.choice(["Mobile: {p}", "Tel: {p}", "Fax: {p}", "Call me on {p} tomorrow.", "my phone number is {p}",
                                   "WhatsApp {p} please"]), p=E("PHONE_NUMBER", foreign_phone())))
    for _ in range(45):
        out.append(build(R.choice(["Card: {c}, exp 09/27", "charge {c} for the order", "my card number is {c}",
                                   "Use {c} (CVV on the back).", "The Visa {c} was declined", "{c}"]), c=E("CREDIT_CARD", card())))
    for _ in range(35):
        out.append(build(R.choice(["IBAN: {i}", "Please transfer to {i} by Monday.", "pay into {i}, ref invoice 2291",
                                   "Bank details: {i} (BIC DEUTDEFF)"]), i=E("IBAN_CODE", iban())))
    for _ in range(28):
        out.append(build(R.choice(["ssh admin@{a}", "The server at {a} refuses connections", "Blocked {a} after 5 failed logins",
                                   "curl http://{a}:8080/health", "my router is {a}", "{a} - - [22/Nov/2026] \"GET / HTTP/1.1\" 200"]),
                         a=E("IP_ADDRESS", ipv4())))
    for _ in range(14):
        out.append(build(R.choice(["ping6 {a}", "inet6 {a}/64 scope global", "The AAAA record points to {a}."]),
                         a=E("IP_ADDRESS", ipv6())))
    for _ in range(20):
        out.append(build(R.choice(["ether {m} txqueuelen 1000", "MAC address {m}", "whitelist device {m} on the router",
                                   "Wi-Fi adapter: {m}"]), m=E("MAC_ADDRESS", mac())))
    for _ in range(30):
        user, pw = R.choice(FIRST), password().replace("@", "").replace("#", "").replace("/", "").replace("&", "")
        form = R.choice(["userinfo", "db", "query", "query", "aws"])
        if form == "userinfo":
            out.append(build("git clone https://{u}/acme/tools.git", u=E("URL_SECRET", f"{user}:{pw}")).add(""))
            out[-1] = build("git clone https://{u}@git.example.com/acme/tools.git", u=E("URL_SECRET", f"{user}:{pw}"))
        elif form == "db":
            out.append(build("DATABASE_URL=postgres://{u}@db.internal:5432/app", u=E("URL_SECRET", f"{user}:{pw}")))
        elif form == "query":
            name = R.choice(["token", "api_key", "access_token", "key", "client_secret"])
            out.append(build("GET https://api.example.com/v2/items?" + name + "={v}&page=2 returns 401",
                             v=E("URL_SECRET", random_secret())))
        else:
            out.append(build("The link https://bucket.s3.amazonaws.com/report.pdf?X-Amz-Expires=3600&X-Amz-Signature={v} expired.",
                             v=E("URL_SECRET", rand("0123456789abcdef", 64))))
    for _ in range(30):
        out.append(build(R.choice(["export OPENAI_API_KEY={t}", "my key is {t}, why does it fail?", "Authorization: Bearer {t}",
                                   "token = \"{t}\"", "I pasted {t} into the config"]), t=E("SECRET", token())))
    for _ in range(5):
        out.append(build("Here is my key:\n{k}\nWhy does ssh reject it?", k=E("SECRET", pem())))
    for _ in range(12):
        out.append(build(R.choice(["password={p}", "DB_PASSWORD: {p}", "passwd: {p}", "\"password\": \"{p}\"", "my password is: {p}",
                                   "secret: {p}"]), p=E("SECRET", password())))
    for _ in range(8):
        out.append(build(R.choice(["use this token: {s}", "session cookie {s} keeps expiring", "client_secret={s}"]),
                         s=E("SECRET", random_secret())))
    for _ in range(25):
        v = ssn()
        if R.random() < 0.25:
            out.append(build(R.choice(["SSN: {s}", "social security number {s}"]), s=E("US_SSN", v.replace("-", R.choice(["", " "])))))
        else:
            out.append(build(R.choice(["SSN {s} on the W-2", "My social security number is {s}.", "{s} (employee)"]), s=E("US_SSN", v)))
    for _ in range(10):
        out.append(build(R.choice(["NI number: {n}", "My National Insurance number is {n}.", "NINO {n}"]), n=E("NATIONAL_ID", nino())))
    for _ in range(10):
        out.append(build(R.choice(["DNI {n}", "Mi NIE es {n}.", "documento: {n}"]), n=E("NATIONAL_ID", dni())))
    for _ in range(8):
        out.append(build(R.choice(["codice fiscale {n}", "CF: {n}"]), n=E("NATIONAL_ID", codice_fiscale())))
    for _ in range(22):
        out.append(build(R.choice(["I'm at {g}, come pick me up", "Location: {g}", "The cabin is at {g}.", "drop pin {g}"]),
                         g=E("GPS_COORDINATES", gps())))
    for _ in range(22):
        out.append(build(R.choice(["DOB: {d}", "born on {d}", "Date of birth: {d}", "My birthday is {d}.", "d.o.b. {d}",
                                   "Patient (date of birth {d}) was seen today"]), d=E("DATE_OF_BIRTH", date())))
    for _ in range(25):
        user = R.choice(FIRST) + R.choice(["", "", str(R.randint(1, 9)), ".smith"])
        form = R.choice(["linux", "mac", "win", "win2"])
        if form == "linux":
            out.append(build("cat {h}/projects/app/.env", h=E("HOME_PATH", f"/home/{user}")))
        elif form == "mac":
            out.append(build("Error: cannot open {h}/Library/Logs/app.log", h=E("HOME_PATH", f"/Users/{user}")))
        elif form == "win":
            out.append(build("C:\\> dir {h}\\Documents", h=E("HOME_PATH", f"C:\\Users\\{user}")))
        else:
            out.append(build("path = \"{h}\\\\AppData\\\\Local\\\\app\"", h=E("HOME_PATH", f"C:\\\\Users\\\\{user}")))
    return out


def non_entity_lines():
    n = lambda a, b: str(R.randint(a, b))  # noqa: E731
    makers = [
        lambda: f"Upgrade to version {n(1, 9)}.{n(0, 20)}.{n(0, 30)} before deploying.",
        lambda: f"Fixed in v{n(1, 4)}.{n(0, 9)}.{n(0, 9)}, see the changelog.",
        lambda: f"Requires Python 3.{n(8, 13)}.{n(0, 9)} or newer.",
        lambda: f"firmware v{n(1, 9)}.{n(0, 9)}.{n(0, 99)}.{n(0, 999)} is installed",
        lambda: f"version {n(1, 20)}.0.0.{n(1, 200)} of the driver",
        lambda: f"The meeting is on {R.randint(2020, 2027)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} at {R.randint(8, 17)}:30.",
        lambda: f"Deadline: {R.randint(1, 28):02d}/{R.randint(1, 12):02d}/{R.randint(2020, 2027)}",
        lambda: f"We shipped it on {R.choice(MONTHS)} {R.randint(1, 28)}, {R.randint(2015, 2026)}.",
        lambda: f"{n(2, 99)}.{n(10, 99)} * {n(2, 9)} = ? and 3.14159 / 2 = 1.570795",
        lambda: f"x = {n(1, 9)}.{n(100, 999)}, {n(1, 9)}.{n(10, 99)}; y = 0.5 * (a + b)",
        lambda: f"Order #{n(100000, 999999)} hasn't arrived yet.",
        lambda: f"order number {n(10000000, 99999999)} was refunded",
        lambda: f"Invoice INV-{R.randint(2020, 2026)}-{R.randint(1, 99999):05d} is overdue.",
        lambda: f"ticket {n(1000000, 9999999)} is still open",
        lambda: f"Tracking number {n(10**11, 10**12 - 1)}{n(10, 99)}",
        lambda: R.choice(["getUserAccountSettingsForAdmin()", "AbstractSingletonProxyFactoryBean", "MAX_RETRY_COUNT_PER_REQUEST",
                          "snake_case_variable_name_here = 3", "HttpServletRequestWrapperFactory2", "ConcurrentHashMap<String, List<Int>>",
                          "org.springframework.boot.autoconfigure.SpringBootApplication", "useEffectOnceWhenVisible(callback)"]),
        lambda: f"Set the background to #{rand('0123456789abcdef', 6)} and the border to #{rand('0123456789ABCDEF', 3)}.",
        lambda: f"mask = 0x{rand('0123456789ABCDEF', 8)}",
        lambda: f"The server listens on localhost:{n(1024, 65535)}.",
        lambda: f"Open http://127.0.0.1:{n(3000, 9000)}/ in the browser",
        lambda: f"bind 0.0.0.0:{n(80, 9000)} and netmask 255.255.255.0",
        lambda: f"port {n(1024, 65535)} is blocked by the firewall",
        lambda: f"The job took {n(1, 59)}m {n(1, 59)}s (about {n(1, 9)}.{n(100, 999)} s per item).",
        lambda: f"Timestamp {n(0, 23):0>2}:{n(0, 59):0>2}:{n(0, 59):0>2}.{n(100, 999)}",
        lambda: R.choice(["ISBN 978-3-16-148410-0", "ISBN-13: 9780306406157", "ISBN 0-306-40615-2", "EAN 4006381333931"]),
        lambda: "request id " + "-".join(rand("0123456789abcdef", k) for k in (8, 4, 4, 4, 12)),
        lambda: f"commit {rand('0123456789abcdef', 40)} broke the build",
        lambda: f"git cherry-pick {rand('0123456789abcdef', 7)}",
        lambda: f"sha256: {rand('0123456789abcdef', 64)}",
        lambda: f"created_at {n(1600000000000, 1799999999999)} (epoch ms)",
        lambda: f"Card {bad_card()} is a typo, the last digit is wrong.",
        lambda: f"IBAN {iban(valid=False)} fails the checksum",
        lambda: f"SSN {ssn(valid=False)} is not a valid number",
        lambda: f"It costs ${n(1, 9)},{n(100, 999)}.{n(10, 99)} or €{n(10, 99)}.50",
        lambda: f"The population is {n(1, 9)},{n(100, 999)},{n(100, 999)}.",
        lambda: f"between {n(1, 9)}.{n(1, 9)}, {n(1, 9)}.{n(1, 9)} and {n(10, 90)}.{n(1, 99)}, {n(10, 90)}.{n(1, 99)}",
        lambda: R.choice(["cat /home/user/.bashrc", "ls /usr/local/bin", "C:\\Users\\Public\\Documents", "cd ~/projects/app",
                          "/home/$USER/.config", "copy to C:\\Users\\Default\\AppData", "export PATH=/opt/bin:$PATH"]),
        lambda: R.choice(["std::vector<int> v;", "Foo::bar() returns", "listen on [::1]:8080", "a::b::c", "ip6 ::",
                          "std::map<std::string, int>"]),
        lambda: R.choice(["antidisestablishmentarianism", "Pneumonoultramicroscopicsilicovolcanoconiosis",
                          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "abcdefghijklmnopqrstuvwxyz0123"]),
        lambda: R.choice(["Reset your password: click the link in the email.", "password: string;", "token: 0.5",
                          "api_key = os.environ['API_KEY']", "password = getpass()", "PASSWORD=${DB_PASSWORD}",
                          "secret: <your secret here>", "password: ********", "the token: it expired", "apiKey: process.env.KEY"]),
        lambda: f"I was born in {n(1950, 2005)} and moved in {n(1990, 2020)}.",
        lambda: f"Room {n(100, 999)}, floor {n(1, 9)}; bus {n(1, 99)} leaves at {n(6, 9)}:{n(10, 59)}.",
        lambda: f"The function call returned {n(1000000, 99999999)} rows",
        lambda: f"Build {n(1000, 9999)} passed {n(100, 999)} tests in {n(10, 99)}.{n(1, 9)} s",
        lambda: f"Zip code {n(10000, 99999)}, {n(1, 9)} {n(10, 99)} {n(100, 999)} steps",
        lambda: f"Page {n(1, 400)} of {n(400, 999)}, chapter {n(1, 9)}.{n(1, 9)}.{n(1, 9)}",
        lambda: f"{n(1, 9)}.{n(1, 9)}.{n(1, 9)}",
        lambda: f"Call stack depth {n(10, 99)}, frames {n(100, 999)}",
        lambda: f"UTF-8 is {n(1, 4)} bytes; 1 GiB = 1073741824 bytes",
        lambda: f"lat/long roughly {n(10, 60)}.{n(1, 9)}, {n(1, 99)}.{n(1, 9)}",
        lambda: f"The photo is {n(1000, 6000)}x{n(1000, 6000)} at {n(72, 300)} dpi",
        lambda: f"Score {n(10, 99)}-{n(10, 99)}, ratio {n(1, 9)}:{n(1, 9)}",
    ]
    out = []
    for i in range(260):
        line = Line().add(makers[i % len(makers)]())
        out.append(line)
    return out


def mixed_lines():
    out = []
    for _ in range(25):
        out.append(build("Upgrade to v{v} and email {e} the result; order #{o}.", v=(None, f"{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}"),
                         e=("EMAIL_ADDRESS", email()), o=(None, str(R.randint(100000, 999999)))))
    for _ in range(15):
        out.append(build("Commit {h} added {a} to the allow list (see ticket {t}).", h=(None, rand("0123456789abcdef", 40)),
                         a=("IP_ADDRESS", ipv4()), t=(None, str(R.randint(1000, 99999)))))
    return out


def main():
    lines = entity_lines() + non_entity_lines() + mixed_lines()
    R.shuffle(lines)
    text = "".join(json.dumps({"text": l.text, "spans": l.spans}, ensure_ascii=False) + "\n" for l in lines)
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is stale: run {sys.argv[0]}")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    counts = {}
    for l in lines:
        for s in l.spans:
            counts[s["type"]] = counts.get(s["type"], 0) + 1
    print(f"{len(lines)} lines, {sum(counts.values())} entities, {sum(1 for l in lines if not l.spans)} lines without any: {counts}")


if __name__ == "__main__":
    main()
