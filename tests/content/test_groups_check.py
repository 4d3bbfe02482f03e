"""content/groups.yaml is checked like all content: line, field, what was expected, a did-you-mean."""

from __future__ import annotations

from conftest import NOW
from frontmatter.clock import now
from frontmatter.validate import check_content

BROKEN = """\
# Groups
riverside-flood-wardens:
  name: Riverside Flood Wardens
  description: Volunteers who watch the river.
  areas: [riverside, millbrok]
  topics:
    - flooding
    - floods
eastfield-repair-cafe:
  name: Eastfield Repair Cafe
  descripton: Volunteers mend things.
  areas: [eastfield]
  link: eastfieldrepaircafe.example
Bad Key:
  name: x
"""


def problems(content) -> list[str]:
    catalogue = check_content(content, content.parent, "Europe/London", now({"NOTICEBOARD_NOW": NOW}))
    return [str(p) for p in catalogue.problems if p.path.endswith("groups.yaml")]


def test_every_group_problem_names_its_line_field_and_fix(content_copy):
    (content_copy / "groups.yaml").write_text(BROKEN)
    found = problems(content_copy)
    assert 'content/groups.yaml:5: areas: riverside-flood-wardens: "millbrok" is not an area in content/areas.yaml. ' \
           'Did you mean "millbrook"?' in found
    assert 'content/groups.yaml:8: topics: warning: riverside-flood-wardens: "floods" is not a topic of any news ' \
           'post or FAQ page. Did you mean "flooding"?' in found
    assert 'content/groups.yaml:11: descripton: eastfield-repair-cafe: is not a field of a group. ' \
           'Did you mean "description"?' in found
    assert "content/groups.yaml:9: description: eastfield-repair-cafe: is required: a sentence on what the group does" \
        in found
    assert any(p.startswith("content/groups.yaml:13: link: eastfield-repair-cafe: \"eastfieldrepaircafe.example\" is "
                            "not a web address") for p in found)
    assert any(p.startswith("content/groups.yaml:14: Bad Key: a group's key must be") for p in found)
    assert len(found) == 6


def test_broken_yaml_is_one_problem_with_its_line(content_copy):
    (content_copy / "groups.yaml").write_text("a-group:\n  name: [unclosed\n  areas: [riverside]\n")
    found = problems(content_copy)
    assert len(found) == 1 and found[0].startswith("content/groups.yaml:") and "not valid YAML" in found[0]


def test_a_group_error_stops_the_build(content_copy, site_builder, tmp_path):
    (content_copy / "groups.yaml").write_text(BROKEN)
    assert site_builder(content_copy) != 0
    assert not (tmp_path / "output" / "groups").exists()


def test_the_sample_groups_check_clean():
    from conftest import SAMPLE_CONTENT

    assert problems(SAMPLE_CONTENT) == []
