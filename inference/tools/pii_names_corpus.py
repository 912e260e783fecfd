#!/usr/bin/python3
"""Writes inference/src/test/resources/pii/names-addresses.jsonl, the project's own labelled corpus for PERSON and
STREET_ADDRESS (PiiBench's corpus format), deterministically (fixed seed, no input files):

    /usr/bin/python3 inference/tools/pii_names_corpus.py

Names are written here by hand: common ones the gazetteer knows and others it does not (made-up or rare spellings),
so the score is not just a look-up test. Addresses are put together from hand-written streets, units and towns.
The texts with no spans are the tricky non-entities: capitalised common words, months, places, products, streets
with no number.
"""
import json
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "pii",
                   "names-addresses.jsonl")

FULL_NAMES = ["Maria Lopez", "John Carter", "Aisha Rahman", "Tomasz Nowak", "Ingrid Halvorsen", "Pierre Dubois",
              "Giulia Romano", "Hannah Fischer", "Oluwaseun Adeyemi", "Kwabena Mensah", "Priya Natarajan",
              "Sean O'Connor", "Jean-Luc Moreau", "Anna-Lena Berg", "Carlos Mendes", "Emily Watson",
              "Liam Gallagher", "Zofia Wiśniewska", "Lars Eriksson", "Sofia Rossi", "David Cohen", "Fatima Zahra",
              "Mehmet Yılmaz", "Nguyen Van Minh", "Karin Lindqvist", "Robert Brown", "Sarah Miller", "James Wilson",
              "Chloe Martin", "Elena Petrova", "Dmitri Volkov", "Yusuf Okafor", "Brennagh Tully", "Quillon Marsh",
              "Teodora Vasquez-Lind", "Oskar Brandvold", "Ruairí Ó Dónaill", "Wenceslas Kubrin"]
FIRST_ONLY = ["Maria", "Ahmed", "Ingrid", "Giulia", "Thomas", "Emma", "Lukas", "Chiara", "Olga", "Noah", "Isabel",
              "Daniel", "Brennagh", "Quillon", "Teodora"]
INITIALED = ["Anna K. Schmidt", "Peter J. Hall", "Mira T. Okonkwo", "Felix R. Baum", "Ilse M. Varga"]
TITLED = [("Dr. ", "Hartmann"), ("Mrs. ", "Okafor"), ("Mr. ", "Delacroix"), ("Ms. ", "Tanaka"),
          ("Prof. ", "Lindgren"), ("Dr ", "Abernethy"), ("Mr ", "Quigley"), ("Frau ", "Weber")]

PERSON_TEMPLATES = [
    "Can you write a short thank-you note to {P} for the flowers?",
    "{P} asked me to move our meeting to next week.",
    "I had lunch with {P} and we talked about the budget.",
    "Please summarise this email from {P} in two sentences.",
    "My name is {P} and I need help with a cover letter.",
    "Dear {P},\nthank you for your quick reply.",
    "Kind regards,\n{P}",
    "Draft a reply to {P}: the invoice was paid on time.",
    "Is it rude to remind {P} about the money twice?",
    "Tell me how to congratulate {P} on the new job.",
    "I'm {P}, the new volunteer coordinator.",
    "Remind me to call {P} after the dentist.",
    "Translate into French: {P} will arrive on the evening train.",
    "{P}'s birthday is coming up, any gift ideas?",
]
TITLE_TEMPLATES = [
    "I have an appointment with {T}{P} on the ninth floor.",
    "Write a formal letter to {T}{P} about the noise complaint.",
    "{T}{P} said the results look normal.",
]
LIST_TEMPLATE = "The committee is {P1}, {P2} and {P3}."

STREETS = ["12 Baker Street", "221B Baker Street", "1600 Pennsylvania Avenue NW", "45 Elm Road", "8 Church Lane",
           "730 Maple Drive", "17 Rosewood Court", "3 Harbour View", "99 Station Road", "402 Oak Ave",
           "56 Kingsway Blvd", "11 Mill Hill", "27 Willow Crescent", "5 Chapel Close", "1400 Sunset Blvd",
           "Hauptstraße 14", "Augsburger Strasse 36", "Parijsstraat 8", "Vesterskovvej 79", "Snellmaninkatu 55",
           "Drottninggatan 71", "Rue de la Paix 12", "18 rue des Lilas", "Via Roma 131", "Calle Mayor 22",
           "Avenida Paulista 1578", "ul. Długa 44", "Rua Augusta 210", "Piazza Navona 3", "Kongens Gade 9"]
