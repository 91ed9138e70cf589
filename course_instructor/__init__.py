"""course_instructor: the instructor's side of the course. Never given to learners, never inside a grading sandbox.

* `references`: the reference answer and the known-wrong answers of every task
  (``references/lesson_NN.py``), and what they give on any case
* `authoring`: ``course build-exercises`` (exercises and the stored public results)
* `submissions`: read and identify a submitted notebook, bounded, as data
* `sandbox`: run one submission's notebook in a bubblewrap sandbox
* `judging`: hidden cases drawn with the batch seed, judged against the references
* `batch`: ``course grade`` (shards, jobs, progress)
* `gradebook`: CSV, JSON and feedback files; ``course gradebook merge``
* `release`: ``course release``: what learners who are graded get

It imports the learner's side (`course_utils`); nothing there imports this package.
"""
