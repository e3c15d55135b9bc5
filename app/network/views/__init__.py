"""The network view's pictures and controls; ``app.network.page.make_view`` assembles them."""
