"""The benchmark (`make bench`) and the helpers it shares with the serving tests (Dash protocol, server processes)."""
