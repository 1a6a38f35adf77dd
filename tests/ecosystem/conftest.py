import pytest

from ecosystem.demo import loader as demo


@pytest.fixture
def demo_register(db):
    """The demo ecosystem of Central Uusimaa, loaded as `make run` loads it."""
    demo.load()
