"""The admin's patched JavaScript (admin/extension/bundle.py): exact, complete, and loud when
Piccolo Admin's bundle is not the one the replacements were written for."""

from __future__ import annotations

import pytest

from admin.extension import bundle


def test_every_replacement_applies_to_the_pinned_bundle():
    patched = bundle.patched_core()

    for _old, new, _count in bundle.REPLACEMENTS:
        assert new in patched
    for english in ("Successfully saved row", "The form has errors.", "Load more", " per page"):
        assert english not in patched


def test_a_changed_bundle_is_refused_naming_the_snippet():
    source = bundle._original().replace('contents:"Successfully added row"', "")

    with pytest.raises(RuntimeError) as refused:
        bundle.patch(source)

    assert 'contents:"Successfully added row"' in str(refused.value)
    assert "occurs 0×, expected 1×" in str(refused.value)


async def test_the_admin_page_loads_the_patched_bundle_with_our_titles(client):
    response = await client.get(f"/admin/assets/{bundle.BUNDLE_NAME}")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    head = response.text[:20000]
    assert head.startswith("window.__LG = {")
    assert '"market": "零工市场（站点）"' in head
    assert '"readOnly": [' in head and '"audit_log"' in head
