"""Graded task definitions, one module per lesson: ``lesson_NN.py`` holds ``TASKS``.

Each module defines, for its exercise notebook, how the cases each check tries
are drawn, how answers are run and judged, and the hints. It holds no answer:
``expected/lesson_NN.json`` stores what a right answer (and each known mistake)
gives on the public cases; the reference answers stay on the instructor's
side (``course_instructor/references``).
"""
