"""The render layer: pure builders of charts, the heatmap spec and export files from tables. No Streamlit."""
