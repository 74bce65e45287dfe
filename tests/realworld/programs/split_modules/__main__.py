"""The orders service: API, functions, routes and permissions each in a module of their own."""
import pulumi

import permissions  # noqa: F401  (registers the invoke permissions)
import routes  # noqa: F401
from api import stage

pulumi.export("url", stage.invoke_url)
