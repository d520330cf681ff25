"""Custom-painted widgets and delegates: kind icons, snippet delegate, timeline chart, facet panel."""
