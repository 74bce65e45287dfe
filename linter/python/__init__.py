"""The Python front end: a light index of each file (libcst, no metadata providers), static
evaluation of values across the project's modules, and the model of each Integration call."""
