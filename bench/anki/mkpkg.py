#!/usr/bin/env python3
"""Writes an Anki package (legacy layout: collection.anki2 at schema 11, a
JSON media map, plain media files) for the Anki import benchmarks.

mkpkg.py OUT.apkg NOTES FIELD_BYTES REVIEWS_PER_CARD MEDIA

Each note is a "Basic (and reversed card)" note (two cards) whose two fields
hold FIELD_BYTES bytes of words each, plus an <img> of one of the MEDIA files
when there are any; each card has REVIEWS_PER_CARD review-log rows (two
learning steps, then reviews), and a studied schedule when it has reviews.
"""
import json
import os
import sqlite3
import sys
import tempfile
import zipfile

out, notes, field_bytes, reviews, media = sys.argv[1], *map(int, sys.argv[2:6])
mid, did = 1342697561419, 1
models = {str(mid): {"name": "Basic (and reversed card)", "type": 0,
                     "flds": [{"name": "Front"}, {"name": "Back"}],
                     "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"},
                               {"name": "Card 2", "ord": 1, "qfmt": "{{Back}}", "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"}]}}
decks = {str(did): {"name": "Default"}, "2": {"name": "Lang::Bench"}}
with tempfile.TemporaryDirectory() as tmp:
    col = os.path.join(tmp, "collection.anki2")
    db = sqlite3.connect(col)
    db.executescript("""
    CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
      ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
      models text not null, decks text not null, dconf text not null, tags text not null);
    CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
      usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
      flags integer not null, data text not null);
    CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
      mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
      ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
      odue integer not null, odid integer not null, flags integer not null, data text not null);
    CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
      ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
    CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
    CREATE INDEX ix_cards_nid on cards (nid);
    CREATE INDEX ix_revlog_cid on revlog (cid);
    """)
    db.execute("INSERT INTO col VALUES (1, 1577836800, 0, 0, 11, 0, 0, 0, ?, ?, ?, '{}', '{}')",
               (json.dumps({"schedVer": 2}), json.dumps(models), json.dumps(decks)))
    word = "word "
    big = (word * (field_bytes // len(word) + 1))[:max(field_bytes - 20, 0)]
    rev = 1600000000000
    for i in range(notes):
        nid = 1000000 + i
        img = f' <img src="{i % media}.png">' if media else ""
        db.execute("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ' bench ', ?, '', 0, 0, '')",
                   (nid, f"g{i:06d}", mid, f"front {i} {big}\x1f{big} back {i}{img}"))
        for ord_ in range(2):
            cid = nid * 10 + ord_
            studied = reviews > 0
            db.execute("INSERT INTO cards VALUES (?, ?, 2, ?, 0, 0, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, '')",
                       (cid, nid, ord_, 2 if studied else 0, 2 if studied else 0, 400 if studied else i,
                        30 if studied else 0, 2500 if studied else 0, reviews))
            for k in range(reviews):
                rev += 1
                db.execute("INSERT INTO revlog VALUES (?, ?, 0, 3, ?, 0, 2500, 4000, ?)", (rev, cid, k + 1, 0 if k < 2 else 1))
    db.commit()
    db.close()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(col, "collection.anki2")
        z.writestr("media", json.dumps({str(i): f"{i}.png" for i in range(media)}))
        for i in range(media):
            z.writestr(str(i), b"\x89PNG bench image %d" % i)