UNITS = ["Apt. 4B", "Suite 300", "Flat 2", "Unit 7", "#12"]
TOWNS = ["Springfield, IL 62704", "London SW1A 1AA", "Leeds LS1 4DY", "Berlin", "Amsterdam", "Copenhagen",
         "Helsinki", "Stockholm", "Paris", "Rome", "Madrid", "São Paulo", "Gdańsk", "Lisbon", "Boston, MA 02116",
         "Toronto, ON M5V 2T6", "Portland, OR 97205"]
ADDRESS_TEMPLATES = [
    "Please send the parcel to {A}.",
    "My new address is {A}, can you update my account?",
    "We moved to {A} last month.",
    "The party is at {A} on Saturday.",
    "Ship it to:\n{A}",
    "I live at {A} and the bins are collected on Tuesdays.",
    "Write a complaint to my landlord about the heating at {A}.",
    "Return address: {A}",
]
BOXES = ["PO Box 4471", "P.O. Box 12", "Postbox 53"]

NEGATIVES = [
    "Will you help me plan a trip to Lisbon in May?",
    "May 5 is the deadline for the grant application.",
    "Mark the box if you agree, then hand it to reception.",
    "Grant access to the shared folder for the whole team.",
    "Summer is the best time to visit Norway.",
    "Rose gold is the most popular colour this year.",
    "Bill me at the end of the month please.",
    "Hunter boots are great for muddy walks.",
    "The meeting moved from Monday to Wednesday in April.",
    "Windows 11 keeps asking me to restart.",
    "Python 3 and Java 17 are both installed on the Raspberry Pi.",
    "How do I install Ruby on Rails on Ubuntu?",
    "Is Julia faster than Python for numerical work?",
    "Chapter 12 of the book explains the main idea.",
    "The Main Street bakery sells great bread.",
    "We walked along Oxford Street and then took the Tube.",
    "Paris and Florence were the highlights of the trip.",
    "The Amazon is the largest rainforest on Earth.",
    "Jordan and Georgia are both on my travel list.",
    "The Victoria line was closed all weekend.",
    "Apple released a new iPhone in September.",
    "Tesla Model 3 or a used Golf, which is cheaper to run?",
    "Our Christmas party is on Friday December 19.",
    "Happy New Year to all of you!",
    "The Beatles recorded Abbey Road in 1969.",
    "Grace period ends on June 30.",
    "Faith and hope are common themes in the poem.",
    "Art history was my favourite subject at school.",
    "Hope you are well, see you on Thursday.",
    "Summer Sale: 30% off everything until August.",
    "Please read section 4 of the Terms of Service.",
    "The Golden Gate Bridge is 2737 metres long.",
    "Room 101 is on the first floor.",
    "The Premier League season starts in August.",
    "Update the README and bump the version to 2.3.1.",
    "Call the API with a timeout of 30 seconds.",
    "Netflix raised its price by 2 dollars.",
    "The United States and Canada share a long border.",
    "New York has 5 boroughs.",
    "The European Union has 27 members.",
    "Christmas Day falls on a Thursday this year.",
    "The North Sea was rough on Tuesday.",
    "Our office is on the 3rd floor, next to the lifts.",
    "He scored 3 goals in 20 minutes.",
    "Step 1: open Settings. Step 2: choose Privacy.",
    "The Lord of the Rings has 3 volumes.",
    "Buy 2 lemons, 1 kg of flour and some eggs.",
    "Highway 1 runs along the coast of California.",
    "Route 66 is a famous road trip.",
    "The Google Pixel 8 has a good camera.",
    "Version 10 of the app fixed the crash.",
    "Visit Rome in April before the crowds arrive.",
    "Sunny days are forecast until Sunday.",
    "Will it rain tomorrow in Manchester?",
    "Angel Falls is the highest waterfall in the world.",
    "I read The Great Gatsby in one weekend.",
    "The Red Cross opened 4 new shelters.",
    "Our team uses Slack, Zoom and Microsoft Teams.",
    "Dawn broke over the hills at 6 o'clock.",
    "Chase Bank closes at 5 on Saturdays.",
    "Guy Fawkes Night is on 5 November.",
    "Hall 3 of the convention centre is closed.",
    "Brown rice takes 40 minutes to cook.",
    "King size beds need a bigger duvet.",
    "Young children should not use this app.",
    "The World Cup final drew 1.5 billion viewers.",
    "Spring cleaning starts in March.",
    "Turn left at the Station Road roundabout.",
    "The museum is near the Central Park entrance.",
    "Florence Nightingale Museum tickets cost 10 pounds.",
    "Order 12 Avocados and 3 Mangoes for the party.",
    "Model 3 Performance costs more than the Standard version.",
    "Add a Docker image for Debian 12 to the build.",
    "Unit 4 of the course covers derivatives.",
    "Suite 2 of the symphony is my favourite.",
    "The Eiffel Tower has 3 levels open to visitors.",
    "Please review PR 482 before Friday.",
    "Is Mercury visible in the sky in October?",
    "The Iron Man suit in Avengers 2 looks great.",
    "Cheers for the help yesterday!",
    "Thanks, that worked perfectly.",
    "Best practices for Kubernetes 1.29 upgrades?",
    "January sales start on the 2nd.",
    "The Supreme Court ruled 6 to 3.",
    "What does HTTP 404 mean?",
    "Fill in Form 1040 before April 15.",
    "Sector 7 of the park is closed for repairs.",
    "Gate 23 is at the far end of Terminal 2.",
    "Platform 9 is next to the ticket office.",
    "The Ocean Drive hotels are busy in March.",
    "Flight BA 117 leaves from Heathrow at 8.",
    "Channel 4 shows the final live.",
    "Level 5 of the car park has spaces.",
    "Read Psalm 23 at the service.",
    "Bay 6 in the warehouse needs restocking.",
    "Mission Control confirmed the launch for 9 am.",
    "Independence Day is on July 4.",
    "Lake Como is about 50 km from Milan.",
    "Mount Everest is 8849 metres high.",
]


