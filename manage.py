#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    if not any(arg == "--settings" or arg.startswith("--settings=") for arg in sys.argv[1:]):
        # Django started before the command runs, a third quicker (portal.boot); the
        # command's own django.setup() then finds the apps ready.
        from portal import boot

        try:
            boot.setup()
        except ImproperlyConfigured:
            pass  # the command line below reports it as Django does
    execute_from_command_line(sys.argv)
