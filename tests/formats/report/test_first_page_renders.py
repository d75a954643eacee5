"""Page 1 of every report render is the leader's summary with the chart, at 40 and at 100 units.

The reporting state of a county at 40 units (3 未报送, 2 部分退回) and at 100 (25 未报送, 8 部分退回),
with overdue rows spread over most units, is built in a real workspace
(:mod:`tests.support.report_scenario`); the report is written as .docx, .xlsx and .pdf, the first
two rendered to PDF by LibreOffice, and each PDF read with pdfplumber: page 1 holds the headline,
the key figures and the chart (every unit at 40; at 100 the units with the lowest 完成率, titled so),
the ranking starts page 2. Each page 1 is also turned into a PNG (pdftoppm), as looked at for
docs/dashboard.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.formats.report.report import write_progress_report
from tests.support.first_page import check_first_page
from tests.support.render import pdf_to_pngs, soffice_to_pdf
from tests.support.report_scenario import report_scenario


@pytest.mark.libreoffice
@pytest.mark.parametrize(("units", "not_sent", "partly"), [(40, 3, 2), (100, 25, 8)])
def test_page_one_is_the_summary_with_the_chart(tmp_path: Path, units: int, not_sent: int,
                                                partly: int) -> None:
    scenario = report_scenario(tmp_path, units, not_sent=not_sent, partly=partly)
    try:
        for suffix in (".pdf", ".docx", ".xlsx"):
            target = tmp_path / f"report{suffix}"
            write_progress_report(scenario.plan, scenario.items, target, scenario.today, facts=scenario.facts)
            pdf = target if suffix == ".pdf" else soffice_to_pdf(target, tmp_path / suffix.strip("."))
            every = None if suffix == ".docx" else units <= 40
            found = check_first_page(pdf, units=units, all_units_charted=every)
            assert found.picture == (suffix == ".docx"), suffix
            # the long lists are cut short on page 1 and point to the ranking
            if not_sent > 10:
                assert "（全部见第2页起的排名表）" in found.text, suffix
            else:
                for unit in scenario.units[units - not_sent:]:
                    assert unit in found.text, (suffix, unit)  # every 未报送 unit named
            (png,) = pdf_to_pngs(pdf, tmp_path / "png" / suffix.strip("."), dpi=40, first=1, last=1)
            assert png.stat().st_size > 5_000
    finally:
        scenario.workspace.close()
