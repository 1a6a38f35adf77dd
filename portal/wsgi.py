from django.core.handlers.wsgi import WSGIHandler

from portal import boot

# What django.core.wsgi.get_wsgi_application() does, with the quicker start-up of portal.boot.
boot.setup(set_prefix=False)
application = WSGIHandler()
