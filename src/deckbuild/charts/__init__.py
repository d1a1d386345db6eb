"""Charts: specs resolved into the model, rendered once, cached by content hash."""
