"""factcheck: a command-line civic fact-checker over a repository of YAML claims.

The library (model, store, index, search, sources, claimreview) never imports click or rich; only
`factcheck.cli` and `factcheck.render` do.
"""
