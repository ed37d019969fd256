"""`lingong generate-province`: deterministic province-scale data, bulk-loaded in batches."""
