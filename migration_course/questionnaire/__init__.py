"""Questionnaires: the question bank, notebook generation and static answer reading."""
