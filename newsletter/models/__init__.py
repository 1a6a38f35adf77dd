from newsletter.models.pages import NewsletterIndexPage, NewsletterIssuePage
from newsletter.models.sending import Delivery, Send
from newsletter.models.subscribers import (
    ConsentRecord,
    MailingList,
    Subscriber,
    Subscription,
    Suppression,
)

__all__ = [
    "ConsentRecord",
    "Delivery",
    "MailingList",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "Send",
    "Subscriber",
    "Subscription",
    "Suppression",
]
