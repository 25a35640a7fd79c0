#!/usr/bin/env bash
# Builds the CLI's standalone distribution: cli/target/runbook-cli-VERSION.tar.gz, one directory
# runbook-cli-VERSION/ with
#   bin/runbook                 the launcher (the same script as the checkout's; needs Java 17+)
#   lib/*.jar                   the CLI jar and its dependencies
#   completion/runbook.bash     bash completion (completion/_runbook: zsh)
#   examples/hello-http.yaml    a runbook to try `runbook validate` on
#   README.md                   how to install it
# Builds the CLI first through the reactor (never installs); SKIP_BUILD=1 uses the jars already in
# cli/target. Prints the tarball's path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -pl cli -am package -DskipTests -Djacoco.skip=true
fi
[ -f cli/target/runbook-cli.jar ] || { echo "dist: cli/target/runbook-cli.jar is missing" >&2; exit 1; }

# The version the jar's manifest carries (Implementation-Version, from the project's version).
version="$(RUNBOOK_CDS=0 bin/runbook --version | sed -n '1s/^runbook //p')"
case "$version" in
  "" | unknown*) echo "dist: the CLI jar carries no version ($version)" >&2; exit 1 ;;
esac
name="runbook-cli-$version"
stage="cli/target/dist/$name"
rm -rf cli/target/dist
mkdir -p "$stage/bin" "$stage/lib" "$stage/completion" "$stage/examples"
cp bin/runbook "$stage/bin/runbook"
chmod 755 "$stage/bin/runbook"
cp cli/target/runbook-cli.jar cli/target/lib/*.jar "$stage/lib/"
RUNBOOK_CDS=0 bin/runbook completion bash >"$stage/completion/runbook.bash"
RUNBOOK_CDS=0 bin/runbook completion zsh >"$stage/completion/_runbook"
cp runbooks-yaml/examples/hello-http.yaml "$stage/examples/"
cat >"$stage/README.md" <<README
# runbook CLI $version

The command line of the runbook engine, standalone: it needs only a Java runtime 17 or newer
(\`JAVA_HOME\`, else \`java\` on the PATH).

    tar -xzf $name.tar.gz -C ~/.local/opt
    ln -s ~/.local/opt/$name/bin/runbook ~/.local/bin/runbook
    runbook --version
    runbook validate ~/.local/opt/$name/examples/hello-http.yaml

Shell completion: \`source ~/.local/opt/$name/completion/runbook.bash\` in ~/.bashrc (zsh:
\`source .../completion/_runbook\` in ~/.zshrc), or \`source <(runbook completion bash)\`.

Commands that talk to the engine take \`--api URL\` (or RUNBOOK_API) and \`--token TOKEN\` (or
RUNBOOK_TOKEN). The first run creates a class-data sharing archive (lib/cds, else
~/.cache/runbook-cli/cds) so that later ones start faster; RUNBOOK_CDS=0 turns it off.
\`runbook --help\` lists the commands; each command's \`--help\` ends with its exit codes.
README
tarball="cli/target/$name.tar.gz"
tar -C cli/target/dist --sort=name --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "$root/$tarball"
