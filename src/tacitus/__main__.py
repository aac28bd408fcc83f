"""`python -m tacitus`: the same entry point as the `tacitus` console script."""

from tacitus.cli import main

main()
