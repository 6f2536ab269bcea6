#!/bin/sh
# The system (Debian) packages the test suite needs: installed when this can (root, or sudo
# without a password), otherwise one line naming the missing ones and exit 1, at once.
# Called by `make test` (target `system`) and so by .ci/run; `make system` runs it alone.
#
# One package a line: the Debian package, then the shell test that shows it is there (what the
# suite really uses: a command on PATH, a header). Add a package here and nowhere else.
PACKAGES='
python3-venv "$PYTHON" -c "import ensurepip"
gettext      command -v msgfmt
chromium     command -v chromium || command -v chromium-browser
gcc          command -v cc
libc6-dev    test -e /usr/include/stdio.h
python3-dev  "$PYTHON" -c "import sys, sysconfig, os; sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()[\"include\"], \"Python.h\")))"
hunspell-en-gb test -e /usr/share/hunspell/en_GB.dic
hunspell-en-us test -e /usr/share/hunspell/en_US.dic
hunspell-eu  test -e /usr/share/hunspell/eu_ES.dic
hunspell-nl  test -e /usr/share/hunspell/nl_BE.dic
hunspell-fr  test -e /usr/share/hunspell/fr_FR.dic
hunspell-el  test -e /usr/share/hunspell/el_GR.dic
hunspell-pl  test -e /usr/share/hunspell/pl_PL.dic
hunspell-pt-pt test -e /usr/share/hunspell/pt_PT.dic
hunspell-ro  test -e /usr/share/hunspell/ro_RO.dic
hunspell-es  test -e /usr/share/hunspell/es_ES.dic
'
# `make bench` (MSM_SETUP_BENCH=1) also needs libenchant-2-2: pofilter's spellcheck filter
# (pyenchant) reads the same Hunspell dictionaries through it.
if [ "${MSM_SETUP_BENCH:-}" = 1 ]; then
    PACKAGES="$PACKAGES"'libenchant-2-2 "$PYTHON" -c "import ctypes.util, sys; sys.exit(not ctypes.util.find_library(\"enchant-2\"))"
'
fi
# python3-venv: `make` makes .venv with `python3 -m venv` (Debian's python3 lacks ensurepip)
# gettext:     msgfmt --check validates every PO file the tests write
# chromium:    the report's browser tests (Playwright drives Debian's Chromium; no download)
# gcc, libc6-dev, python3-dev: the suite's second pass compiles the check modules with mypyc
# hunspell-*: the dictionaries of the spelling check, one per language of the project
#
# MSM_SETUP_PRETEND_MISSING="chromium gettext" treats those as missing before installing (to
# rehearse a fresh machine on one that has them; the check after installing is the real one).
set -u
PYTHON=${PYTHON:-python3}
export PYTHON

missing() {  # the packages whose test fails; $1 = "pretend" to honour MSM_SETUP_PRETEND_MISSING
    echo "$PACKAGES" | while read -r package probe; do
        [ -n "$package" ] || continue
        if [ "$1" = pretend ]; then
            case " ${MSM_SETUP_PRETEND_MISSING:-} " in
                *" $package "*) printf '%s ' "$package"; continue ;;
            esac
        fi
        sh -c "$probe" >/dev/null 2>&1 || printf '%s ' "$package"
    done
}

need=$(missing pretend)
[ -n "$need" ] || exit 0
need=${need% }

if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
else
    echo "tools/setup-system.sh: missing Debian packages: $need (install them as root: apt-get install $need)" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "tools/setup-system.sh: missing packages: $need (no apt-get here: install their equivalents)" >&2
    exit 1
fi

echo "tools/setup-system.sh: installing $need"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086  # $sudo and $need are word lists
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $need; } >/dev/null; then
    echo "tools/setup-system.sh: apt-get install $need failed (see the messages above)" >&2
    exit 1
fi
still=$(missing real)
if [ -n "$still" ]; then
    echo "tools/setup-system.sh: still missing after apt-get install: ${still% } (for python3-dev: the headers of $PYTHON)" >&2
    exit 1
fi
