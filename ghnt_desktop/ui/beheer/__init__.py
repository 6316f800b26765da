"""Beheer: the beheerder's screen (``view.BeheerView``) with one module per tab.

Which tabs appear mirrors ``domain.roles.mag``; the services check again and refuse (and audit) whatever
the role may not do. Results and errors are shown inline in each tab (not in pop-ups), in plain Dutch.
Every tab is a page (``ui.pages``): the Beheer screen refreshes, clears and restores it through that protocol.
"""
