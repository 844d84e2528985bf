"""A one-line description of the machine a benchmark ran on, for reading its figures."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path


def machine() -> str:
    """Cores, CPU model, memory and Python version of this machine."""
    memory = cpu = "unknown"
    try:
        kib = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        memory = f"{int(kib.group(1)) / 1024**2:.1f} GiB" if kib else memory
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = model.group(1).strip() if model else platform.processor() or cpu
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {memory} RAM, Python {platform.python_version()}"
