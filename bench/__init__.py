"""wirewatch's benchmarks.

They import the dashboard's query modules outside `streamlit run`, where Streamlit
warns, once per cached query and as it is defined, that it has no runtime; its
log is set to errors before any of them is imported.
"""

from streamlit.logger import set_log_level

set_log_level("error")
