"""Personal-data key rotation: new writes under the new key, old rows readable, `reencrypt`
rewrites them (idempotent, resumable), lookups and the audit chain unaffected."""

from __future__ import annotations

import dataclasses
import json

import pytest

from services import crypto, keyrotation
from services.audit.rules import verify_chain
from services.keyrotation import key_census, reencrypt
from services.problems import ServiceError
from services.worker import rules as worker_rules
from settings import _encryption_keys, get_settings
from tables.employer import Employer
from tables.worker import Worker
from tests.fixtures.account import PASSWORD, next_resident_id
from tests.fixtures.employer import make_employer
from tests.fixtures.worker import make_worker
from tests.test_cli import lingong

NEW = ("k2", "n" * 40)
SIGN_IN = """mutation($phone: String!, $password: String!) {
  tokenCreate(input: {phone: $phone, password: $password}) { role userErrors { code } } }"""


def use_keys(monkeypatch, *keys: tuple[str, str]) -> None:
    rotated = dataclasses.replace(get_settings(), encryption_keys=keys)
    monkeypatch.setattr(crypto, "get_settings", lambda: rotated)


async def stored() -> list[str]:
    """Every stored ciphertext, workers then employers, in id order."""
    workers = await Worker.select(
        Worker.phone_encrypted, Worker.resident_id_encrypted, Worker.assistance_encrypted
    ).order_by(Worker.id)
    employers = await Employer.select(Employer.phone_encrypted).order_by(Employer.id)
    return [v for row in [*workers, *employers] for v in row.values() if v]


async def make_people() -> dict[str, str]:
    """Two workers (resident id, assistance) and an employer, written under key 0; one worker's
    phone as written before key ids existed (no prefix)."""
    people = {"resident_id": next_resident_id()}
    first, _ = await make_worker(
        phone="13912340001", resident_id=people["resident_id"], assistance=("OLDER",)
    )
    await make_worker(phone="13912340002")
    await make_employer(phone="13912340003")
    row = await Worker.select(Worker.phone_encrypted).where(Worker.id == first).first()
    assert row is not None
    await Worker.update({Worker.phone_encrypted: row["phone_encrypted"].removeprefix("0:")}).where(
        Worker.id == first
    )
    return people


def test_the_current_key_writes_and_its_id_prefixes_the_ciphertext(monkeypatch):
    use_keys(monkeypatch, NEW, ("0", ""))

    token = crypto.encrypt("13912345678")

    assert token.startswith("k2:") and crypto.key_id_of(token) == "k2"
    assert crypto.decrypt(token) == "13912345678"
    assert crypto.reencrypted(token) is None


def test_a_key_no_longer_configured_is_named_in_the_error(monkeypatch):
    token = crypto.encrypt("13912345678")  # under key 0
    use_keys(monkeypatch, NEW)

    with pytest.raises(ValueError, match="encrypted under key '0', not configured"):
        crypto.decrypt(token)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("k1:short", "shorter than 32"),
        ("k1:" + "x" * 40 + ",k1:" + "y" * 40, "repeated key id 'k1'"),
        ("0:" + "x" * 40, "key id 0 stands alone"),
        ("k1", "key id 0 stands alone"),
        ("bad id:" + "x" * 40, "bad or repeated key id"),
    ],
)
def test_bad_keyrings_stop_the_start(raw, message):
    with pytest.raises(RuntimeError, match=message):
        _encryption_keys(raw)


def test_keyring_order_is_kept_and_unset_means_key_0():
    assert _encryption_keys("") == (("0", ""),)
    assert _encryption_keys(f"k2:{'n' * 40}, 0") == (NEW, ("0", ""))


