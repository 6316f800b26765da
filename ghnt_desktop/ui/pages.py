"""The page protocol: what the main window and the Beheer screen ask of every screen they hold.

A *page* is a widget shown in the navigation of the main window or on a tab of Beheer. Besides being a
QWidget it has:

``titel``
    the title in the navigation or on the tab (Dutch, as the user reads it);
``refresh_on_show``
    whether the owner calls ``refresh()`` each time the page comes into view again. False when a refresh
    would throw away what the user typed and has not saved yet (Regionale aanpak: an unsaved eigen
    indeling), when the page refreshes itself, and for the module screens of the main window, which stay as
    they were when you come back to them (an open dossier stays open);
``refresh()``
    show again what is stored now;
``save_all()``
    store what was typed and not yet saved (before locking and before closing);
``clear_for_lock()``
    take everything off the screen that must not stay visible while the app is locked;
``restore_after_unlock()``
    show again what ``clear_for_lock()`` took away. The main window calls it on every page it holds; the
    Beheer screen calls it on a tab when that tab is in view again.

A page inherits :class:`PageMixin` *after* its Qt base class (``class X(QWidget, PageMixin)``), so methods of
the Qt class or of a screen it extends win over the mixin's defaults, and implements only what it needs. The
defaults: ``refresh``, ``save_all`` and ``clear_for_lock`` do nothing; ``restore_after_unlock`` does what
coming into view does (``refresh()`` when ``refresh_on_show``). A screen that does not inherit the mixin is
adapted with :func:`as_page`: its own methods where it has them, no-ops for the others.

This module imports no Qt: the main window imports it before its first paint.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

PAGE_METHODS = ("refresh", "save_all", "clear_for_lock", "restore_after_unlock")


@runtime_checkable
class Page(Protocol):
    titel: str
    refresh_on_show: bool

    def refresh(self) -> None: ...

    def save_all(self) -> None: ...

    def clear_for_lock(self) -> None: ...

    def restore_after_unlock(self) -> None: ...


class PageMixin:
    """No-op defaults for the page protocol. Put it after the Qt base class."""

    titel: str = ""
    refresh_on_show: bool = True

    def refresh(self) -> None:
        """Nothing to reload."""

    def save_all(self) -> None:
        """Nothing typed that is not saved at once."""

    def clear_for_lock(self) -> None:
        """Nothing on screen that must be hidden while locked."""

    def restore_after_unlock(self) -> None:
        """Show the page again as it is stored now: the same as coming into view."""
        if self.refresh_on_show:
            self.refresh()


def missing_methods(widget: object) -> list[str]:
    """The protocol methods a screen does not implement itself (the adapter supplies no-ops for these)."""
    return [name for name in PAGE_METHODS if not callable(getattr(widget, name, None))]


class PageAdapter:
    """The protocol for a screen that does not inherit :class:`PageMixin`: its own methods where it has them,
    no-ops where it has not. The screen is looked at once, here, not at every call."""

    def __init__(self, widget: object, titel: str = "", *, refresh_on_show: bool = False) -> None:
        self.widget = widget
        self.titel = titel
        self.refresh_on_show = refresh_on_show
        self._own = {name: getattr(widget, name) for name in PAGE_METHODS if name not in missing_methods(widget)}
        self.missing = tuple(name for name in PAGE_METHODS if name not in self._own)

    def _call(self, name: str) -> None:
        fn = self._own.get(name)
        if fn is not None:
            fn()

    def refresh(self) -> None:
        self._call("refresh")

    def save_all(self) -> None:
        self._call("save_all")

    def clear_for_lock(self) -> None:
        self._call("clear_for_lock")

    def restore_after_unlock(self) -> None:
        self._call("restore_after_unlock")


def as_page(widget: object, titel: str = "") -> Page:
    """``widget`` itself when it implements the protocol, else a :class:`PageAdapter` around it."""
    if isinstance(widget, Page):
        return widget
    return PageAdapter(widget, titel)
