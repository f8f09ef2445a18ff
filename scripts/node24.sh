# Sourced by `npm start` (scripts/start.sh) and the npx wrappers (scripts/bin/ixctl,
# services/loadgen/bin/ixload): the .ts sources need Node >= 24 (it strips
# types itself), and a fresh Debian 12 has Node 20. Installs nothing.

# ix_node_is_24: true when the `node` first on PATH is 24 or newer.
ix_node_is_24() {
  node -e 'process.exit(+process.versions.node.split(".")[0] >= 24 ? 0 : 1)' 2>/dev/null
}

# ix_use_node24 ROOT: puts a Node >= 24 first on PATH: the one already there,
# else ROOT/.tools/node_modules/.bin/node (what scripts/setup-env.sh installs).
# Returns 1 when neither exists.
ix_use_node24() {
  ix_node_is_24 && return 0
  [ -x "$1/.tools/node_modules/.bin/node" ] || return 1
  export PATH="$1/.tools/node_modules/.bin:$PATH"
}

# ix_no_node24 WHO ROOT: the one line that says what to run, on stderr.
ix_no_node24() {
  echo "$1: needs Node >= 24 (the node on PATH is $(node --version 2>/dev/null || echo missing)): run \`bash $2/scripts/setup.sh\` once (installs it into .tools/ from the npm registry, no root needed), or put Node 24 first on PATH" >&2
}
