"""`serve --demo` shows courses: the demo operator's market offers them, demo workers enrol."""

from __future__ import annotations

from tests.fixtures.demo import demo_world
from tools.demo import COURSES

QUERY = """
{ trainings { totalCount nodes { title status seatsLeft mode market { id } } } }
"""
MANAGED = """
{ managedTrainings { nodes { title waitlistCount enrolments { status worker { name } } } } }
"""


async def test_the_demo_shows_courses_with_enrolments_and_a_waitlist(gql):
    # given
    world = await demo_world(markets=20)

    # when
    public = await gql(QUERY)
    managed = await gql(MANAGED, token=world.token["operator"])

    # then
    listed = public["data"]["trainings"]
    assert listed["totalCount"] == len(COURSES) == 3
    assert [(n["title"], n["status"], n["seatsLeft"], n["mode"]) for n in listed["nodes"]] == [
        ("叉车操作实训（急需紧缺）", "FULL", 0, "OFFLINE"),
        ("电商直播带货创业培训", "OPEN", 50, "ONLINE"),
        ("家政服务员（育婴方向）培训", "OPEN", 19, "HYBRID"),
    ]
    forklift = next(
        n for n in managed["data"]["managedTrainings"]["nodes"] if n["title"].startswith("叉车")
    )
    assert forklift["waitlistCount"] == 1
    assert forklift["enrolments"] == [
        {"status": "ENROLLED", "worker": {"name": "张伟"}},
        {"status": "ENROLLED", "worker": {"name": "杨军"}},
        {"status": "WAITLISTED", "worker": {"name": "刘洋"}},
    ]
