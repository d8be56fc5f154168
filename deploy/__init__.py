"""Deployment: the HAProxy configuration and `make serve` (serve.py)."""
