"""Reference answers, right answers in other styles and known-wrong answers of exercise 11: generative adversarial networks.

Right answers include Keras's own `BinaryCrossentropy(from_logits=True)` and
`keras.ops` (float32 tensors), TensorFlow ops, SciPy's functions (`expit`,
`norm.logpdf`, `jensenshannon`, `cdist`), float32 NumPy and Python loops.
"""
from __future__ import annotations

import math

import numpy as np

from . import Reference, RightAnswer, WrongAnswer

# --- 11.gan_losses -----------------------------------------------------------


def _softplus(t):
    """log(1 + e^t) without overflow: max(t, 0) + log1p(e^-|t|)."""
    t = np.asarray(t, dtype=np.float64)
    return np.maximum(t, 0.0) + np.log1p(np.exp(-np.abs(t)))


def gan_losses(real_logits, fake_logits):
    """Reference: (mean softplus(-real) + mean softplus(fake), mean softplus(-fake))."""
    d_loss = np.mean(_softplus(-np.asarray(real_logits))) + np.mean(_softplus(fake_logits))
    g_loss = np.mean(_softplus(-np.asarray(fake_logits)))
    return float(d_loss), float(g_loss)


def _gan_saturating(real_logits, fake_logits):
    """Known-wrong: the minimax generator loss, mean log(1 - D(G(z))) = -mean softplus(fake)."""
    d_loss, _ = gan_losses(real_logits, fake_logits)
    return d_loss, float(-np.mean(_softplus(fake_logits)))


def _gan_probabilities(real_logits, fake_logits):
    """Known-wrong: sigmoid first (SciPy's expit, no overflow), clipped to [1e-7, 1 - 1e-7] as Keras does with probabilities."""
    from scipy.special import expit  # noqa: PLC0415

    p_real = np.clip(expit(real_logits), 1e-7, 1 - 1e-7)
    p_fake = np.clip(expit(fake_logits), 1e-7, 1 - 1e-7)
    return float(-np.mean(np.log(p_real)) - np.mean(np.log(1 - p_fake))), float(-np.mean(np.log(p_fake)))


def _gan_pooled_mean(real_logits, fake_logits):
    """Known-wrong: one mean over the real and fake losses together."""
    d_terms = np.concatenate([_softplus(-np.asarray(real_logits)), _softplus(fake_logits)])
    return float(np.mean(d_terms)), float(np.mean(_softplus(-np.asarray(fake_logits))))


def _gan_swapped_labels(real_logits, fake_logits):
    """Known-wrong: real logits labelled 0 and fake ones 1."""
    d_loss = np.mean(_softplus(real_logits)) + np.mean(_softplus(-np.asarray(fake_logits)))
    return float(d_loss), float(np.mean(_softplus(-np.asarray(fake_logits))))


def _gan_sums(real_logits, fake_logits):
    """Known-wrong: sums over each batch instead of averaging."""
    d_loss = np.sum(_softplus(-np.asarray(real_logits))) + np.sum(_softplus(fake_logits))
    return float(d_loss), float(np.sum(_softplus(-np.asarray(fake_logits))))


def _gan_naive_softplus(real_logits, fake_logits):
    """Known-wrong: softplus written as log(1 + exp(t)), which overflows at t = 1000."""
    softplus = lambda t: np.log(1.0 + np.exp(t))  # noqa: E731
    d_loss = np.mean(softplus(-np.asarray(real_logits))) + np.mean(softplus(np.asarray(fake_logits)))
    return float(d_loss), float(np.mean(softplus(-np.asarray(fake_logits))))


def _gan_keras_bce():
    """Right: keras.losses.BinaryCrossentropy(from_logits=True), returns 0-d float32 tensors."""
    import keras  # noqa: PLC0415

    bce = keras.losses.BinaryCrossentropy(from_logits=True)

    def gan_losses_keras(real_logits, fake_logits):
        real, fake = np.asarray(real_logits, "float32"), np.asarray(fake_logits, "float32")
        d_loss = bce(np.ones_like(real), real) + bce(np.zeros_like(fake), fake)
        return d_loss, bce(np.ones_like(fake), fake)

    return gan_losses_keras


