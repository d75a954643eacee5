"""The peak memory of this process, for the export-memory test and benchmark (each runs its export in a
fresh child process that imports this)."""

from __future__ import annotations

import resource


def peak_mb() -> float:
    """This process's peak resident memory in MB."""
    # VmHWM belongs to this address space; ru_maxrss would include the parent's RSS at fork
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
