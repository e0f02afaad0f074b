"""Instructor pipeline on nbgrader: roster, release/collect, grading, integrity, export."""
