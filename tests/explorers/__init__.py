"""The explorers: their state and views in the kernel, and in JupyterLab in headless Chromium."""
