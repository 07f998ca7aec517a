"""What the course is delivered with: the book, the classroom (JupyterHub), the package, the server config."""
