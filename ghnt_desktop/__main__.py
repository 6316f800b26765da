from ghnt_desktop.cli.main import main

raise SystemExit(main())
