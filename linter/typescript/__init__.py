"""The TypeScript / JavaScript front end (tree-sitter): Node.js Pulumi programs.

`programs(root)` finds the projects (Pulumi.yaml with `runtime: nodejs`); `Integrations(Project(
folder))` yields, per file (`of_file`) or for the whole project (`everything`), a `Found` per
`new aws.apigatewayv2.Integration(...)` (model, logical names, lines, locate, reasons, fix) or a
`NotCheckable` reason (APIGW999). frontend.py is what the check loop sees (through reader.py)."""
