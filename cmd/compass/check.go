package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/compassbot/compass/content"
)

func init() {
	register(command{
		name:    "check",
		summary: "validate content (bundled pack, --pack DIR or --database-url): errors exit 1, warnings are listed",
		run:     runCheck,
	})
}

func runCheck(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	src := addSourceFlags(fs, env)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: compass check [--pack DIR | --database-url URL]")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	cs, err := src.open(ctx)
	if err != nil {
		var perrs content.PackErrors
		var perr content.PackError
		switch {
		case errors.As(err, &perrs):
			for _, e := range perrs {
				fmt.Fprintln(env.Stdout, e.Error())
			}
			fmt.Fprintf(env.Stdout, "%d error(s)\n", len(perrs))
		case errors.As(err, &perr):
			fmt.Fprintln(env.Stdout, perr.Error())
			fmt.Fprintln(env.Stdout, "1 error(s)")
		default:
			fmt.Fprintf(env.Stderr, "compass check: %v\n", err)
		}
		return 1
	}
	defer cs.Close()
	p := cs.Pack
	fmt.Fprintf(env.Stdout, "%s: pack %q, %d languages, %d regions, %d topics, %d intents (%d regional variants), %d services: no errors\n",
		cs.Origin, p.ID, len(p.Languages), len(p.Regions), len(p.Topics), len(p.IntentIDs()), len(p.Intents), len(p.Services))
	return 0
}
