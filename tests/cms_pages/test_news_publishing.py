"""Guest blog moderation workflow and scheduled publishing."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Workflow, WorkflowPage

from cms_pages.news import NewsPage

from .news_fixtures import news_index


def test_guest_blog_review_workflow_exists_for_project_staff(db):
    workflow = Workflow.objects.get(name="Vierasblogin tarkastus")
    task = workflow.tasks.get().specific

    assert workflow.active
    assert list(task.groups.values_list("name", flat=True)) == ["Project staff"]


def test_submitting_a_guest_blog_starts_the_review(demo_pages, staff_user):
    blog = news_index(
        demo_pages["home"]["fi"], title="Vierasblogi", slug="vierasblogi", is_blog=True
    )
    workflow = Workflow.objects.get(name="Vierasblogin tarkastus")
    WorkflowPage.objects.create(workflow=workflow, page=blog)
    post = NewsPage(
        title="Vieraskynä",
        slug="vieraskyna",
        lead="Ingressi.",
        date=dt.date(2026, 5, 1),
        author="Vieras Kirjoittaja",
        live=False,
    )
    blog.add_child(instance=post)
    post.save_revision(user=staff_user)

    workflow = post.get_workflow()
    state = workflow.start(post, staff_user)

    assert workflow.name == "Vierasblogin tarkastus"
    assert state.status == "in_progress"
    assert not NewsPage.objects.get(pk=post.pk).live


def test_scheduled_article_goes_live_when_the_scheduler_runs(client, demo_pages):
    index = news_index(demo_pages["home"]["fi"])
    post = NewsPage(title="Ajastettu uutinen", slug="ajastettu", lead="Ingressi.", live=False)
    index.add_child(instance=post)
    revision = post.save_revision()
    revision.publish()  # with go_live_at in the future this only schedules it
    NewsPage.objects.filter(pk=post.pk).update(live=False)
    revision.approved_go_live_at = timezone.now() - dt.timedelta(minutes=1)
    revision.save()

    assert "Ajastettu uutinen" not in client.get("/ajankohtaista/").content.decode()
    call_command("run_scheduler", "--once")

    assert NewsPage.objects.get(pk=post.pk).live
    assert "Ajastettu uutinen" in client.get("/ajankohtaista/").content.decode()
