"""The meldcode screens: dossier list, "Wat vraagt aandacht", the five steps, history, autosave."""
