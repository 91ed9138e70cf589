"""Lesson 14's data: shifted, noisy digits for the image capstone, and the fixed sentiment vocabulary with its encoder."""
import numpy as np
import pytest

from course_utils.data import (SENTIMENT_LENGTH, encode_sentences, load_digits, load_sentiment, load_shifted_digits,
                               sentiment_vocabulary)


def test_shifted_digits_are_seeded_padded_and_keep_the_labels():
    first, again, other = load_shifted_digits(seed=3), load_shifted_digits(seed=3), load_shifted_digits(seed=4)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.x_test, other.x_test)
    assert first.x_train.shape == (1347, 12, 12, 1) and first.x_test.shape == (450, 12, 12, 1)
    assert first.x_train.dtype == np.float32 and 0.0 <= first.x_train.min() and first.x_train.max() <= 1.0
    np.testing.assert_array_equal(first.y_test, load_digits(seed=3).y_test)


def test_without_noise_every_digit_keeps_all_its_ink_on_the_canvas():
    clean, plain = load_shifted_digits(max_shift=1, noise=0.0, seed=5), load_digits(seed=5, flatten=False)
    assert clean.x_train.shape[1:] == (10, 10, 1)
    np.testing.assert_allclose(clean.x_train.sum(axis=(1, 2, 3)), plain.x_train.sum(axis=(1, 2)), rtol=1e-5)
    centred = np.pad(plain.x_train, ((0, 0), (1, 1), (1, 1)))[..., None]
    assert not np.any(np.all(clean.x_train == centred, axis=(1, 2, 3)))  # no image stays where it was


def test_noise_changes_pixels_by_about_its_standard_deviation():
    clean, noisy = load_shifted_digits(noise=0.0, seed=1), load_shifted_digits(noise=0.05, seed=1)
    blank = clean.x_train == 0.0
    assert 0.015 < float(noisy.x_train[blank].mean()) < 0.03  # half the noise is clipped at 0: mean about 0.05 / sqrt(2 pi)


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(max_shift=0), "max_shift=0"), (dict(max_shift=5), "max_shift=5"), (dict(max_shift=1.5), "max_shift=1.5"),
    (dict(noise=-0.1), "noise=-0.1"), (dict(seed=-1), "seed=-1"), (dict(test_fraction=1.0), "test_fraction=1.0"),
])
def test_shifted_digits_refuse_bad_arguments_and_echo_them(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment.replace(".", r"\.")):
        load_shifted_digits(**kwargs)


def test_the_vocabulary_covers_every_word_of_the_corpus_after_padding_and_unknown():
    vocabulary = sentiment_vocabulary()
    assert vocabulary[:2] == ("", "[UNK]") and len(set(vocabulary)) == len(vocabulary)
    split = load_sentiment(n_pairs=300, seed=2)
    words = {word for text in np.concatenate([split.x_train, split.x_test]) for word in text.split()}
    assert words <= set(vocabulary[2:])
    ids = encode_sentences(split.x_train)
    assert ids.shape == (len(split.x_train), SENTIMENT_LENGTH) and ids.dtype == np.int64
    assert ids.min() == 0 and 1 not in ids  # padding used, no unknown word
    lengths = (ids != 0).sum(axis=1)
    assert lengths.max() <= SENTIMENT_LENGTH and np.all(lengths == [len(text.split()) for text in split.x_train])


def test_encoding_round_trips_and_pads_cuts_and_marks_unknown_words():
    vocabulary = sentiment_vocabulary()
    text = "the story was not dull , just gripping"
    ids = encode_sentences([text])[0]
    assert " ".join(vocabulary[i] for i in ids if i) == text
    assert encode_sentences(np.array(["The FILM was superb"]), length=3).tolist() == [[2, 3, vocabulary.index("was")]]
    assert encode_sentences(["wonderful"], length=2).tolist() == [[1, 0]]
    assert encode_sentences([], length=4).shape == (0, 4)


@pytest.mark.parametrize("texts, length, fragment", [
    ("the film was fun", 5, "texts="), (["fine", 3], 5, "texts="), ([["the film"]], 5, "texts="),
    (["the film"], 0, "length=0"), (["the film"], 2.0, "length=2.0"),
])
def test_encoding_refuses_bad_arguments_and_echoes_them(texts, length, fragment):
    with pytest.raises(ValueError, match=fragment):
        encode_sentences(texts, length=length)
