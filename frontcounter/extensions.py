"""Unbound Flask extensions, bound to an app in create_app (the application-factory pattern)."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from frontcounter.limiter import PerAppLimiter, client_ip

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
migrate = Migrate()
# Configured from RATELIMIT_* in the app's config (frontcounter.config_limits); the named
# limits views apply are in frontcounter.rate_limits.
limiter = PerAppLimiter(key_func=client_ip)
