"""Plan van aanpak screens (see page.py)."""
