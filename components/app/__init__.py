"""The app layer: Streamlit pages, widgets and the cached loaders that feed them."""
