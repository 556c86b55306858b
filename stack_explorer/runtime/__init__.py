"""Learn by doing: Python that runs in the learner's browser.

`build.py` fetches the pinned Pyodide release and the pure-Python packages learners
may import (`browser-packages.txt`) into `assets/pyodide/`; `runner.py` is the Python
side of every Run and Check, the same file in the browser and in `content check`;
`python_worker.js` hosts Pyodide in a Web Worker and `code_runner.js` drives it from
the page (`cells.py` renders cells and exercises).
"""
