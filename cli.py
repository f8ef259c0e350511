"""`python cli.py …` is the same CLI as the `policy-extract` console script."""
import sys

from extractor.cli import main

if __name__ == "__main__":
    sys.exit(main())
