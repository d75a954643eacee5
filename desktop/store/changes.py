"""What one workspace call changed, and how to take it back exactly: :class:`OpChanges`.

Every call that changes the workspace — a plan edit (``Workspace.apply``), a units directory edit
(add, update, rename, merge, reorder, delete), a plan list edit (add, duplicate, delete to the
recycle bin, restore, archive), a tracking change (a feedback import, a status or progress entry)
— returns one :class:`OpChanges`. It says what changed, so the views refresh exactly that (the
plans' primitive changes, whether the plan list, the directory or the tracking tables changed, the
plan it happened in), and it carries ``undo``: a short list of plain :data:`Step` records that,
run in order by ``Workspace.revert`` (see ``revert``), put back exactly what the call changed —
each cell, unit row, assignments row, progress entry and unit's return in a reporting round as it
was — and nothing else.
``revert`` returns the :class:`OpChanges` of the revert itself, whose ``undo`` is the redo: undo
and redo are one path. The shape follows Anki's ``OpChanges``; there is no Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Change
from desktop.core.operations import Operation
from desktop.core.tracking import ProgressEntry
from desktop.core.tracking_rounds import ReturnRecord, Round
from desktop.core.units import Unit

# One assignments row's unit columns: id, unit, unit_key, updated_at.
AssignmentRow = tuple[int, str, str, str]


@dataclass(frozen=True)
class AssignmentState:
    """The columns of an assignments row that a tracking change sets."""

    id: int
    status: str
    completed_on: str | None
    updated_at: str


# ----- the steps an undo is made of ------------------------------------------------------------
@dataclass(frozen=True)
class EditPlan:
    """Apply ``op`` to the plan. ``required``: fail when the plan was purged (else skip it)."""

    plan_id: int
    op: Operation
    required: bool = True


@dataclass(frozen=True)
class BinPlan:
    """Move the plan to the recycle bin (``deleted``) or take it out."""

    plan_id: int
    deleted: bool


@dataclass(frozen=True)
class ArchivePlan:
    plan_id: int
    archived: bool


@dataclass(frozen=True)
class PutUnit:
    """Set the unit row with ``unit.id`` to these names and kind; it must still be named ``current``."""

    unit: Unit
    current: str


@dataclass(frozen=True)
class AddUnit:
    """Store the unit row again exactly: its id, order, names and kind."""

    unit: Unit


@dataclass(frozen=True)
class RemoveUnit:
    """Remove the unit row ``unit.id`` (``unit`` is the row as it is, to put it back later)."""

    unit: Unit


@dataclass(frozen=True)
class OrderUnits:
    unit_ids: tuple[int, ...]


@dataclass(frozen=True)
class PutAssignmentUnits:
    """Set these assignments rows' unit, key and ``updated_at``."""

    rows: tuple[AssignmentRow, ...]


@dataclass(frozen=True)
class PutAssignmentStates:
    """Set these assignments rows' status, completion date and ``updated_at`` — each only where the
    row is still in its ``expected`` state: one changed since (a later import, the clerk, another
    window) keeps the newer state and drops out of the step."""

    states: tuple[AssignmentState, ...]
    expected: tuple[AssignmentState, ...]


@dataclass(frozen=True)
class AddEntries:
    """Append these progress entries (assignment id, entry) again; they get new ids."""

    entries: tuple[tuple[int, ProgressEntry], ...]


@dataclass(frozen=True)
class DropEntries:
    """Delete these progress entries (by their ids)."""

    entries: tuple[tuple[int, ProgressEntry], ...]


@dataclass(frozen=True)
class AddReturns:
    """Record these returns of units in their reporting rounds again, exactly as they were (unit,
    file, saved and imported time, rows, rejections); they get new ids."""

    records: tuple[ReturnRecord, ...]


@dataclass(frozen=True)
class DropReturns:
    """Delete these returns (by their ids) from their rounds: each unit's state in the round goes back
    to what its earlier returns (or none: 未报送) make it."""

    records: tuple[ReturnRecord, ...]


@dataclass(frozen=True)
class AddRound:
    """Put back a reporting round with its own id, name and times (nothing when it is still there)."""

    round: Round


@dataclass(frozen=True)
class DropRound:
    """Delete a reporting round an import opened — only while it is still open and empty (no returns,
    no kept states); a round something else has used since stays."""

    round: Round


Step = (EditPlan | BinPlan | ArchivePlan | PutUnit | AddUnit | RemoveUnit | OrderUnits | PutAssignmentUnits
        | PutAssignmentStates | AddEntries | DropEntries | AddReturns | DropReturns | AddRound | DropRound)


@dataclass(frozen=True)
class PlanChanges:
    """One plan's primitive changes, in the order they happened (what its views must follow)."""

    plan_id: int
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class OpChanges:
    """One workspace call: what it changed and the steps that take it back (see the module doc)."""

    label: str
    undo: tuple[Step, ...] = ()
    plan_id: int | None = None  # the plan it happened in (the new plan's id for an add or a copy)
    plans: tuple[PlanChanges, ...] = ()
    plan_list: bool = False  # plans were added, deleted, restored, archived
    units: bool = False  # the units directory changed
    tracking: bool = False  # assignments or progress entries changed

    @property
    def empty(self) -> bool:
        """Nothing changed: nothing to undo."""
        return not self.undo

    @property
    def plan_ids(self) -> list[int]:
        """The plans whose content changed, each once, in order."""
        return list(dict.fromkeys(item.plan_id for item in self.plans))

    def tracking_parts(self) -> tuple[tuple[AssignmentState, ...], tuple[tuple[int, ProgressEntry], ...]]:
        """The assignments' states this record's undo puts back and the progress entries it deletes."""
        states = tuple(state for step in self.undo if isinstance(step, PutAssignmentStates)
                       for state in step.states)
        entries = tuple(entry for step in self.undo if isinstance(step, DropEntries)
                        for entry in step.entries)
        return states, entries

    def returns(self) -> tuple[ReturnRecord, ...]:
        """The units' returns this record's undo deletes from their reporting rounds."""
        return tuple(record for step in self.undo if isinstance(step, DropReturns) for record in step.records)

    def changes_of(self, plan_id: int) -> tuple[Change, ...]:
        """All of one plan's primitive changes in this record."""
        return tuple(change for item in self.plans if item.plan_id == plan_id for change in item.changes)
