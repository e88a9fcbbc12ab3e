"""One widget per module; each tells the outside world what happened through its own messages."""
