"""Page tests (AppTest, no browser); a package so its conftest does not shadow tests/conftest.py."""
