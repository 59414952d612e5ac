"""Development harness shared by the benchmark (bench/) and the browser tests (tests/browser/).

Neither the app nor the CLI imports it: it starts `streamlit run` on 127.0.0.1 (server.py) and
names the Chromium both drive (chromium.py), so the two measure and test the same setup.
"""
