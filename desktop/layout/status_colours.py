"""The colours of the task statuses, shared by every picture of them: the progress report's chart
(PDF, the .docx picture, the .xlsx native chart), its 逾期/未报送 emphasis and the dashboard's chart,
so the screen and the paper show the same thing."""

from __future__ import annotations

from desktop.core.tracking import DONE, IN_PROGRESS, NOT_REPORTED, NOT_STARTED, ONGOING, OVERDUE

STATUS_COLOURS: dict[str, str] = {
    DONE: "#2E7D32", ONGOING: "#1565C0", IN_PROGRESS: "#F9A825", NOT_STARTED: "#BDBDBD", OVERDUE: "#C62828",
    NOT_REPORTED: "#6A1B9A",
}
DARK_TEXT = frozenset({IN_PROGRESS, NOT_STARTED})  # light fills get black numbers, dark ones white