async def test_rotation_keeps_old_rows_readable_and_reencrypt_moves_them(gql, monkeypatch):
    # given data under key 0 (one value without a key id), then a new current key
    people = await make_people()
    before = await stored()
    use_keys(monkeypatch, NEW, ("0", ""))

    # then old rows still decrypt, sign-in (phone hash) works, new writes use k2
    assert [crypto.key_id_of(v) for v in before] == ["0"] * len(before)
    assert crypto.decrypt(before[0]) == "13912340001"
    signed = await gql(SIGN_IN, {"phone": "13912340001", "password": PASSWORD})
    assert signed["data"]["tokenCreate"] == {"role": "WORKER", "userErrors": []}
    worker_id, _ = await make_worker(phone="13912340004")
    new_row = await Worker.select().where(Worker.id == worker_id).first()
    assert new_row is not None and new_row["phone_encrypted"].startswith("k2:")

    # when re-encrypting in batches of 2
    report = await reencrypt(batch=2)

    # then every value is under k2 with the same plain text, the hashes unchanged
    after = await stored()
    assert report.tables["worker"].rewritten == 2 and report.tables["employer"].rewritten == 1
    assert {crypto.key_id_of(v) for v in after} == {"k2"}
    use_keys(monkeypatch, NEW)  # key 0 retired
    plain = [crypto.decrypt(v) for v in after]
    assert plain[:4] == ["13912340001", people["resident_id"], json.dumps(["OLDER"]), "13912340002"]
    assert await key_census() == {"worker": {"k2": 5}, "employer": {"k2": 1}}
    signed = await gql(SIGN_IN, {"phone": "13912340003", "password": PASSWORD})
    assert signed["data"]["tokenCreate"] == {"role": "EMPLOYER", "userErrors": []}
    # the resident-id uniqueness (a keyed hash) still holds across the rotation
    with pytest.raises(ServiceError, match="该身份证号已被其他求职登记使用"):
        await worker_rules.update_profile(
            worker_id, worker_rules.ProfileChanges(resident_id=people["resident_id"])
        )
    # the audit chain (its own key, which does not rotate) verifies, the run recorded in it
    chain = await verify_chain()
    assert chain.ok
    # and a second run finds nothing to do, and records nothing
    again = await reencrypt(batch=2)
    assert again.rewritten == 0 and await stored() == after
    assert (await verify_chain()).rows == chain.rows


async def test_an_interrupted_run_is_finished_by_running_it_again(monkeypatch):
    await make_people()
    use_keys(monkeypatch, NEW, ("0", ""))

    def stop_after_first_batch(table, stats):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await reencrypt(batch=1, progress=stop_after_first_batch)
    halfway = await key_census()
    report = await reencrypt(batch=1)

    # the first batch (one worker) was committed, the rest done by the second run
    assert halfway["worker"] == {"k2": 3, "0": 1}
    assert report.tables["worker"].rewritten == 1 and report.tables["employer"].rewritten == 1
    assert await key_census() == {"worker": {"k2": 4}, "employer": {"k2": 1}}


async def test_a_value_changed_meanwhile_is_not_overwritten(monkeypatch):
    await make_people()
    use_keys(monkeypatch, NEW, ("0", ""))
    real_batches = keyrotation._batches

    async def app_writes_between_read_and_rewrite(table, columns, size):
        async for rows in real_batches(table, columns, size):
            if table is Worker:  # the app changes a phone after the batch was read
                await Worker.update({Worker.phone_encrypted: crypto.encrypt("13900000009")}).where(
                    Worker.phone_masked == "139****0001"
                )
            yield rows

    monkeypatch.setattr(keyrotation, "_batches", app_writes_between_read_and_rewrite)
    report = await reencrypt(batch=10)

    assert report.tables["worker"].skipped == 1 and report.tables["worker"].rewritten == 1
    first = await Worker.select(Worker.phone_encrypted).order_by(Worker.id).first()
    assert first is not None and crypto.decrypt(first["phone_encrypted"]) == "13900000009"


async def test_the_reencrypt_command(monkeypatch):
    await make_people()
    env = {"LINGONG_ENCRYPTION_KEYS": f"k2:{NEW[1]},0"}
    monkeypatch.setenv(*next(iter(env.items())))

    dry = lingong("reencrypt", "--dry-run")
    run = lingong("reencrypt", "--batch", "2")
    again = lingong("reencrypt")

    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == "加密数据所用密钥（之前）：worker（密钥 0：4）；employer（密钥 0：1）\n"
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[1:] == [
        "已用当前密钥 k2 重新加密 3 行",
        "加密数据所用密钥（之后）：worker（密钥 k2：4）；employer（密钥 k2：1）",
    ]
    assert "worker：已读 2 行，改写 2 行，至 id" in run.stderr
    assert again.stdout.splitlines()[1] == "已用当前密钥 k2 重新加密 0 行"
    assert lingong("audit-verify").returncode == 0
