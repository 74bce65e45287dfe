"""The Java front end (tree-sitter): Pulumi programs with `runtime: java`.

`Integrations(Project(folder))` yields, per file (`of_file`) or for the whole project
(`everything`), a `Found` per `new Integration(name, IntegrationArgs.builder()...build())` of
`com.pulumi.aws.apigatewayv2` (model, logical names, lines, locate, reasons, fix) or a
`NotCheckable` reason (APIGW999). frontend.py is what the check loop sees (through reader.py)."""
