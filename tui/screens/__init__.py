"""One Screen per view: search, document, help, and the missing-index screen."""
