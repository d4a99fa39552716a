"""Simultaan: a desktop trainer for contact-centre and helpdesk operators."""

__version__ = "0.1.0"
