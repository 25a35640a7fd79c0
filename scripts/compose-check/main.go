// Command compose-check loads Compose files the way `docker compose config` does, through the
// Compose Specification's own Go loader (compose-go): schema validation, interpolation of
// ${VARIABLES}, merging and normalisation. It prints the resolved project as YAML and exits 1 with
// the loader's message when a file is not valid. scripts/deploy-check.sh uses it where the Docker
// Compose plugin is not installed.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-check FILE [FILE...]")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(os.Args[1:], cli.WithOsEnv, cli.WithConsistency(true))
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	project, err := cli.ProjectFromOptions(context.Background(), options)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	out, err := project.MarshalYAML()
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}
