<<<<<<< HEAD
"""`python -m tacitus`: the same as the `tacitus` command."""
=======
"""`python -m tacitus`: the same entry point as the `tacitus` console script."""
>>>>>>> store

from tacitus.cli import main

main()
