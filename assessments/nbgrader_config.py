"""nbgrader configuration of the RCM questionnaires (see book/instructor-guide.md).

Several nbgrader 0.9 defaults are unsafe for this course (measured when the course was set
up: feedback that shows the hidden tests, cells without a useful time limit, deleted grade
cells that are silently not graded); each setting below says which problem it closes.
`rcm-course course new` copies this file into every new course folder; the exchange location
is given on the command line (`--exchange`), never written here.
"""

import os
import sys

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, GetGrades

c = get_config()  # noqa: F821  (nbgrader provides get_config when it loads this file)

c.CourseDirectory.course_id = "rcm-mpt"

# nbgrader creates a new gradebook by running the `alembic` program found on PATH. Run as
# `.venv/bin/nbgrader` without activating the virtual environment, PATH lacks the venv's bin/
# and the first command on a new course fails; nbgrader reads this file first, so add it here.
_bin = os.path.dirname(sys.executable)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")

# A cell may run at most this long; a questionnaire cell takes well under a second, so an
# endless loop a participant pasted in is stopped quickly instead of holding a grader.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = 60

# A participant who deleted a question cell still gets it graded (restored from the source).
c.OverwriteCells.add_missing_cells = True

# Nothing to type in a questionnaire; if a solution stub ever appears, it says so plainly.
c.ClearSolutions.code_stub = {
    "python": "# Nothing to type here: choose your answer with the buttons above.",
}
c.ClearSolutions.text_stub = "Write your answer here."

# The DEFAULT feedback contains the hidden tests, i.e. the answer key; and the outputs of a
# failed hidden assert show its source line. Pre and post share the items, so the feedback
# keeps only the points per question.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ClearOutput,
                                    CSSHTMLHeaderPreprocessor]

# Participants who receive and return the notebook by e-mail: the instructor saves each
# attachment as `<ID>+<original file name>` (for example `GTM-03+pre_questionnaire.ipynb`)
# and `nbgrader zip_collect` files it under that participant.
c.ZipCollectApp.collector_plugin = "nbgrader.plugins.zipcollect.FileNameCollectorPlugin"
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[A-Z]{3}-\d{2,3})\+(?P<file_id>[^/]+)$"
c.FileNameCollectorPlugin.valid_ext = [".ipynb", ".json"]
