"""The Pulumi YAML front end."""
