"""Commands around the platform: the `lingong` CLI, migrations, demo data, the benchmark."""
