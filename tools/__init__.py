"""What maintains the course (run from the repository root as `python -m tools.<name>`):
notebook_run (execute a notebook, cached), translate (the Chinese edition), book (the offline site),
browser (JupyterLab in headless Chromium), classroom (a real JupyterHub), bench and bench_explorers."""
