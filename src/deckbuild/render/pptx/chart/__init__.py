"""Native, editable PowerPoint charts: ``shape`` places a chart (or its picture) on a slide;
``data`` chooses its type and data, ``workbook`` writes the data sheet behind it, and
``axes``, ``series``, ``labels``, ``combo``, ``frame`` and ``xml`` style it as the drawn
chart looks (``context`` carries what they share)."""
