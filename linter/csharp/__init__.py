"""The C# front end (tree-sitter): .NET Pulumi programs.

`Integrations(Project(folder))` yields, per file (`of_file`) or for the whole project
(`everything`), a `Found` per `new Aws.ApiGatewayV2.Integration(...)` (model, logical names,
lines, locate, reasons, fix) or a `NotCheckable` reason (APIGW999). frontend.py is what the check
loop sees (through reader.py)."""
