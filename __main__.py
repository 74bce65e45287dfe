"""Entry point the Pulumi engine runs (`python -m pulumi.policy <addr> <this folder>`)."""
from apigw_lint.policypack.pack import serve

serve()
