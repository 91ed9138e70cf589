"""Checks of exercise 11: generative adversarial networks (cases, judges and hints; the answers live with the instructor).

Every task is a NumPy function judged against a right answer's value on
cases drawn from the generator it is given; results may be Python floats,
NumPy scalars or arrays, or TensorFlow tensors, in float64 or float32.
"""
from __future__ import annotations

import numpy as np

from ..grading.builders import function_task
from ..grading.tasks import Case


def _rounded(rng, low: float, high: float, decimals: int = 1) -> float:
    """A number drawn uniformly from [low, high), rounded to `decimals` (it appears in a case's name)."""
    return round(float(rng.uniform(low, high)), decimals)


# --- 11.gan_losses -----------------------------------------------------------

def _confident_logits(rng, size: int, sign: float) -> np.ndarray:
    """`size` logits between 900 and 1000 in size, most with the given sign and at least one with the other."""
    signs = np.full(size, sign)
    signs[rng.choice(size, size=max(1, size // 4), replace=False)] = -sign
    return signs * rng.uniform(900.0, 1000.0, size)


def _gan_losses_cases(rng):
    n_real, n_fake = int(rng.integers(3, 7)), int(rng.integers(10, 17))
    return [
        Case("8 real and 8 fake logits between -3 and 3", (rng.uniform(-3.0, 3.0, 8), rng.uniform(-3.0, 3.0, 8)),
             hint="The discriminator's loss has two terms, one for the real logits (label one) and one for the fake logits "
                  "(label zero), each a mean; the generator's loss is the cross-entropy of the fakes with the label one."),
        Case("a confident discriminator: logits between 900 and 1000 in size, of both signs",
             (_confident_logits(rng, 6, 1.0), _confident_logits(rng, 6, -1.0)),
             hint="The cross-entropy of a logit is a softplus, and a softplus of a large logit is about the logit itself: "
                  "write it so that nothing is exponentiated but minus the size of the logit, and do not go through a "
                  "probability (it rounds to exactly zero or one)."),
        Case(f"{n_real} real logits and {n_fake} fake logits (batches of different sizes)",
             (rng.normal(scale=2.0, size=n_real), rng.normal(scale=2.0, size=n_fake)),
             hint="Take the mean of the real logits' losses and the mean of the fake logits' losses separately, then add "
                  "them: the two batches need not have the same size."),
        Case("a fooled discriminator: every fake logit is positive", (rng.uniform(-2.0, 2.0, 5), rng.uniform(0.5, 4.0, 5)),
             hint="The generator's non-saturating loss is minus the log of the probability the discriminator gives its "
                  "samples of being real: a positive number that shrinks as the fakes fool the discriminator."),
        Case("one real and one fake logit", (rng.uniform(-5.0, 5.0, 1), rng.uniform(-5.0, 5.0, 1)),
             hint="With one logit of each kind the means are the losses of that one logit; the result is still a pair "
                  "(discriminator loss, generator loss)."),
    ]


# --- 11.optimal_discriminator --------------------------------------------------

def _optimal_discriminator_cases(rng):
    mean_data, mean_g = _rounded(rng, -2.0, 2.0), _rounded(rng, -2.0, 2.0)
    while abs(mean_data - mean_g) < 0.5:
        mean_g = _rounded(rng, -2.0, 2.0)
    std = _rounded(rng, 0.5, 2.0)
    std_data, std_g = _rounded(rng, 0.5, 1.0), _rounded(rng, 1.5, 3.0)
    mean_same, std_same = _rounded(rng, -3.0, 3.0), _rounded(rng, 0.3, 3.0)
    tail_mean_data, tail_mean_g = _rounded(rng, -1.0, 1.0), _rounded(rng, 1.5, 3.0)
    tails = rng.permutation(np.concatenate([rng.uniform(45.0, 70.0, 3), -rng.uniform(45.0, 70.0, 3), rng.uniform(-2.0, 2.0, 2)]))
    return [
        Case(f"10 points, two Gaussians of the same std {std}, means {mean_data} and {mean_g}",
             (np.sort(rng.uniform(-4.0, 4.0, 10)), mean_data, std, mean_g, std),
             hint="The best discriminator is the data's density divided by the sum of both densities: a number between zero and one, above "
                  "one half where the data is more likely than the generator's samples."),
        Case(f"the generator matches the data (mean {mean_same}, std {std_same})",
             (rng.uniform(-5.0, 5.0, 6), mean_same, std_same, mean_same, std_same),
             hint="When the two densities are equal, the best discriminator can do no better than a coin, everywhere."),
        Case(f"different stds: data std {std_data}, generator std {std_g}",
             (np.sort(rng.uniform(-5.0, 5.0, 8)), mean_data, std_data, mean_data + _rounded(rng, -1.0, 1.0), std_g),
             hint="A Gaussian density has a normalising factor that depends on its standard deviation: with different "
                  "stds it does not cancel out. Use the standard deviation where it belongs, not the variance."),
        Case("points far in the tails (|x| up to 70), where both densities round to zero",
             (tails, tail_mean_data, _rounded(rng, 0.8, 1.5), tail_mean_g, _rounded(rng, 0.8, 1.5)),
             hint="Far from both means each density underflows to exactly zero, and zero over zero is nan. The logarithms "
                  "of the densities stay finite there: rewrite the ratio so that it needs only them."),
        Case("a (3, 4) array of points", (rng.normal(scale=2.0, size=(3, 4)), mean_data, std, mean_g, std_g),
             hint="Work element-wise and return an array of the same shape as x."),
    ]


# --- 11.jensen_shannon ----------------------------------------------------------

def _distribution(rng, size: int, zeros: int = 0) -> np.ndarray:
    """A random distribution over `size` outcomes, `zeros` of them with probability exactly 0."""
    weights = rng.uniform(0.1, 1.0, size)
    weights[rng.choice(size, size=zeros, replace=False)] = 0.0
    return weights / weights.sum()


def _disjoint(rng, size: int) -> "tuple[np.ndarray, np.ndarray]":
    """Two distributions that never give the same outcome (and one outcome neither gives)."""
    order = rng.permutation(size)
    p, q = np.zeros(size), np.zeros(size)
    p[order[:size // 2]] = rng.uniform(0.1, 1.0, size // 2)
    q[order[size // 2:size - 1]] = rng.uniform(0.1, 1.0, size - 1 - size // 2)
    return p / p.sum(), q / q.sum()


def _jensen_shannon_cases(rng):
    same = _distribution(rng, 4)
    p_zero, q_zero = _distribution(rng, 6), _distribution(rng, 6)
    p_zero[rng.choice(3)] = 0.0
    q_zero[3 + rng.choice(3)] = 0.0
    both = int(rng.integers(0, 6))
    p_zero[both], q_zero[both] = 0.0, 0.0
    return [
        Case("two distributions over 5 outcomes, none of them 0", (_distribution(rng, 5), _distribution(rng, 5)),
             hint="JS compares each distribution with their average m, not with each other: the mean of the two "
                  "Kullback-Leibler divergences from p to m and from q to m, with the natural logarithm."),
        Case("p equals q", (same, same.copy()),
             hint="When p and q are equal, their average is the same distribution again and every term vanishes."),
        Case("zeros in p and in q, and an outcome neither gives",
             (p_zero / p_zero.sum(), q_zero / q_zero.sum()),
             hint="A term whose probability is zero contributes zero (the limit of t log t is zero): skip it rather than "
                  "take the log of zero, and remember the average m is never zero where p or q is not."),
        Case("two distributions that never give the same outcome", _disjoint(rng, int(rng.integers(5, 9))),
             hint="For distributions that never overlap, JS is as large as it gets, the log of two in natural units; it "
                  "is finite, unlike the Kullback-Leibler divergence between p and q."),
        Case("two distributions over 50 outcomes", (_distribution(rng, 50), _distribution(rng, 50)),
             hint="Sum over every outcome, then halve: JS is half of one Kullback-Leibler divergence plus half of the other."),
    ]


# --- 11.grid_coverage -----------------------------------------------------------

# Shares a float32 answer computes exactly (powers of 2), so the case where a mode holds exactly min_share of the
# samples stays exact whatever the answer's precision.
_MIN_SHARES = (1 / 64, 1 / 32, 1 / 16)


def _grid(rng, side: int) -> "tuple[np.ndarray, float]":
    """A side x side grid of centres with a drawn spacing and offset, and a std small beside the spacing."""
    spacing = _rounded(rng, 1.5, 3.0)
    offset = rng.uniform(-2.0, 2.0, 2).round(1)
    rows, cols = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    centres = offset + spacing * np.stack([rows.ravel(), cols.ravel()], axis=1)
    return centres, round(spacing / _rounded(rng, 15.0, 25.0, 0), 3)


def _around(rng, centre, std: float, count: int, low: float, high: float) -> np.ndarray:
    """`count` points around `centre` at distances between low and high standard deviations, in random directions
    (never near the 3-std boundary, so that float32 and float64 answers agree on every point's quality)."""
    angle = rng.uniform(0.0, 2.0 * np.pi, count)
    distance = std * rng.uniform(low, high, count)
    return centre + distance[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)


def _good(rng, centre, std, count):
    """`count` high-quality points: within 2.5 std of `centre`."""
    return _around(rng, centre, std, count, 0.0, 2.5)


def _samples(rng, *parts) -> np.ndarray:
    """The parts stacked and shuffled."""
    return rng.permutation(np.concatenate([part for part in parts if len(part)]))


def _grid_coverage_cases(rng):
    cases = []
    # every mode of a 3x3 grid
    centres, std = _grid(rng, 3)
    share = float(rng.choice(_MIN_SHARES))
    samples = _samples(rng, *(_good(rng, c, std, int(rng.integers(20, 40))) for c in centres),
                       _around(rng, centres[0], std, 4, 3.5, 5.0))
    cases.append(Case(f"a 3x3 grid, samples from every mode (min_share = {share})", (samples, centres, std, share),
                      hint="Every sample belongs to its nearest centre; it is of high quality within three standard "
                           "deviations of it. Count the high-quality samples of each centre."))
    # a 4x4 grid, only some modes, a few just outside 3 std (within 1 and 3 std for the wrong radii)
    centres, std = _grid(rng, 4)
    chosen = rng.choice(len(centres), size=int(rng.integers(5, 10)), replace=False)
    samples = _samples(rng, *(_good(rng, centres[i], std, int(rng.integers(30, 50))) for i in chosen),
                       *(_around(rng, centres[i], std, 6, 1.2, 2.8) for i in chosen[:3]),
                       *(_around(rng, centres[i], std, 5, 3.5, 5.0) for i in chosen[:3]))
    share = float(rng.choice(_MIN_SHARES))
    cases.append(Case(f"a 4x4 grid, a generator that covers only some modes (min_share = {share})",
                      (samples, centres, std, share),
                      hint="High quality means within three standard deviations of the nearest centre: compare the distance "
                           "itself (not its square) with three times std."))
    # many low-quality samples: shares are of ALL samples
    centres, std = _grid(rng, 3)
    share = 1 / 16
    n = 64 * int(rng.integers(4, 7))
    rich, poor = rng.choice(len(centres), size=2, replace=False)
    good_rich, good_poor = int(0.4 * n), int(n * share) - int(rng.integers(2, 5))
    far = n - good_rich - good_poor
    samples = _samples(rng, _good(rng, centres[rich], std, good_rich), _good(rng, centres[poor], std, good_poor),
                       *(_around(rng, centres[i % len(centres)], std, 1, 4.0, 6.0) for i in range(far)))
    cases.append(Case(f"{far} of {n} samples of low quality (min_share = {share})", (samples, centres, std, share),
                      hint="A mode's share is its number of high-quality samples divided by the number of ALL samples, "
                           "not by the number of high-quality ones."))
    # a mode whose samples are all of low quality
    centres, std = _grid(rng, 3)
    share = float(rng.choice(_MIN_SHARES))
    blurred, sharp = rng.choice(len(centres), size=2, replace=False)
    samples = _samples(rng, _good(rng, centres[sharp], std, 60), _around(rng, centres[blurred], std, 40, 3.5, 6.0))
    cases.append(Case(f"a mode whose samples all lie beyond 3 std of it (min_share = {share})", (samples, centres, std, share),
                      hint="Only high-quality samples count towards covering a mode: a mode near which the samples are "
                           "all blurred is not covered, however many there are."))
    # exactly at the threshold
    centres, std = _grid(rng, 2)
    share = float(rng.choice(_MIN_SHARES))
    n = 64 * int(rng.integers(2, 5))
    exact = int(round(n * share))
    rest = n - exact
    samples = _samples(rng, _good(rng, centres[0], std, exact), _good(rng, centres[1], std, rest - rest // 3),
                       _around(rng, centres[2], std, rest // 3, 3.5, 5.0))
    cases.append(Case(f"a 2x2 grid where one mode holds exactly min_share = {share} of the {n} samples",
                      (samples, centres, std, share),
                      hint="A mode is covered when its high-quality samples make up at least min_share of all samples: "
                           "exactly min_share is enough."))
    return cases


TASKS = [
    function_task(
        "11.gan_losses", "the discriminator's loss and the non-saturating generator loss, from logits, stable at ±1000", 3,
        answer_name="gan_losses", cases=_gan_losses_cases, returns=("d_loss", "g_loss"), forbids_overflow=True,
        hint="Both losses are binary cross-entropies written from logits: one for real logits with label one, one for fake "
             "logits with label zero (the discriminator), and the fakes with label one (the generator). Each is a mean.",
        more_hints=(
            "Lesson 11, section 3: minus the log of the sigmoid of a logit is the softplus of minus that logit, and minus "
            "the log of one minus the sigmoid is the softplus of the logit itself.",
            "A softplus that never overflows: the larger of the logit and zero, plus the log of one plus the exponential "
            "of minus the logit's absolute value (NumPy's logaddexp with zero does the same). Never exponentiate a large "
            "positive number, and never take the log of a probability that rounded to zero.",
        ),
    ),
    function_task(
        "11.optimal_discriminator", "the optimal discriminator of two 1-D Gaussians, finite in the tails", 2,
        answer_name="optimal_discriminator", cases=_optimal_discriminator_cases,
        hint="The best discriminator for a fixed generator is the data's density divided by the sum of the data's and the "
             "generator's densities, at every point.",
        more_hints=(
            "Lesson 11, section 1 gives the best discriminator. Write each Gaussian's log-density (minus the squared distance to the mean over "
            "twice the variance, minus the log of the std, minus half the log of two pi).",
            "The best discriminator is the sigmoid of the data's log-density minus the generator's: that form never divides zero by zero "
            "in the tails, where both densities underflow.",
        ),
    ),
    function_task(
        "11.jensen_shannon", "the Jensen-Shannon divergence of two discrete distributions, natural log", 2,
        answer_name="jensen_shannon", cases=_jensen_shannon_cases,
        hint="Average the two distributions into m, then take the mean of the Kullback-Leibler divergences of p from m and "
             "of q from m, in natural logarithms.",
        more_hints=(
            "Lesson 11, section 1: the GAN's value at the best discriminator is minus the log of four plus twice the JS "
            "divergence. Each Kullback-Leibler term sums p times the log of p over m, over the outcomes.",
            "Outcomes where p (or q) is zero contribute nothing: select the outcomes where it is positive before taking "
            "logs. The result lies between zero and the log of two.",
        ),
    ),
    function_task(
        "11.grid_coverage", "modes covered and share of high-quality samples, for any layout of centres", 3,
        answer_name="grid_coverage", cases=_grid_coverage_cases, returns=("covered", "quality_share"),
        hint="For every sample find its nearest centre and its distance to it; high quality means within three standard "
             "deviations. Then count each centre's high-quality samples.",
        more_hints=(
            "Lesson 11, section 2 defines both numbers for the ring; here the centres are given. The distances of n "
            "samples to k centres fit in one (n, k) array, whose smallest entry per row is the distance to the nearest centre.",
            "The quality share is the number of high-quality samples over the number of all samples. A mode is covered "
            "when its count of high-quality samples is at least min_share times the number of ALL samples.",
        ),
    ),
]
