"""Regenerate the example output in README.md: every fenced block that starts with `$ sitrep …`
is run (in order, against a fresh temporary store) and its output replaced by what it prints now.

Run: .venv/bin/python scripts/refresh_readme.py   (then review the diff)
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```\n\$ (sitrep [^\n]*)\n(.*?)```", re.S)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        # inputs the README's bad-input example names
        Path("/tmp/empty.txt").write_bytes(b"")
        Path("/tmp/junk.txt").write_bytes(b"nothing here\x00\x01\x02")
        (ROOT / "demo-out").mkdir(exist_ok=True)  # where the examples write their files (git-ignored)
        env = {**os.environ, "SITREP_DB": str(Path(tmp) / "readme.db"), "COLUMNS": "130",
               "XDG_DATA_HOME": tmp}

        def run(match: re.Match[str]) -> str:
            command = match.group(1)
            if command.startswith("sitrep eval"):
                return match.group(0)  # the Quality section shows the gate's numbers
            binary = str(Path(sys.executable).parent / "sitrep")
            done = subprocess.run([binary, *shlex.split(command)[1:]], cwd=ROOT, env=env,
                                  capture_output=True, text=True, check=False)
            output = "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines())
            output = output.replace(str(Path(tmp) / "readme.db"), "~/.local/share/sitrep/sitrep.db")
            return f"```\n$ {command}\n{output}\n```"

        README.write_text(BLOCK.sub(run, text), encoding="utf-8")


if __name__ == "__main__":
    main()
