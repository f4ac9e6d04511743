// Package storage is the only room of loci that speaks SQL. It owns the
// SQLite file: its schema and numbered migrations (PRAGMA user_version), the
// queries behind every screen and command, transactions and backups.
//
// storage/folder reads the learner's decks folder (walk, stat, hash, parse)
// and hands the changed files to ApplyFolder; storage/anki reads Anki
// packages. It imports only deck's types (and deck/search's query tree,
// which search.go compiles to parameterised SQL: user text only ever travels
// as a parameter). It holds no scheduling logic: callers pass the times that
// bound a query (now, the learner day's start or end), the forgetting curve
// a retrievability search needs, and the function that turns a card's
// schedule into the next one.
//
// Invariants: one file in WAL mode with a busy timeout and foreign keys on,
// created with mode 0600; every answer is one IMMEDIATE transaction committed
// before the call returns; the review log is append-only (an UPDATE is
// refused by a trigger; undo deletes only the newest row); times are stored
// as Unix milliseconds in UTC; review_quarters, the answers tallied per
// quarter hour for the weekly summary, is derived from the log and kept
// equal to it by triggers on every insert and delete (see quarters.go), so
// that no writer has to remember it.
package storage
