"""Finding an explorer's widgets the way its view is built: through .children, by CSS class."""

import ipywidgets as widgets


def find(root, css, kind=widgets.Widget):
    """Every widget under root (through .children) that has the CSS class `css`, in display order."""
    found = [root] if css in root._dom_classes and isinstance(root, kind) else []
    for child in getattr(root, "children", ()):
        found += find(child, css, kind)
    return found
