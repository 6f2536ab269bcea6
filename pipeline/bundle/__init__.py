"""Release bundles: a reproducible zip of every track, its manifest, check report and checklist."""
