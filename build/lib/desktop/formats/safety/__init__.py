"""Defences for untrusted files: safe XML parsing and capped zip reading."""
