#!/usr/bin/python3
"""Writes src/test/resources/fixtures/pith-v1.db: a database as schema 1 of Pith left it.

Schema 1 is V001__initial.sql exactly as shipped; the rows cover what an upgrade must carry over:
two conversations, a regenerated answer (two sibling branches), an answer cut off mid-stream,
non-ASCII text and a setting. Run it with Debian's python3 (the sqlite3 module is in the standard
library): /usr/bin/python3 storage/tools/make_v1_fixture.py
"""
import os
import sqlite3

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "../src/main/resources/dev/pith/storage/migrations/V001__initial.sql")
OUT = os.path.join(HERE, "../src/test/resources/fixtures/pith-v1.db")

C1 = "11111111-1111-4111-8111-111111111111"
C2 = "22222222-2222-4222-8222-222222222222"
T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z


def msg(n):
    return "aaaaaaaa-0000-4000-8000-%012d" % n


def main():
    if os.path.exists(OUT):
        os.remove(OUT)
    db = sqlite3.connect(OUT)
    db.executescript(open(SCHEMA, encoding="utf-8").read())
    db.execute("PRAGMA user_version = 1")
    db.execute("PRAGMA application_id = %d" % 0x50697468)
    db.execute("INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?)",
               (C1, "Sourdough starter", T0, T0 + 40_000, 1, 0))
    db.execute("INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?)",
               (C2, "Crème brûlée für Anfänger", T0 + 100_000, T0 + 130_000, 0, 1))
    cols = ("id, conversation_id, parent_id, role, content, status, error, created, updated, model_id, "
            "backend, prompt_tokens, generated_tokens, ttft_ms, decode_tps, energy_j, avg_watts, power_source")
    rows = [
        (msg(1), C1, None, "user", "How often should I feed a sourdough starter?", "complete", None,
         T0, T0, None, None, None, None, None, None, None, None, None),
        (msg(2), C1, msg(1), "assistant", "Once a day at room temperature; weekly if it lives in the fridge.",
         "complete", None, T0 + 10_000, T0 + 12_000, "qwen2.5-1.5b-instruct", "cpu",
         31, 17, 812.5, 11.2, 9.4, 4.7, "pmic"),
        (msg(3), C1, msg(1), "assistant", "Feed it every 12 hours with equal weights of flour and water.",
         "complete", None, T0 + 20_000, T0 + 22_000, "qwen2.5-1.5b-instruct", "hailo",
         31, 15, 240.0, 8.1, 3.2, 1.6, "pmic"),
        (msg(4), C1, msg(3), "user", "And if I forget for a week?", "complete", None,
         T0 + 30_000, T0 + 30_000, None, None, None, None, None, None, None, None, None),
        (msg(5), C1, msg(4), "assistant", "It will smell of acetone, but a few feedings usually revive",
         "streaming", None, T0 + 40_000, T0 + 40_000, "qwen2.5-1.5b-instruct", "cpu",
         None, None, None, None, None, None, None),
        (msg(6), C2, None, "user", "Warum karamellisiert der Zucker nicht? \"Brûlée\" heißt doch gebrannt.",
         "complete", None, T0 + 100_000, T0 + 100_000, None, None, None, None, None, None, None, None, None),
        (msg(7), C2, msg(6), "assistant", "Der Zucker braucht direkte, starke Hitze: ein Brenner oder der Grill.",
         "cancelled", None, T0 + 110_000, T0 + 130_000, "deepseek-r1-distill-qwen-1.5b", "cpu",
         40, 22, 900.0, 10.0, None, None, None),
    ]
    db.executemany("INSERT INTO messages (%s) VALUES (%s)" % (cols, ", ".join("?" * 18)), rows)
    db.execute("INSERT INTO settings VALUES (?, ?, ?)", ("theme", '"dark"', T0))
    db.execute("INSERT INTO settings VALUES (?, ?, ?)", ("generation", '{"max_tokens": 512, "temperature": 0.7}', T0))
    db.commit()
    db.execute("VACUUM")
    db.close()
    print("wrote", os.path.relpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
