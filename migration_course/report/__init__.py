"""The learning-gain and satisfaction report over a graded course (``rcm-course report``)."""
