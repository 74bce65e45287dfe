"""The Go front end: the `.go` files of Pulumi programs with `runtime: go`, parsed with
tree-sitter (frontend.Go); `Integrations(Project(folder))` reads one project's integrations."""
