"""The bad-input campaign: cases with one exact expected outcome, and a classifier of the
outcome a case actually has.

A :class:`Case` either expects an error (``raises``: its type, and ``match``: fragments the
message must contain -- the file / key / value at fault and the fix) or a documented correct
result (``check``: a predicate on what ``run`` returned). :func:`classify` runs a case and
gives one verdict of :data:`VERDICTS`:

========== ==================================================================================
clear      the expected error, and its message holds every fragment of ``match``
correct    no error, and ``check`` accepts the result
unclear    an error, but of another type, without a fragment, or where none was expected
silent     no error where one was expected, or a wrong result (``check`` refuses it)
nan        the result holds a NaN / inf (in a number, an array, a tensor or a dict of them)
crash      the process died by a signal or hung (only seen for ``isolate=True`` cases, which
           run in a forked child so that a segfault cannot take the test session down)
========== ==================================================================================

The test files ``test_bad_inputs_*.py`` assert that every case ends ``clear`` or
``correct``; ``bench/bad_input_campaign.py`` prints the component x verdict table.
"""
import contextlib
import faulthandler
import io
import math
import multiprocessing as mp
import os
import signal
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, Tuple

import numpy as np
import torch

VERDICTS = ('clear', 'correct', 'unclear', 'silent', 'nan', 'crash')
HANG_S = 60  # an isolated case without a verdict after this long has hung (a crash too)


@dataclass
class Case:
    """One bad input.

    Args:
        id: Unique name (the pytest id).
        component: Row of the campaign table (class, function or tool under test).
        run: ``run(tmp_dir: Path)`` does the bad thing and returns a result.
        raises: Expected exception type (``SystemExit`` for a CLI that exits).
        match: Fragments the error message (plus anything written to stderr) must contain.
        check: ``check(result) -> bool`` for a documented correct result; it may return
            ``'unclear'`` for a result that is handled but reported without a clear message.
        isolate: Run in a forked child process (the input may crash the interpreter).
    """
    id: str
    component: str
    run: Callable[[Path], Any]
    raises: Optional[type] = None
    match: Sequence[str] = ()
    check: Optional[Callable[[Any], bool]] = None
    isolate: bool = False

    def __post_init__(self):
        if (self.raises is None) == (self.check is None):
            raise ValueError(f'case {self.id}: give exactly one of raises= and check=')

    @property
    def expected(self) -> str:
        return 'clear' if self.raises is not None else 'correct'


def caught_warnings(run):
    """``(result, [warning messages])`` of ``run()``, Python warnings and mmengine's
    logger warnings together."""
    import logging
    import warnings

    from mmengine.logging import MMLogger
    logger = MMLogger.get_current_instance()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            out = run()
    finally:
        logger.removeHandler(handler)
    messages = [str(w.message) for w in caught]
    messages += [m for m in stream.getvalue().split('\n') if m.strip()]
    return out, messages


def has_nan(value) -> bool:
    """Whether ``value`` (number, array, tensor, or a dict / list / tuple of them) holds a
    non-finite float."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, torch.Tensor):
        return value.is_floating_point() and not bool(torch.isfinite(value).all())
    if isinstance(value, np.ndarray):
        return value.dtype.kind in 'fc' and not bool(np.isfinite(value).all())
    if isinstance(value, np.floating):
        return not np.isfinite(value)
    if isinstance(value, dict):
        return any(has_nan(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(has_nan(v) for v in value)
    return False


def _classify_here(case: Case, tmp_dir: Path) -> Tuple[str, str]:
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            result = case.run(Path(tmp_dir))
    except BaseException as error:  # noqa: B902 -- SystemExit of a CLI included
        if isinstance(error, KeyboardInterrupt):
            raise
        notes = '\n'.join(getattr(error, '__notes__', ()))  # add_note() context
        message = f'{type(error).__name__}: {error}\n{notes}\n{err.getvalue()}'
        if case.raises is None:
            return 'unclear', 'unexpected error ' + message + traceback.format_exc(limit=-3)
        missing = [m for m in case.match if m not in message]
        if not isinstance(error, case.raises):
            return 'unclear', f'expected {case.raises.__name__}, got {message}'
        if missing:
            return 'unclear', f'message lacks {missing}: {message}'
        return 'clear', message
    if has_nan(result):
        return 'nan', f'result with NaN/inf: {result!r}'[:2000]
    if case.raises is not None:
        return 'silent', f'no error (expected {case.raises.__name__}); result {result!r}'[:2000]
    try:
        ok = case.check(result)
    except Exception as error:  # a result the check cannot read is a wrong result
        return 'silent', f'check failed on {result!r}: {error!r}'[:2000]
    if ok == 'unclear':  # handled (e.g. reported by a tool), but not with a clear message
        return 'unclear', f'unclear report: {result!r}'[:2000]
    return ('correct', '') if ok else ('silent', f'wrong result: {result!r}'[:2000])


def _child(case, tmp_dir, conn):
    os.setpgrp()  # its own process group: a hung case is killed with its workers
    # a forked child must not use the parent's OpenMP pool (libgomp is not fork-safe), and
    # pytest's faulthandler would print the tracebacks of the crashes these cases provoke
    torch.set_num_threads(1)
    faulthandler.disable()
    try:
        conn.send(_classify_here(case, tmp_dir))
    finally:
        conn.close()


def classify(case: Case, tmp_dir) -> Tuple[str, str]:
    """``(verdict, detail)`` of one case, run in ``tmp_dir`` (see the module docstring)."""
    if not case.isolate:
        return _classify_here(case, tmp_dir)
    ctx = mp.get_context('fork')
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(case, tmp_dir, child))
    proc.start()
    child.close()
    try:
        got = parent.recv() if parent.poll(HANG_S) else None
    except EOFError:
        got = None
    proc.join(None if got is not None else 5)
    hung = proc.is_alive()
    if hung:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.join()
    if got is not None:
        return got
    code = proc.exitcode
    if hung:
        return 'crash', f'hung: no verdict after {HANG_S} s, killed'
    if code is not None and code < 0:
        return 'crash', f'killed by signal {signal.Signals(-code).name}'
    return 'unclear', f'child exited with {code} without a verdict'


def assert_case(case: Case, tmp_dir) -> None:
    """The pytest body: the case must end as it expects (``clear`` or ``correct``)."""
    verdict, detail = classify(case, tmp_dir)
    assert verdict == case.expected, f'{case.id}: {verdict} (expected {case.expected})\n{detail}'


def ids(cases):
    seen = set()
    for case in cases:
        if case.id in seen:
            raise ValueError(f'duplicate case id {case.id}')
        seen.add(case.id)
    return [c.id for c in cases]


def table(rows) -> str:
    """Markdown table of ``{component: Counter(verdict)}``, with a total row."""
    lines = ['| component | ' + ' | '.join(VERDICTS) + ' | cases |',
             '|---|' + '---:|' * (len(VERDICTS) + 1)]
    total = {v: 0 for v in VERDICTS}
    for component in rows:
        counts = rows[component]
        for v in VERDICTS:
            total[v] += counts.get(v, 0)
        lines.append(f'| {component} | ' + ' | '.join(str(counts.get(v, 0)) for v in VERDICTS)
                     + f' | {sum(counts.values())} |')
    lines.append('| **total** | ' + ' | '.join(str(total[v]) for v in VERDICTS)
                 + f' | {sum(total.values())} |')
    return '\n'.join(lines)

