"""The units directory dialog and the unit picker."""
