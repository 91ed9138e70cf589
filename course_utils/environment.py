"""Notebook set-up and the environment report (lesson 00 introduces both).

Every notebook of the course starts with::

    from course_utils import setup_notebook
    setup_notebook(seed=0)

so that its printed numbers are the same on every run on the same machine.
Importing this module does nothing: no seeding, no TensorFlow import.
"""
from __future__ import annotations

import gc
import os
import platform
import random
import sys

import numpy as np

#: Environment variables that must be set before TensorFlow is imported:
#: quiet C++ logs, and no oneDNN custom ops (their round-off differs between CPUs).
TENSORFLOW_ENVIRONMENT = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}


def quiet_tensorflow() -> None:
    """Set TensorFlow's logging and determinism variables if they are unset.

    They only take effect when set before TensorFlow is first imported, so
    `setup_notebook` calls this first thing. Values the user set are kept.
    """
    for name, value in TENSORFLOW_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


def import_keras():
    """Import TensorFlow and Keras (quietly) and return the ``keras`` module.

    Two costs of the import are avoided (measured on the 2-core machine):

    - **JAX:** TensorFlow's TFLite helpers import JAX whenever it is installed (the course installs it for
      lesson 14's second Keras backend). Under the TensorFlow backend that costs every process about 2 s
      and 100 MB for a converter the course never uses, so JAX is hidden while TensorFlow loads and visible
      again after: ``import jax`` still works, and nothing is hidden when ``KERAS_BACKEND`` names another
      backend or JAX is already imported.
    - **The garbage collector:** the import creates about 650,000 objects that live as long as the process.
      Python's collector would scan them again and again, during the import (about 0.7 s of its 4 s) and in
      every full collection after it (while a model trains, say). So it is paused during the import, and
      what the import made is then frozen (`gc.freeze`): kept, and left out of later collections. The few
      thousand objects the import leaves as cyclic garbage are kept too (they weigh too little to show in
      the process's memory).

    Returns:
        The ``keras`` module.
    """
    quiet_tensorflow()
    first = "tensorflow" not in sys.modules  # (another thread may be importing it: the import below waits for it)
    hide_jax = first and os.environ.get("KERAS_BACKEND", "tensorflow") == "tensorflow" and "jax" not in sys.modules
    if hide_jax:
        sys.modules["jax"] = None  # makes `from jax import ...` raise ImportError, which TensorFlow catches
    collecting = first and gc.isenabled()
    if collecting:
        gc.disable()
    try:
        import keras  # noqa: PLC0415 (import only when asked: it costs ~4 s)
        import tensorflow  # noqa: F401, PLC0415
    finally:
        if hide_jax and sys.modules.get("jax", False) is None:
            del sys.modules["jax"]
        if collecting:
            gc.enable()
    if first:
        gc.freeze()
    return keras


def setup_notebook(seed: int = 0, *, keras: bool = True) -> None:
    """Seed Python, NumPy and (optionally) Keras, and quiet TensorFlow.

    Introduced in lesson 00. Prints nothing, so the first cell of every
    notebook has no output that could vary between runs.

    Args:
        seed: Non-negative integer used for every random number generator.
        keras: Also import Keras (and TensorFlow, about 5 s) and seed it with
            `keras.utils.set_random_seed`, and make TensorFlow ops
            deterministic. Pass False in notebooks that never use Keras.

    Raises:
        ValueError: If `seed` is not a non-negative integer.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"Expected `seed` to be a non-negative integer. Received: seed={seed!r}")
    seed = int(seed)
    quiet_tensorflow()
    random.seed(seed)
    np.random.seed(seed)
    if keras:
        keras_module = import_keras()
        import tensorflow as tf  # noqa: PLC0415 (already imported by import_keras)

        keras_module.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()


def environment_report() -> dict[str, str]:
    """Collect what `doctor` prints: versions, devices and determinism settings.

    Returns:
        An ordered mapping from a label (e.g. ``"TensorFlow"``) to its value.
    """
    report = {
        "Python": platform.python_version(),
        "Platform": f"{platform.system()} {platform.machine()}",
        "NumPy": np.__version__,
    }
    try:
        keras = import_keras()
        import tensorflow as tf  # noqa: PLC0415
    except ImportError as error:  # a broken install should be reported, not crash doctor
        report["TensorFlow"] = f"not importable ({error})"
        return report
    gpus = tf.config.list_physical_devices("GPU")
    report["TensorFlow"] = tf.__version__
    report["Keras"] = keras.__version__
    report["Keras backend"] = keras.backend.backend()
    report["Devices"] = ", ".join(d.name.replace("/physical_device:", "") for d in tf.config.list_physical_devices())
    report["GPU"] = f"{len(gpus)} found" if gpus else "none (CPU only; every lesson is sized for this)"
    for name in TENSORFLOW_ENVIRONMENT:
        report[name] = os.environ.get(name, "unset")
    report["Op determinism"] = _op_determinism()
    return report


def _op_determinism() -> str:
    """Return "on"/"off" for TensorFlow's op determinism, or "unknown" if TF cannot tell."""
    try:
        from tensorflow.python.framework import config  # noqa: PLC0415 (no public getter exists)
    except ImportError:
        return "unknown"
    enabled = getattr(config, "is_op_determinism_enabled", None)
    return "unknown" if enabled is None else ("on" if enabled() else "off (setup_notebook turns it on)")


def doctor(*, file=None) -> dict[str, str]:
    """Print the environment report, one ``label: value`` line each.

    Introduced in lesson 00; also `course doctor` on the command line.

    Args:
        file: Stream to print to; defaults to ``sys.stdout``.

    Returns:
        The report that was printed (see `environment_report`).
    """
    report = environment_report()
    width = max(len(label) for label in report)
    for label, value in report.items():
        print(f"{label:<{width}}  {value}", file=file or sys.stdout)
    return report
