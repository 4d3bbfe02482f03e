import sys

from publish.replies.cli import main

sys.exit(main())
