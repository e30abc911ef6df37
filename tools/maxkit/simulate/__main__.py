"""``python -m maxkit.simulate FLAGS`` runs ``invoke simulate FLAGS``."""

import sys

from maxkit.simulate import main

sys.exit(main())
