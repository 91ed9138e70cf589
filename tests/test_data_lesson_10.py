"""Lesson 10's helpers: the synthetic and the CO₂ series (offline), windowing, the word-order sentiment corpus, and the plots."""
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils.data import (SENTIMENT_KINDS, SENTIMENT_NEGATIVE, SENTIMENT_POSITIVE, load_co2, load_sentiment,  # noqa: E402
                               load_sine_series, make_windows)
from course_utils.plotting import plot_forecast, plot_gradient_norms  # noqa: E402


# --- load_sine_series --------------------------------------------------------------------------------------------


def test_sine_series_is_seeded_float32_and_two_sines_plus_noise():
    series = load_sine_series(n_steps=300, noise=0.1, seed=4)
    assert series.shape == (300,) and series.dtype == np.float32
    np.testing.assert_array_equal(series, load_sine_series(n_steps=300, noise=0.1, seed=4))
    assert not np.array_equal(series, load_sine_series(n_steps=300, noise=0.1, seed=5))
    clean = load_sine_series(n_steps=300, noise=0.0, seed=4)
    assert np.abs(clean).max() <= 1.5
    assert 0.07 < np.std(series - clean) < 0.13  # the noise's standard deviation
    spectrum = np.abs(np.fft.rfft(load_sine_series(n_steps=72 * 9, noise=0.0, seed=0)))
    assert sorted(np.argsort(spectrum)[-2:].tolist()) == [72 * 9 // 24, 72 * 9 // 9]  # periods 24 and 9


@pytest.mark.parametrize("kwargs, name", [({"n_steps": 3}, "n_steps"), ({"n_steps": 10.0}, "n_steps"), ({"noise": -0.1}, "noise"),
                                          ({"noise": True}, "noise"), ({"seed": -1}, "seed")])
def test_sine_series_rejects_bad_arguments_and_echoes_them(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        load_sine_series(**kwargs)


# --- load_co2 --------------------------------------------------------------------------------------------------


def test_co2_monthly_is_the_bundled_mauna_loa_record_read_without_network(no_network):
    years, ppm = load_co2()
    assert ppm.shape == years.shape == (525,) and ppm.dtype == np.float32 and years.dtype == np.float64
    assert np.all(np.isfinite(ppm)) and 310 < ppm.min() < 320 and 370 < ppm.max() < 380
    assert years[0] == pytest.approx(1958 + 90 / 365) and years[-1] == pytest.approx(2001 + 334 / 365)  # April 1958, December 2001
    np.testing.assert_allclose(np.diff(years), 1 / 12, atol=0.007)  # one value a month (months of 28 to 31 days)
    assert ppm[-12:].mean() - ppm[:12].mean() > 50  # the rising trend
    np.testing.assert_array_equal(ppm, load_co2()[1])


def test_co2_weekly_fills_the_missing_weeks_by_interpolation(no_network):
    from statsmodels.datasets import co2

    raw = co2.load_pandas().data["co2"].to_numpy()
    years, ppm = load_co2(frequency="weekly")
    assert ppm.shape == raw.shape == (2284,) and np.all(np.isfinite(ppm))
    missing = np.flatnonzero(np.isnan(raw))
    assert len(missing) == 59
    np.testing.assert_allclose(ppm[~np.isnan(raw)], raw[~np.isnan(raw)], rtol=1e-6)
    lone = next(i for i in missing if not np.isnan(raw[i - 1]) and not np.isnan(raw[i + 1]))
    assert ppm[lone] == pytest.approx((raw[lone - 1] + raw[lone + 1]) / 2, rel=1e-6)
    np.testing.assert_allclose(np.diff(years), 7 / 365.5, atol=0.0002)


def test_co2_monthly_values_are_means_of_the_weeks_of_each_month():
    years, weekly = load_co2(frequency="weekly")
    _, monthly = load_co2()
    in_may_1960 = (years >= 1960 + 121 / 366) & (years < 1960 + 152 / 366)
    assert in_may_1960.sum() in (4, 5)
    assert monthly[25] == pytest.approx(weekly[in_may_1960].mean(), rel=1e-6)  # April 1958 + 25 months = May 1960


@pytest.mark.parametrize("frequency", ["daily", "Monthly", 12, None])
def test_co2_rejects_other_frequencies_and_echoes_them(frequency):
    with pytest.raises(ValueError, match=r"`frequency`.*Received: frequency="):
        load_co2(frequency=frequency)


def test_importing_and_loading_co2_prints_no_warning():
    """statsmodels and pandas are imported on first use; nothing they say may reach a notebook's output."""
    code = "import warnings; warnings.simplefilter('always'); from course_utils.data import load_co2; load_co2(); load_co2(frequency='weekly')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "" and done.stdout == "", done.stderr


# --- make_windows -------------------------------------------------------------------------------------------


def test_make_windows_pairs_each_window_with_the_value_horizon_steps_after_it():
    windows, targets = make_windows(np.arange(10.0), 4)
    assert windows.shape == (6, 4) and targets.shape == (6,)
    np.testing.assert_array_equal(windows[2], [2, 3, 4, 5])
    np.testing.assert_array_equal(targets, np.arange(4.0, 10.0))
    windows, targets = make_windows(np.arange(10.0), 4, horizon=3)
    assert windows.shape == (4, 4)
    np.testing.assert_array_equal(targets, windows[:, -1] + 3)


def test_make_windows_keeps_the_dtype_and_makes_at_least_one_window():
    series = np.arange(5, dtype=np.float32)
    windows, targets = make_windows(series, 3, horizon=2)
    assert windows.dtype == targets.dtype == np.float32
    assert windows.tolist() == [[0.0, 1.0, 2.0]] and targets.tolist() == [4.0]
    windows[0, 0] = 99.0
    assert series[0] == 0.0  # a copy, not a view into the series


@pytest.mark.parametrize("series, window, horizon, fragment", [
    (np.ones((4, 2)), 2, 1, "`series`"), (np.array([1.0, np.nan, 2.0]), 1, 1, "`series`"), (np.array(["a", "b"]), 1, 1, "`series`"),
    (np.ones(10), 0, 1, "Received: window=0"), (np.ones(10), 2.0, 1, "Received: window=2.0"),
    (np.ones(10), 2, 0, "Received: horizon=0"), (np.ones(10), 2, True, "Received: horizon=True"),
    (np.ones(5), 4, 2, r"Received: len\(series\)=5, window=4, horizon=2"),
])
def test_make_windows_rejects_bad_arguments_and_echoes_them(series, window, horizon, fragment):
    with pytest.raises(ValueError, match=fragment):
        make_windows(series, window, horizon=horizon)


# --- load_sentiment ------------------------------------------------------------------------------------------


def _kind(text):
    return next(kind for kind in SENTIMENT_KINDS if f" {kind} " in text)


def test_sentiment_pairs_hold_the_same_words_in_another_order():
    x_train, x_test, y_train, y_test = load_sentiment(n_pairs=400, seed=3)
    assert len(x_train) == 600 and len(x_test) == 200 and y_train.dtype == np.int64
    for texts, labels in [(x_train, y_train), (x_test, y_test)]:
        for first, second, label_1, label_2 in zip(texts[::2], texts[1::2], labels[::2], labels[1::2]):
            assert first != second and sorted(first.split()) == sorted(second.split())
            assert _kind(first) == _kind(second)
            assert (label_1 == label_2) == (_kind(first) == "and"), (first, second)


def test_sentiment_labels_follow_the_rule_of_each_kind():
    x_train, _, y_train, _ = load_sentiment(n_pairs=300, seed=1)
    polarity = {word: 1 for word in SENTIMENT_POSITIVE} | {word: 0 for word in SENTIMENT_NEGATIVE}
    for text, label in zip(x_train, y_train):
        words = text.split()
        feeling = [w for w in words if w in polarity]
        kind = _kind(text)
        if kind == "but":
            assert label == polarity[words[words.index("but") + 1]]
        elif kind == "although":
            assert label == polarity[words[words.index("although") - 1]]
        elif kind == "not":
            assert label == 1 - polarity[words[words.index("not") + 1]]
        else:
            assert label == polarity[feeling[0]] == polarity[feeling[1]]
    counts = {kind: sum(_kind(text) == kind for text in x_train) for kind in SENTIMENT_KINDS}
    assert min(counts.values()) > 0.15 * len(x_train)  # every kind is well represented


def test_sentiment_is_seeded_and_balanced():
    first, again, other = load_sentiment(seed=2), load_sentiment(seed=2), load_sentiment(seed=7)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.x_train, other.x_train)
    assert 0.4 < first.y_train.mean() < 0.6


@pytest.mark.parametrize("kwargs, name", [({"n_pairs": 3}, "n_pairs"), ({"n_pairs": 10.5}, "n_pairs"),
                                          ({"test_fraction": 1.0}, "test_fraction"), ({"seed": "1"}, "seed")])
def test_sentiment_rejects_bad_arguments_and_echoes_them(kwargs, name):
    with pytest.raises(ValueError, match=rf"`{name}`.*Received: {name}="):
        load_sentiment(**kwargs)


# --- plot_forecast and plot_gradient_norms ---------------------------------------------------------------------


def test_plot_forecast_draws_the_truth_then_each_forecast(ax):
    truth = np.arange(5.0)
    lines = plot_forecast(truth, {"model": truth + 0.5, "baseline": truth - 1}, x=np.linspace(2000, 2001, 5), ax=ax, ylabel="ppm")
    assert [line.get_label() for line in lines] == ["truth", "model", "baseline"]
    np.testing.assert_array_equal(lines[1].get_ydata(), truth + 0.5)
    assert lines[2].get_xdata()[-1] == 2001 and ax.get_ylabel() == "ppm" and ax.get_legend() is not None


@pytest.mark.parametrize("truth, forecasts, x, fragment", [
    (np.ones((3, 2)), {}, None, "`truth` to be a 1-D array"),
    (np.ones(3), {"m": np.ones(4)}, None, r"`forecasts\['m'\]` to have 3 values"),
    (np.ones(3), {}, np.ones(2), "`x` to have 3 values"),
])
def test_plot_forecast_rejects_mismatched_arrays(ax, truth, forecasts, x, fragment):
    with pytest.raises(ValueError, match=fragment):
        plot_forecast(truth, forecasts, x=x, ax=ax)


def test_plot_gradient_norms_uses_a_log_scale_and_styles(ax):
    lines = plot_gradient_norms({"SimpleRNN": [1.0, 0.1, 0.01], "LSTM": [1.0, 0.9, 0.8]}, ax=ax, styles={"LSTM": "--"})
    assert ax.get_yscale() == "log" and [line.get_label() for line in lines] == ["SimpleRNN", "LSTM"]
    assert lines[0].get_linestyle() == "-" and lines[1].get_linestyle() == "--"
    np.testing.assert_array_equal(lines[0].get_xdata(), [0, 1, 2])


@pytest.mark.parametrize("norms", [{"GRU": []}, {"GRU": [1.0, 0.0]}, {"GRU": np.ones((2, 2))}])
def test_plot_gradient_norms_rejects_empty_or_non_positive_curves(ax, norms):
    with pytest.raises(ValueError, match=r"`norms\['GRU'\]`"):
        plot_gradient_norms(norms, ax=ax)
