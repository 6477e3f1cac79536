"""Run the official array-api-tests suite on a namespace of arraycompat.

    python conformance/run.py numpy --max-examples 20 --report conformance/reports/numpy.md

Same as ``python -m arraycompat conformance ...``; see conformance/README.md.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from arraycompat.cli import _conformance  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="conformance/run.py", description=__doc__.splitlines()[0])
    _conformance.add_arguments(parser)
    sys.exit(_conformance.run_cli(parser.parse_args()))
