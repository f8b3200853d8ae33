"""Dash layout pieces, pure figure builders and the callbacks that wire them."""