def _gan_keras_ops():
    """Right: keras.ops.softplus on float32 tensors."""
    from keras import ops  # noqa: PLC0415

    def gan_losses_ops(real_logits, fake_logits):
        real, fake = ops.convert_to_tensor(real_logits, "float32"), ops.convert_to_tensor(fake_logits, "float32")
        return ops.mean(ops.softplus(-real)) + ops.mean(ops.softplus(fake)), ops.mean(ops.softplus(-fake))

    return gan_losses_ops


def _gan_tensorflow():
    """Right: tf.nn.sigmoid_cross_entropy_with_logits in float64, returns tensors."""
    import tensorflow as tf  # noqa: PLC0415

    def gan_losses_tf(real_logits, fake_logits):
        real, fake = tf.constant(real_logits, tf.float64), tf.constant(fake_logits, tf.float64)
        xent = tf.nn.sigmoid_cross_entropy_with_logits
        d_loss = tf.reduce_mean(xent(labels=tf.ones_like(real), logits=real)) + tf.reduce_mean(xent(labels=tf.zeros_like(fake), logits=fake))
        return d_loss, tf.reduce_mean(xent(labels=tf.ones_like(fake), logits=fake))

    return gan_losses_tf


def _gan_logaddexp_float32(real_logits, fake_logits):
    """Right: np.logaddexp(0, t) in float32."""
    real, fake = np.asarray(real_logits, np.float32), np.asarray(fake_logits, np.float32)
    zero = np.float32(0.0)
    return np.mean(np.logaddexp(zero, -real)) + np.mean(np.logaddexp(zero, fake)), np.mean(np.logaddexp(zero, -fake))


def _gan_loop(real_logits, fake_logits):
    """Right: a Python loop with the math module."""
    def softplus(t):
        return max(t, 0.0) + math.log1p(math.exp(-abs(t)))

    real, fake = [float(t) for t in real_logits], [float(t) for t in fake_logits]
    d_loss = sum(softplus(-t) for t in real) / len(real) + sum(softplus(t) for t in fake) / len(fake)
    return d_loss, sum(softplus(-t) for t in fake) / len(fake)


# --- 11.optimal_discriminator --------------------------------------------------

def _log_gaussian(x, mean, std):
    """The log-density of N(mean, std²) at x, in float64."""
    x = np.asarray(x, dtype=np.float64)
    return -((x - mean) ** 2) / (2.0 * std ** 2) - np.log(std) - 0.5 * np.log(2.0 * np.pi)


def optimal_discriminator(x, mean_data, std_data, mean_generator, std_generator):
    """Reference: D*(x) = p_data / (p_data + p_g) = sigmoid(log p_data - log p_g), stable in the tails."""
    logit = _log_gaussian(x, mean_data, std_data) - _log_gaussian(x, mean_generator, std_generator)
    return 0.5 * (1.0 + np.tanh(0.5 * logit))  # the sigmoid, without overflow


def _gaussian(x, mean, std):
    return np.exp(-((np.asarray(x, dtype=np.float64) - mean) ** 2) / (2.0 * std ** 2)) / (std * np.sqrt(2.0 * np.pi))


def _optimal_naive(x, mean_data, std_data, mean_generator, std_generator):
    """Known-wrong: the densities divided directly (0 / 0 = nan in the tails)."""
    p_data, p_g = _gaussian(x, mean_data, std_data), _gaussian(x, mean_generator, std_generator)
    with np.errstate(invalid="ignore"):
        return p_data / (p_data + p_g)


def _optimal_generator_share(x, mean_data, std_data, mean_generator, std_generator):
    """Known-wrong: p_g / (p_data + p_g)."""
    return 1.0 - optimal_discriminator(x, mean_data, std_data, mean_generator, std_generator)


def _optimal_no_normalisation(x, mean_data, std_data, mean_generator, std_generator):
    """Known-wrong: leaves out each density's 1/std factor."""
    x = np.asarray(x, dtype=np.float64)
    logit = (x - mean_generator) ** 2 / (2.0 * std_generator ** 2) - (x - mean_data) ** 2 / (2.0 * std_data ** 2)
    return 0.5 * (1.0 + np.tanh(0.5 * logit))


