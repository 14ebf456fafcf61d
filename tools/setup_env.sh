#!/usr/bin/env bash
# Create (or reuse) the project's virtual environment with the pinned OpenMMLab stack.
#
#   bash tools/setup_env.sh            # venv in ./.venv
#   MMDEBIAS_VENV=/path bash tools/setup_env.sh
#
# Two layers: requirements/runtime.txt (etc.) say what the package supports (ranges, as
# declared by setup.py); requirements/constraints.txt pins the exact tested versions of this
# environment. Every pin has a one-line reason; see requirements/*.txt and README "Environment".
# The only slow step is building mmcv 2.1.0 with its CPU ops (~6 min on 2 cores); the built
# wheel is cached outside the repo in $MMDEBIAS_CACHE (default ~/.cache/mmdebias), keyed by
# the torch build, and reused by every later install.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${MMDEBIAS_VENV:-$ROOT/.venv}
CACHE=${MMDEBIAS_CACHE:-$HOME/.cache/mmdebias}
PY=${PYTHON:-python3}
TORCH_VERSION=2.13.0
MMCV_VERSION=2.1.0
t0=$(date +%s)

if [ ! -x "$VENV/bin/python" ]; then
  echo "[setup] creating venv $VENV"
  "$PY" -m venv "$VENV"
fi
VPY="$VENV/bin/python"
# (this machine's pip config lists local index folders that may not exist; hide that noise)
pip_install() {
  "$VPY" -m pip install --disable-pip-version-check -q "$@" 2>&1 \
    | { grep -v '^WARNING: Location .* is ignored' || true; }
}

stamp="$VENV/.mmdebias-stack"
want="torch=$TORCH_VERSION mmcv=$MMCV_VERSION $(cat requirements/*.txt | md5sum | cut -c1-12)"
PINS="-c requirements/constraints.txt"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "[setup] stack already installed in $VENV"
else
  # 1) torch first, pinned exactly (a loose 'torch' pulls a multi-GB CUDA build); setuptools
  #    pinned in the same install because torch pulls setuptools>=82, which drops pkg_resources.
  pip_install $PINS -r requirements/build.txt

  # 2) mmcv 2.1.0 with compiled CPU ops, from the sdist, built once and cached.
  tv=$("$VPY" -c 'import torch; print(torch.__version__.replace("+", "_"))')
  wheel_dir="$CACHE/mmcv-$MMCV_VERSION-torch$tv-py311"
  if ! ls "$wheel_dir"/mmcv-$MMCV_VERSION-*.whl >/dev/null 2>&1; then
    echo "[setup] building mmcv $MMCV_VERSION with CPU ops (one time, ~6 min on 2 cores) -> $wheel_dir"
    tmp=$(mktemp -d)
    "$VPY" -m pip download --no-deps --no-binary :all: --no-cache-dir -q -d "$tmp" \
      "mmcv==$MMCV_VERSION" 2>&1 | { grep -v '^WARNING: Location .* is ignored' || true; }
    # No build isolation: torch must be visible, or the wheel silently lacks ops.
    # CFLAGS replaces Python's defaults, so keep -O3 (plain -g0 builds at -O0).
    MMCV_WITH_OPS=1 FORCE_CUDA=0 MAX_JOBS=${MAX_JOBS:-2} CFLAGS="-DNDEBUG -O3 -g0 -fwrapv" \
      "$VPY" -m pip wheel --no-deps --no-build-isolation --no-cache-dir -q -w "$tmp/out" "$tmp"/mmcv-*.tar.gz
    mkdir -p "$wheel_dir"
    mv "$tmp"/out/mmcv-*.whl "$wheel_dir"/
    rm -rf "$tmp"
  else
    echo "[setup] reusing cached mmcv wheel from $wheel_dir"
  fi
  pip_install --no-deps "$wheel_dir"/mmcv-$MMCV_VERSION-*.whl

  # 3) mmaction2 1.2.0 from its sdist with the DRN package its PyPI artifacts lack
  #    (a placeholder; built once and cached), so nothing is written into an installed package.
  mma_wheel=$(MMDEBIAS_CACHE="$CACHE" "$VPY" tools/build_mmaction_wheel.py | tail -1)
  pip_install --no-deps --force-reinstall "$mma_wheel"

  # 4) the rest of the stack (runtime ranges + detection + tests + docs), at the exact
  #    versions of requirements/constraints.txt.
  #    (the repaired mmaction2 named again, so pip installs its dependencies too)
  pip_install $PINS "$mma_wheel" -r requirements/runtime.txt -r requirements/detection.txt \
    -r requirements/tests.txt -r requirements/docs.txt
  echo "$want" > "$stamp"
fi

# 5) the project itself, without dependency resolution (the stack is already pinned above;
#    letting pip resolve mmcv would try to rebuild it under isolation).
pip_install --no-deps --no-build-isolation -e .
# The installed stack must be exactly the tested one (a version drift fails here, not later).
"$VPY" - <<'PY' || { echo "[setup] delete $VENV and rerun" >&2; exit 1; }
import importlib.metadata as md
bad = []
for line in open('requirements/constraints.txt'):
    line = line.split('#')[0].strip()
    if not line:
        continue
    name, want = line.split('==')
    try:
        have = md.version(name)
    except md.PackageNotFoundError:
        have = None
    if have is None or have.split('+')[0] != want:
        bad.append(f'{name}: installed {have}, requirements/constraints.txt pins {want}')
if bad:
    raise SystemExit('[setup] the environment differs from the tested stack:\n  ' + '\n  '.join(bad))
PY
"$VPY" -c "import mmdebias, mmaction.models, mmdet.apis; from mmcv.ops import nms, RoIAlign; import decord" \
  || { echo "[setup] import check failed: the stack is broken, delete $VENV and rerun" >&2; exit 1; }
echo "[setup] environment ready in $(( $(date +%s) - t0 )) s ($VENV, $(du -sh "$VENV" | cut -f1))"