def add(lines, text, spans):
    for s in spans:
        assert 0 <= s["start"] < s["end"] <= len(text), (text, s)
    lines.append({"text": text, "spans": spans})


def fill(template, **values):
    """The template with {KEY}s replaced, and the spans of the values (KEY's first letter picks the type)."""
    text = ""
    spans = []
    rest = template
    while "{" in rest:
        i = rest.index("{")
        j = rest.index("}", i)
        text += rest[:i]
        key = rest[i + 1:j]
        value = values[key]
        if key.startswith("T"):
            text += value
        else:
            kind = "PERSON" if key.startswith("P") else "STREET_ADDRESS"
            spans.append({"type": kind, "start": len(text), "end": len(text) + len(value)})
            text += value
        rest = rest[j + 1:]
    return text + rest, spans


def main():
    rng = random.Random(20261122)
    lines = []
    people = FULL_NAMES + FIRST_ONLY + INITIALED
    for i, name in enumerate(people * 2):
        text, spans = fill(PERSON_TEMPLATES[(i * 5 + i // len(people)) % len(PERSON_TEMPLATES)], P=name)
        add(lines, text, spans)
    for i, (title, surname) in enumerate(TITLED * 2):
        add(lines, *fill(TITLE_TEMPLATES[i % len(TITLE_TEMPLATES)], T=title, P=surname))
    for i in range(8):
        a, b, c = rng.sample(FIRST_ONLY + [n.split()[0] for n in FULL_NAMES[:10]], 3)
        add(lines, *fill(LIST_TEMPLATE, P1=a, P2=b, P3=c))
    for i in range(100):
        street = STREETS[i % len(STREETS)]
        parts = [street]
        if i % 3 == 0:
            parts.append(" " + UNITS[i % len(UNITS)])
        if i % 4 != 3:
            template = ADDRESS_TEMPLATES[i % len(ADDRESS_TEMPLATES)]
            sep = "\n" if i % 5 == 0 and template.endswith("{A}") else ", "
            parts.append(sep + rng.choice(TOWNS))
        if i % 10 == 9:
            parts = [BOXES[i % len(BOXES)], ", " + rng.choice(TOWNS)]
        address = "".join(parts)
        template = ADDRESS_TEMPLATES[i % len(ADDRESS_TEMPLATES)]
        if "\n" in address and template.endswith("."):
            template = template[:-1]
        add(lines, *fill(template, A=address))
    for i in range(12):  # a name and an address together, as in a signature
        text, spans = fill("{P}\n{A}", P=FULL_NAMES[i * 3 % len(FULL_NAMES)],
                           A=STREETS[i * 7 % len(STREETS)] + ", " + TOWNS[i % len(TOWNS)])
        add(lines, text, spans)
    for text in NEGATIVES:
        add(lines, text, [])
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    counts = {}
    for line in lines:
        for s in line["spans"]:
            counts[s["type"]] = counts.get(s["type"], 0) + 1
    print(f"{len(lines)} texts, {counts}, {len(NEGATIVES)} with nothing to find")


if __name__ == "__main__":
    main()
