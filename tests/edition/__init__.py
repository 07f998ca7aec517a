"""The two editions: the message tables, the Chinese notebooks' tie to the English ones, the plot fonts."""
