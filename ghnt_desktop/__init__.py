"""GHNT Desktop: meldcode, zelfscan and plan van aanpak for lokale (wijk)teams."""

__version__ = "0.1.0"
APP_NAME = "GHNT Desktop"
APP_ID = "ghnt-desktop"
