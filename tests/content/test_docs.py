from conftest import ROOT
from frontmatter.schema import field_reference


def test_the_field_reference_is_the_schema():
    assert field_reference() in (ROOT / "docs" / "fields.md").read_text()
