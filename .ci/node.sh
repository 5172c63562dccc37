# Sourced by ./conversa: puts a Node.js 24 first on PATH for Vaadin's frontend build (the flow
# builder's canvas is a React component). Vaadin 25 needs Node 24+ and downloads it from
# nodejs.org when it finds none; where that cannot be reached, Node 24 comes from the npm
# registry instead, laid out as an installation with the machine's npm beside it (Vaadin uses
# a global Node only when npm sits next to it).

node_major() {
    "$1" --version 2>/dev/null | sed -n 's/^v\([0-9]*\).*/\1/p'
}

select_node() {
    if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge 24 ] 2>/dev/null; then
        return 0
    fi
    local home="$PWD/.tools/node24"
    if ! [ -x "$home/bin/node" ] || [ "$(node_major "$home/bin/node")" != 24 ]; then
        if ! command -v npm >/dev/null 2>&1; then
            echo "The web UI's build needs Node.js 24, or npm to fetch it; neither was found." >&2
            return 1
        fi
        echo "Fetching Node.js 24 from the npm registry into $home ..." >&2
        local download
        download="$(mktemp -d)"
        npm install --silent --no-audit --no-fund --prefix "$download" node@24 >/dev/null 2>&1
        mkdir -p "$home/bin" "$home/lib/node_modules"
        cp "$download/node_modules/node/bin/node" "$home/bin/node"
        rm -rf "$download"
        ln -sfn "$(npm root -g)/npm" "$home/lib/node_modules/npm"
        ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$home/bin/npm"
        ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$home/bin/npx"
    fi
    export PATH="$home/bin:$PATH"
}

select_node
