"""The WSGI entry point for gunicorn (`gunicorn wsgi:app`) and the flask CLI (`flask --app wsgi`)."""

import sys

from frontcounter import create_app
from frontcounter.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    sys.stderr.write(f"{error}\n")
    raise SystemExit(2) from None
