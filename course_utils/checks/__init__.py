"""Graded task definitions, one module per lesson: ``lesson_NN.py`` holds ``TASKS``.

Each module defines, for its exercise notebook, the cases each check tries,
how answers are judged, the hints, the reference answers and the known-wrong
answers that the test suite makes sure every check rejects.
"""
