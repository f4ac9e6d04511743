// Command loci is a spaced-repetition study companion for the terminal.
//
// Run it with no arguments for the dashboard on the built-in guide deck;
// `loci --help` lists the commands. Everything lives in package cli and the
// rooms it wires; main only runs it and exits with its code.
package main

import (
	"os"

	"loci/cli"
)

func main() {
	os.Exit(cli.Run())
}
