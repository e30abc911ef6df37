#!/usr/bin/env bash
# Sets up a clone for this project, the same way on a stock Debian or Ubuntu,
# a pyenv Python or a CI image: Java, Jython 2.7 and python3-venv from the
# distribution's packages (the scripts also run in a real Jython), then the
# toolkit and its dependencies into this clone's own .venv/ (never into the
# system Python, which Debian and Ubuntu mark externally managed).
# Safe to run again: with nothing to do it returns at once.
#   bash tools/setup.sh            toolkit, tests, demo
#   bash tools/setup.sh --ibm      also IBM's mas-devops, for invoke bench's comparison
set -euo pipefail
cd "$(dirname "$0")/.."

extras="dev"
for arg in "$@"; do
  case "$arg" in
    --ibm) extras="dev,ibm" ;;
    *) echo "setup.sh: unknown option $arg (known: --ibm)" >&2; exit 2 ;;
  esac
done

python=${MAXKIT_PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup.sh: $python not found; install python3 (3.11 or later)" >&2
  exit 1
fi

need_apt=()
command -v javac >/dev/null 2>&1 || need_apt+=(default-jdk-headless)
[ -f /usr/share/java/jython.jar ] || need_apt+=(jython)
if [ ! -x .venv/bin/python ] && ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need_apt+=(python3-venv)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "setup.sh: installing ${need_apt[*]} with apt-get" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi

# Reinstall only when what decides the install changed: pyproject.toml, the extras.
# An install with --ibm also serves a later plain run.
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $(readlink -f .venv/bin/python)"
stamp=.venv/.maxkit-setup
have=$(cat "$stamp" 2>/dev/null || true)
if [ "$have" != "$want $extras" ] && [ "$have" != "$want dev,ibm" ]; then
  .venv/bin/python -m pip install -qq --disable-pip-version-check -e ".[$extras]"
  echo "$want $extras" >"$stamp"
fi
