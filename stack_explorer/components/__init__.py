"""Pure UI functions: they take values or Vars and return components."""
