-- Schema 4: the machine's idle draw just before an answer was requested (watts, averaged over the
-- two seconds before), so the energy an answer took above idle can be told from the whole machine's.
-- NULL when it was not measured (no power meter, or none of its readings fell in those two seconds).

ALTER TABLE messages ADD COLUMN idle_watts REAL;
