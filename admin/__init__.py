"""Staff back office (Piccolo Admin, zh-CN) and the `lingong` command line."""
