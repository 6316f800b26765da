"""Zelfscan screens: the team self-assessment against the Kwaliteitskader Werken aan Veiligheid.

``page.ZelfscanPage`` is the module's top-level page (list of scans, catalogue, exchange); a scan opens in
``scan_view.ScanView`` (answering, results, comparison, participants and status). Every call goes through
``ghnt_desktop.services.zelfscan`` (see docs/contracts/zelfscan-service.md).
"""
