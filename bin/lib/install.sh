# Shared by bin/serve and bin/build (sourced, not run): put the course and its `pdf` extra
# into .venv. Usage: bb_install NAME, from the repository root.
# BB_PANGO is set to "missing" when WeasyPrint (the handouts) cannot load afterwards.
bb_install() {
  local name="$1" need_apt=()
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_apt+=(python3-venv)
  # WeasyPrint draws the handouts' text with Pango, a system library pip cannot install.
  ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0' || need_apt+=(libpangoft2-1.0-0)
  if [ ${#need_apt[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
  if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "${name}: please install first: sudo apt-get install python3-venv" >&2
    exit 1
  fi
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # pip takes seconds even when nothing changed: skip it while pyproject.toml is what was
  # installed last time (its hash is kept in the venv) and the engine still imports.
  local stamp=.venv/.bb-installed want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1) pdf"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! .venv/bin/python -c 'import coursemodel, mkdocs, material' >/dev/null 2>&1; then
    .venv/bin/pip install -q -e '.[pdf]'
    echo "$want" >"$stamp"
  fi
  BB_PANGO=ok
  if ! .venv/bin/python -c 'import weasyprint' >/dev/null 2>&1; then
    BB_PANGO=missing
  fi
}
