"""The data layer: read stances.yaml safely, validate it into the model, check its rules and quotes. No Streamlit."""
