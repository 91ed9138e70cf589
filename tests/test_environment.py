"""course_utils.environment and the promise that importing the package is cheap."""
import os
import random
import subprocess
import sys

import numpy as np
import pytest

from course_utils.environment import doctor, environment_report, setup_notebook


def test_setup_notebook_seeds_python_and_numpy_and_prints_nothing(capsys):
    setup_notebook(seed=7, keras=False)
    first = (random.random(), np.random.rand())
    setup_notebook(seed=7, keras=False)
    assert (random.random(), np.random.rand()) == first
    assert capsys.readouterr() == ("", "")


def test_setup_notebook_seeds_keras(capsys):
    import keras

    setup_notebook(seed=1)
    first = keras.random.uniform((3,)).numpy()
    setup_notebook(seed=1)
    np.testing.assert_array_equal(keras.random.uniform((3,)).numpy(), first)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("seed", [-1, 1.0, "0", None, True])
def test_setup_notebook_rejects_bad_seed(seed):
    with pytest.raises(ValueError, match="Received: seed="):
        setup_notebook(seed=seed, keras=False)


def test_doctor_reports_versions_devices_and_determinism(capsys):
    report = doctor()
    printed = capsys.readouterr().out
    for label in ("Python", "TensorFlow", "Keras", "Keras backend", "Devices", "GPU", "TF_ENABLE_ONEDNN_OPTS", "Op determinism"):
        assert label in report and label in printed
    assert report["Keras backend"] == "tensorflow"
    assert environment_report().keys() == report.keys()


def _modules_after(code: str) -> set:
    """Run `code` in a fresh interpreter; return the names in sys.modules afterwards."""
    script = f"{code}\nimport sys; print(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_importing_course_utils_does_not_import_tensorflow_or_pyplot():
    modules = _modules_after("import course_utils")
    assert "tensorflow" not in modules and "keras" not in modules and "matplotlib.pyplot" not in modules


def test_course_help_does_not_import_tensorflow():
    code = (
        "import contextlib, io\nfrom course_utils.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n    main(['--help'])"
    )
    modules = _modules_after(code)
    assert "tensorflow" not in modules and "keras" not in modules


def test_setup_notebook_loads_tensorflow_without_jax_which_stays_importable():
    """JAX (installed for lesson 14) is not loaded with TensorFlow, about 2 s and 100 MB per process; `import jax` still works.

    The garbage collector, paused during the import, runs again after it, with TensorFlow's objects frozen.
    """
    code = ("from course_utils import setup_notebook\nsetup_notebook(0)\nimport gc, sys\nloaded = set(sys.modules)\n"
            "import jax\nprint(' '.join(sorted(loaded)))\nprint(float(jax.numpy.ones(2).sum()), gc.isenabled(), gc.get_freeze_count())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    after_setup, last_line = result.stdout.splitlines()
    assert {"tensorflow", "keras"} <= set(after_setup.split()) and "jax" not in after_setup.split()
    jax_sum, collecting, frozen = last_line.split()
    assert (jax_sum, collecting) == ("2.0", "True") and int(frozen) > 100_000


def test_import_keras_waits_for_an_import_another_thread_started():
    """`course grade` judges in threads: one may ask for Keras while another is still importing it (through a reference).

    Before: `import_keras` returned the half-imported module, and a right model got "could not be rebuilt".
    """
    code = ("import sys, threading, time\nfrom course_utils.environment import import_keras\nseen = []\n"
            "def judge():\n    while 'keras' not in sys.modules or 'tensorflow' not in sys.modules:\n        time.sleep(0.001)\n"
            "    seen.append(callable(getattr(getattr(import_keras(), 'models', None), 'model_from_json', None)))\n"
            "thread = threading.Thread(target=judge)\nthread.start()\nimport keras\nthread.join()\nprint(seen)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split()[-1] == "[True]", result.stdout


def test_import_keras_leaves_jax_alone_under_the_jax_backend():
    script = "from course_utils.environment import import_keras\nprint(import_keras().backend.backend())"
    environment = {**os.environ, "KERAS_BACKEND": "jax", "JAX_PLATFORMS": "cpu"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True)
    assert result.stdout.split()[-1] == "jax"
