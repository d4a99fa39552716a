"""``python -m trainer`` does what ``simultaan`` does."""

import sys

from trainer.cli import main

sys.exit(main())
