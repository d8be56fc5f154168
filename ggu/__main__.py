"""`python -m ggu`: the command line."""
import sys

from ggu.cli import main

sys.exit(main())
