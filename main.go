// Command loci is a spaced-repetition study companion for the terminal.
//
// Run it with no arguments for the dashboard on the built-in guide deck;
// `loci --help` lists the commands. Everything lives in package cli and the
// rooms it wires; main only hands it the process's arguments and signals.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"loci/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