def _optimal_ratio(x, mean_data, std_data, mean_generator, std_generator):
    """Known-wrong: the density ratio p_data / p_g (in logs, so finite)."""
    with np.errstate(over="ignore"):
        return np.exp(_log_gaussian(x, mean_data, std_data) - _log_gaussian(x, mean_generator, std_generator))


def _optimal_variance(x, mean_data, std_data, mean_generator, std_generator):
    """Known-wrong: passes the variance where the standard deviation goes."""
    return optimal_discriminator(x, mean_data, std_data ** 2, mean_generator, std_generator ** 2)


def _optimal_scipy(x, mean_data, std_data, mean_generator, std_generator):
    """Right: scipy.stats.norm.logpdf and scipy.special.expit."""
    from scipy.special import expit  # noqa: PLC0415
    from scipy.stats import norm  # noqa: PLC0415

    return expit(norm.logpdf(x, mean_data, std_data) - norm.logpdf(x, mean_generator, std_generator))


def _optimal_keras():
    """Right: keras.ops in float32 (log-densities, then keras.ops.sigmoid), returns a tensor."""
    from keras import ops  # noqa: PLC0415

    def optimal_discriminator_keras(x, mean_data, std_data, mean_generator, std_generator):
        x = ops.convert_to_tensor(x, "float32")

        def log_density(mean, std):
            return -ops.square(x - mean) / (2.0 * std ** 2) - math.log(std)

        return ops.sigmoid(log_density(mean_data, std_data) - log_density(mean_generator, std_generator))

    return optimal_discriminator_keras


def _optimal_tensorflow():
    """Right: TensorFlow ops in float64, the log-sum-exp form exp(log p_data - logsumexp(log p_data, log p_g)), returns a tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def optimal_discriminator_tf(x, mean_data, std_data, mean_generator, std_generator):
        x = tf.constant(x, tf.float64)
        log_data = -tf.square(x - mean_data) / (2.0 * std_data ** 2) - math.log(std_data)
        log_g = -tf.square(x - mean_generator) / (2.0 * std_generator ** 2) - math.log(std_generator)
        return tf.exp(log_data - tf.reduce_logsumexp(tf.stack([log_data, log_g]), axis=0))

    return optimal_discriminator_tf


def _optimal_loop(x, mean_data, std_data, mean_generator, std_generator):
    """Right: a Python loop over the points with the math module, a sigmoid split by sign."""
    def sigmoid(t):
        return 1.0 / (1.0 + math.exp(-t)) if t >= 0 else math.exp(t) / (1.0 + math.exp(t))

    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape)
    for index in np.ndindex(x.shape):
        log_data = -(x[index] - mean_data) ** 2 / (2 * std_data ** 2) - math.log(std_data)
        log_g = -(x[index] - mean_generator) ** 2 / (2 * std_generator ** 2) - math.log(std_generator)
        out[index] = sigmoid(log_data - log_g)
    return out


# --- 11.jensen_shannon ----------------------------------------------------------

def _kl(p, m):
    """KL(p || m) with 0 log 0 = 0 (m > 0 wherever p > 0)."""
    positive = p > 0
    return float(np.sum(p[positive] * np.log(p[positive] / m[positive])))


def jensen_shannon(p, q):
    """Reference: JS(p, q) = KL(p || m) / 2 + KL(q || m) / 2 with m = (p + q) / 2, natural log."""
    p, q = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    m = 0.5 * (p + q)
    return 0.5 * _kl(p, m) + 0.5 * _kl(q, m)


def _js_kl(p, q):
    """Known-wrong: KL(p || q) instead (inf where q is 0 and p is not)."""
    p, q = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    positive = p > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(p[positive] * np.log(p[positive] / q[positive])))


def _js_no_halves(p, q):
    """Known-wrong: KL(p || m) + KL(q || m), without the halves."""
    return 2.0 * jensen_shannon(p, q)


def _js_log2(p, q):
    """Known-wrong: the logarithm base 2."""
    return jensen_shannon(p, q) / math.log(2.0)


def _js_nan_at_zeros(p, q):
    """Known-wrong: p log(p / m) on every outcome, so 0 log 0 gives nan."""
    p, q = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    m = 0.5 * (p + q)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(0.5 * np.sum(p * np.log(p / m)) + 0.5 * np.sum(q * np.log(q / m)))


def _js_symmetric_kl(p, q):
    """Known-wrong: the mean of KL(p || q) and KL(q || p)."""
    return 0.5 * _js_kl(p, q) + 0.5 * _js_kl(q, p)


def _js_distance(p, q):
    """Known-wrong: the Jensen-Shannon distance (the square root), what scipy's jensenshannon returns."""
    return math.sqrt(jensen_shannon(p, q))


