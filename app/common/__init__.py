"""What every view shares: widgets, the view base class, formatting, notices, the URL parser."""
