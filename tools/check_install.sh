#!/usr/bin/env bash
# Install mmdebias the way an MMAction2 user does, into a second, separate environment, and
# use it there.
#
#   bash tools/check_install.sh        # after tools/setup_env.sh (reuses its mmcv build)
#
# 1. `python -m build`: a wheel and an sdist in dist/ (from the project environment).
# 2. A second venv ($MMDEBIAS_COMPAT_VENV, default .venv-compat) with other allowed versions
#    (requirements/compat.txt: numpy 1.25, OpenCV 4.10, no mmdet) and the cached mmcv build;
#    the wheel installed with --no-deps, then the declared ranges (requirements/runtime.txt)
#    resolved by pip, plus openmim.
# 3. There, from a folder outside the repository (nothing of the checkout on sys.path):
#    import, resolve `_base_ = 'mmdebias::...'` before mmdebias is imported, train one tiny
#    ALBAR config for a few iterations through MMAction2's own tools/train.py and through
#    `mim train mmdebias`, and test it with `mim test`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${MMDEBIAS_VENV:-$ROOT/.venv}
CVENV=${MMDEBIAS_COMPAT_VENV:-$ROOT/.venv-compat}
CACHE=${MMDEBIAS_CACHE:-$HOME/.cache/mmdebias}
PY=${PYTHON:-python3}
t0=$(date +%s)
pip_in() {
  local venv=$1; shift
  "$venv/bin/python" -m pip install --disable-pip-version-check -q "$@" 2>&1 \
    | { grep -v '^WARNING: Location .* is ignored' || true; }
}

# 1) wheel + sdist
rm -rf dist build mmdebias/.mim/*.tmp
"$VENV/bin/python" -m build --no-isolation --outdir dist . >/tmp/mmdebias-build.log 2>&1 \
  || { tail -30 /tmp/mmdebias-build.log >&2; exit 1; }
wheel=$(ls dist/mmdebias-*.whl)
echo "[check_install] built $(ls dist | tr '\n' ' ')"
# an editable install's .mim holds symlinks; restore them (python -m build replaced them)
"$VENV/bin/python" -m pip install --disable-pip-version-check -q --no-deps \
  --no-build-isolation -e . 2>&1 | { grep -v '^WARNING: Location .* is ignored' || true; }

# 2) the second environment
mmcv_wheel=$(ls "$CACHE"/mmcv-2.1.0-torch2.13.0_cpu-py311/mmcv-2.1.0-*.whl)
stamp="$CVENV/.mmdebias-compat"
want="$(cat requirements/compat.txt requirements/runtime.txt requirements/mminstall.txt | md5sum | cut -c1-12)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  rm -rf "$CVENV"
  "$PY" -m venv "$CVENV"
  pip_in "$CVENV" -r requirements/compat.txt
  pip_in "$CVENV" --no-deps "$mmcv_wheel"
  # mmaction2 1.2.0 with the DRN package its PyPI artifacts lack (tools/build_mmaction_wheel.py)
  mma_wheel=$(MMDEBIAS_CACHE="$CACHE" "$VENV/bin/python" tools/build_mmaction_wheel.py | tail -1)
  # mmcv's own runtime deps (installed --no-deps above), the declared ranges, and mim
  pip_in "$CVENV" -c requirements/compat.txt addict packaging pillow pyyaml yapf "$mma_wheel" \
    -r requirements/runtime.txt -r requirements/mminstall.txt openmim pytest
  echo "$want" > "$stamp"
fi
# (uninstall first: a reinstall over an older version could leave its files behind)
"$CVENV/bin/python" -m pip uninstall -y -q mmdebias 2>/dev/null || true
pip_in "$CVENV" --no-deps "$wheel"
"$CVENV/bin/python" -m pip check --disable-pip-version-check

# 3) use it, outside the checkout
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tests/data"
cp -r tests/data/videos "$work/tests/data/"
cd "$work"
CPY="$CVENV/bin/python"
cp "$ROOT/tests/test_packaging/installed_checks.py" test_installed.py
MMDEBIAS_REPO="$ROOT" MMDEBIAS_MAIN_VENV="$VENV" OMP_NUM_THREADS=1 "$CPY" -m pytest -q -p no:cacheprovider \
  --rootdir "$work" --confcutdir "$work" test_installed.py
echo "[check_install] done in $(( $(date +%s) - t0 )) s ($CVENV)"