def _js_scipy(p, q):
    """Right: scipy.spatial.distance.jensenshannon squared (it returns the distance)."""
    from scipy.spatial.distance import jensenshannon  # noqa: PLC0415

    return float(jensenshannon(p, q)) ** 2


def _js_rel_entr(p, q):
    """Right: scipy.special.rel_entr, which treats 0 log 0 as 0."""
    from scipy.special import rel_entr  # noqa: PLC0415

    m = 0.5 * (np.asarray(p) + np.asarray(q))
    return 0.5 * np.sum(rel_entr(p, m)) + 0.5 * np.sum(rel_entr(q, m))


def _js_tensorflow():
    """Right: TensorFlow's tf.math.xlogy (0 log 0 = 0), returns a 0-d tensor."""
    import tensorflow as tf  # noqa: PLC0415

    def jensen_shannon_tf(p, q):
        p, q = tf.constant(p, tf.float64), tf.constant(q, tf.float64)
        m = 0.5 * (p + q)
        safe_m = tf.where(m > 0, m, tf.ones_like(m))
        return 0.5 * tf.reduce_sum(tf.math.xlogy(p, p / safe_m)) + 0.5 * tf.reduce_sum(tf.math.xlogy(q, q / safe_m))

    return jensen_shannon_tf


def _js_keras_float32():
    """Right: keras.ops in float32 with entropies, JS = H(m) - (H(p) + H(q)) / 2, returns a tensor."""
    from keras import ops  # noqa: PLC0415

    def entropy(p):
        return -ops.sum(ops.where(p > 0, p * ops.log(ops.where(p > 0, p, 1.0)), 0.0))

    def jensen_shannon_keras(p, q):
        p, q = ops.convert_to_tensor(p, "float32"), ops.convert_to_tensor(q, "float32")
        return entropy(0.5 * (p + q)) - 0.5 * (entropy(p) + entropy(q))

    return jensen_shannon_keras


def _js_loop(p, q):
    """Right: a Python loop with the math module."""
    total = 0.0
    for a, b in zip(np.asarray(p).tolist(), np.asarray(q).tolist()):
        m = (a + b) / 2
        total += (a * math.log(a / m) if a > 0 else 0.0) + (b * math.log(b / m) if b > 0 else 0.0)
    return total / 2


# --- 11.grid_coverage -----------------------------------------------------------

QUALITY_RADIUS = 3.0


def _nearest(samples, centres):
    """The index of each sample's nearest centre, and the distance to it."""
    distances = np.linalg.norm(np.asarray(samples, dtype=np.float64)[:, None, :] - np.asarray(centres, dtype=np.float64)[None], axis=-1)
    return distances.argmin(axis=1), distances.min(axis=1)


def grid_coverage(samples, centres, std, min_share):
    """Reference: (modes whose high-quality samples are at least min_share of all samples, share of high-quality samples)."""
    nearest, distance = _nearest(samples, centres)
    good = distance <= QUALITY_RADIUS * std
    counts = np.bincount(nearest[good], minlength=len(centres))
    return int(np.sum(counts >= min_share * len(samples))), float(good.mean())


def _coverage_any_quality(samples, centres, std, min_share):
    """Known-wrong: covers a mode with every sample nearest to it, whatever its quality."""
    nearest, distance = _nearest(samples, centres)
    counts = np.bincount(nearest, minlength=len(centres))
    return int(np.sum(counts >= min_share * len(samples))), float(np.mean(distance <= QUALITY_RADIUS * std))


def _coverage_share_of_good(samples, centres, std, min_share):
    """Known-wrong: a mode's share among the high-quality samples only."""
    nearest, distance = _nearest(samples, centres)
    good = distance <= QUALITY_RADIUS * std
    counts = np.bincount(nearest[good], minlength=len(centres))
    return int(np.sum(counts >= min_share * max(int(good.sum()), 1))), float(good.mean())


