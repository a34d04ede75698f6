"""The evidence page: photos, videos and documents, one file at a time, with or without JavaScript.

The form only collects the file; checking and keeping it is the evidence service's job
(by its bytes, not its name). The page can be left with no files: evidence is optional.
"""

from __future__ import annotations

from typing import ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import FileField

from forms.base import QuestionPage
from forms.widgets import FileInput
from services.enums import EvidenceProblem

NO_FILE = _l("Select a file to upload")
PROBLEMS = {
    EvidenceProblem.EMPTY: _l("The selected file is empty"),
    EvidenceProblem.WRONG_TYPE: _l("The selected file must be a JPG, PNG, PDF or MP4"),
    EvidenceProblem.TOO_LARGE: _l("The selected file must be smaller than 25MB"),
    EvidenceProblem.TOO_MANY: _l("You can upload up to 10 files. Remove a file to upload another"),
}


class EvidencePage(QuestionPage):
    title = _l("Photos, videos or documents")
    template = "public/evidence.html"
    handles_uploads: ClassVar[bool] = True
    submit_label = _l("Continue")

    evidence_file = FileField(
        _l("Upload a file"),
        description=_l("JPG, PNG, PDF or MP4, smaller than 25MB. You can upload up to 10 files, one at a time."),
        widget=FileInput(),
    )
