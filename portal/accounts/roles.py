"""The portal's roles. The groups are created by a data migration of this app."""

PROJECT_STAFF = "Project staff"
NETWORK_PARTNERS = "Network partners"
STEERING_GROUP = "Steering group"
ROLES = (PROJECT_STAFF, NETWORK_PARTNERS, STEERING_GROUP)
