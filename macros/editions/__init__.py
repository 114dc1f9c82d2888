"""Tailored editions: an organization's overlay merged over the base playbook."""