def _coverage_one_std(samples, centres, std, min_share):
    """Known-wrong: high quality within one standard deviation."""
    nearest, distance = _nearest(samples, centres)
    good = distance <= std
    counts = np.bincount(nearest[good], minlength=len(centres))
    return int(np.sum(counts >= min_share * len(samples))), float(good.mean())


def _coverage_strict(samples, centres, std, min_share):
    """Known-wrong: more than min_share, not at least."""
    nearest, distance = _nearest(samples, centres)
    good = distance <= QUALITY_RADIUS * std
    counts = np.bincount(nearest[good], minlength=len(centres))
    return int(np.sum(counts > min_share * len(samples))), float(good.mean())


def _coverage_squared(samples, centres, std, min_share):
    """Known-wrong: compares the squared distance with 3 std."""
    nearest, distance = _nearest(samples, centres)
    good = distance ** 2 <= QUALITY_RADIUS * std
    counts = np.bincount(nearest[good], minlength=len(centres))
    return int(np.sum(counts >= min_share * len(samples))), float(good.mean())


def _coverage_scipy(samples, centres, std, min_share):
    """Right: scipy.spatial.cKDTree for the nearest centre, shares compared as fractions."""
    from scipy.spatial import cKDTree  # noqa: PLC0415

    distance, nearest = cKDTree(centres).query(samples)
    good = distance <= 3 * std
    shares = np.array([np.sum(good & (nearest == k)) for k in range(len(centres))]) / len(samples)
    return int(np.count_nonzero(shares >= min_share)), np.count_nonzero(good) / len(samples)


def _coverage_tensorflow():
    """Right: TensorFlow ops, returns tensors (an int64 count and a float64 share)."""
    import tensorflow as tf  # noqa: PLC0415

    def grid_coverage_tf(samples, centres, std, min_share):
        samples, centres = tf.constant(samples, tf.float64), tf.constant(centres, tf.float64)
        distances = tf.norm(samples[:, None, :] - centres[None], axis=-1)
        good = tf.reduce_min(distances, axis=1) <= 3 * std
        nearest = tf.boolean_mask(tf.argmin(distances, axis=1), good)
        counts = tf.math.bincount(tf.cast(nearest, tf.int32), minlength=len(centres), dtype=tf.float64)
        covered = tf.math.count_nonzero(counts >= min_share * float(len(samples)))
        return covered, tf.reduce_mean(tf.cast(good, tf.float64))

    return grid_coverage_tf


def _coverage_float32(samples, centres, std, min_share):
    """Right: NumPy in float32, squared distances compared with (3 std) squared, a float32 share."""
    samples, centres = np.asarray(samples, np.float32), np.asarray(centres, np.float32)
    squared = np.sum((samples[:, None, :] - centres[None]) ** 2, axis=-1)
    good = squared.min(axis=1) <= np.float32(3 * std) ** 2
    counts = np.bincount(squared.argmin(axis=1)[good], minlength=len(centres))
    return int(np.sum(counts / np.float32(len(samples)) >= np.float32(min_share))), np.float32(good.mean())


def _coverage_loop(samples, centres, std, min_share):
    """Right: Python loops with math.hypot, returns a list."""
    counts, good = [0] * len(centres), 0
    centres = np.asarray(centres).tolist()
    for x, y in np.asarray(samples).tolist():
        distances = [math.hypot(x - cx, y - cy) for cx, cy in centres]
        nearest = min(range(len(centres)), key=distances.__getitem__)
        if distances[nearest] <= 3 * std:
            good += 1
            counts[nearest] += 1
    return [sum(count >= min_share * len(samples) for count in counts), good / len(samples)]


