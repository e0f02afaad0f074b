"""The core every feature stands on: the course folder, participants, errors, files, strings.

It holds the course folder, participants and row problems, text decoding and CSV writing,
errors and the catalogue of learner-facing strings. Nothing in this package imports from any
other part of ``migration_course``: features (questionnaire, grading, attendance, certificates,
report, charts, book) import the core, the command line imports the features, never the other
way round (``tests/test_architecture.py``).
"""
