"""The web explorer page and its static assets."""
