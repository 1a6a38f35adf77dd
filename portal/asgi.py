from django.core.handlers.asgi import ASGIHandler

from portal import boot

# What django.core.asgi.get_asgi_application() does, with the quicker start-up of portal.boot.
boot.setup(set_prefix=False)
application = ASGIHandler()
