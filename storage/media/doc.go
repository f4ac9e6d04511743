// Package media owns the media folder beside the database, where imported
// images and sounds live and the review screen opens them from. It stages
// an import's media and moves it into the folder only once the import's
// transaction has committed, so a failed, cancelled or dry-run import leaves
// the folder as it was.
//
// Files keep their names, as Anki's own import does
// (add_data_to_folder_uniquely and prepare_media in ankitects/anki rslib):
// a file whose name is free, or taken by the same bytes, keeps it; a file
// whose name another file already holds is stored as "stem-<sha1>.ext",
// where <sha1> is the hex SHA-1 of its own bytes, and the importer rewrites
// the cards' references to it. So no import ever overwrites another's file,
// a re-import finds the same names again, and the names stay the ones the
// learner knows.
//
// It touches files only: no SQL, no card content.
package media