REFERENCES = {
    "11.gan_losses": Reference(gan_losses, (
        WrongAnswer("uses the saturating minimax generator loss, the mean log of one minus D", lambda: _gan_saturating),
        WrongAnswer("turns the logits into probabilities and clips them, as a loss on probabilities does", lambda: _gan_probabilities),
        WrongAnswer("averages the real and fake losses together instead of adding their two means", lambda: _gan_pooled_mean),
        WrongAnswer("swaps the labels: real logits as 0 and fake ones as 1", lambda: _gan_swapped_labels),
        WrongAnswer("sums over each batch instead of averaging", lambda: _gan_sums),
        WrongAnswer("computes softplus as the log of one plus an exponential, which overflows", lambda: _gan_naive_softplus),
    ), right_answers=(
        RightAnswer("keras.losses.BinaryCrossentropy(from_logits=True), returns float32 tensors", _gan_keras_bce),
        RightAnswer("keras.ops.softplus on float32 tensors", _gan_keras_ops),
        RightAnswer("tf.nn.sigmoid_cross_entropy_with_logits in float64, returns tensors", _gan_tensorflow),
        RightAnswer("np.logaddexp in float32", lambda: _gan_logaddexp_float32),
        RightAnswer("a Python loop with the math module", lambda: _gan_loop),
    )),
    "11.optimal_discriminator": Reference(optimal_discriminator, (
        WrongAnswer("divides the densities directly, which gives 0 / 0 in the tails", lambda: _optimal_naive),
        WrongAnswer("returns the generator's share p_g / (p_data + p_g)", lambda: _optimal_generator_share),
        WrongAnswer("leaves out each density's normalising factor 1 / std", lambda: _optimal_no_normalisation),
        WrongAnswer("returns the density ratio p_data / p_g", lambda: _optimal_ratio),
        WrongAnswer("passes the variance where the standard deviation goes", lambda: _optimal_variance),
    ), right_answers=(
        RightAnswer("scipy.stats.norm.logpdf and scipy.special.expit", lambda: _optimal_scipy),
        RightAnswer("keras.ops.sigmoid of float32 log-densities, returns a tensor", _optimal_keras),
        RightAnswer("TensorFlow ops in float64 with reduce_logsumexp, returns a tensor", _optimal_tensorflow),
        RightAnswer("a Python loop with the math module", lambda: _optimal_loop),
    )),
    "11.jensen_shannon": Reference(jensen_shannon, (
        WrongAnswer("computes the Kullback-Leibler divergence KL(p || q) instead", lambda: _js_kl),
        WrongAnswer("forgets the halves: adds the two divergences", lambda: _js_no_halves),
        WrongAnswer("uses the logarithm base 2", lambda: _js_log2),
        WrongAnswer("takes logs of zero probabilities, so 0 log 0 gives nan", lambda: _js_nan_at_zeros),
        WrongAnswer("averages KL(p || q) and KL(q || p), the symmetrised KL", lambda: _js_symmetric_kl),
        WrongAnswer("returns the Jensen-Shannon distance, the square root that scipy's jensenshannon gives", lambda: _js_distance),
    ), right_answers=(
        RightAnswer("scipy.spatial.distance.jensenshannon, squared", lambda: _js_scipy),
        RightAnswer("scipy.special.rel_entr", lambda: _js_rel_entr),
        RightAnswer("TensorFlow's tf.math.xlogy in float64, returns a tensor", _js_tensorflow),
        RightAnswer("keras.ops entropies in float32, returns a tensor", _js_keras_float32),
        RightAnswer("a Python loop with the math module", lambda: _js_loop),
    )),
    "11.grid_coverage": Reference(grid_coverage, (
        WrongAnswer("counts every sample nearest to a mode towards covering it, whatever its quality", lambda: _coverage_any_quality),
        WrongAnswer("measures a mode's share among the high-quality samples instead of among all samples", lambda: _coverage_share_of_good),
        WrongAnswer("counts a sample as high quality within one standard deviation instead of three", lambda: _coverage_one_std),
        WrongAnswer("requires more than min_share of the samples instead of at least min_share", lambda: _coverage_strict),
        WrongAnswer("compares the squared distance with three standard deviations", lambda: _coverage_squared),
    ), right_answers=(
        RightAnswer("scipy.spatial.cKDTree, shares compared as fractions", lambda: _coverage_scipy),
        RightAnswer("TensorFlow ops, returns tensors", _coverage_tensorflow),
        RightAnswer("NumPy in float32 with squared distances", lambda: _coverage_float32),
        RightAnswer("Python loops with math.hypot, returns a list", lambda: _coverage_loop),
    )),
}
