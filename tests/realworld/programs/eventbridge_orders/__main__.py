"""Order events enter through an HTTP API straight into EventBridge."""
import pulumi

from orders.api import create_api

pulumi.export("api_id", create_api("orders"))
