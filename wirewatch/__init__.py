"""The wirewatch application shell: command line, home folder and settings."""
