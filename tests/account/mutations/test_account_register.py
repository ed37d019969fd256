"""`accountRegister`: phone + password accounts for workers and employers."""

from __future__ import annotations

import pytest

from resolvers.global_ids import encode_id
from services.auth.rules import authenticate
from services.crypto import decrypt
from tables.account import Account
from tables.employer import Employer
from tables.worker import Worker
from tests.fixtures.account import next_phone
from tests.fixtures.employer import company_uscc
from tests.fixtures.job_posting import snapshot
from tests.fixtures.market import occupation_id

REGISTER = """
mutation($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    token
    worker { name phone phoneMasked occupations { name } homeRegion { code } prioritised }
    employer { name kind uscc verificationStatus contactName region { code } }
    userErrors { code field message }
  }
}"""


def worker_input(phone: str, **worker) -> dict:
    return {
        "phone": phone,
        "password": "a-good-password",
        "role": "WORKER",
        "worker": {"name": "张三", **worker},
    }


async def test_a_worker_registers_and_is_signed_in(gql):
    # given
    phone = next_phone()
    occupation = encode_id("Occupation", await occupation_id("装卸搬运工"))

    # when
    body = await gql(
        REGISTER,
        {"input": worker_input(phone, occupationIds=[occupation], homeRegionCode="330102")},
    )

    # then
    payload = body["data"]["accountRegister"]
    assert body == {
        "data": {
            "accountRegister": {
                "token": payload["token"],
                "worker": {
                    "name": "张三",
                    "phone": phone,
                    "phoneMasked": phone[:3] + "****" + phone[-4:],
                    "occupations": [{"name": "装卸搬运工"}],
                    "homeRegion": {"code": "330102"},
                    "prioritised": False,
                },
                "employer": None,
                "userErrors": [],
            }
        }
    }
    viewer = await authenticate(payload["token"])
    worker = await Worker.select().first()
    assert (viewer.role, viewer.subject_id) == ("WORKER", worker["id"])
    # the phone is stored as a keyed hash, a ciphertext and a masked copy, never in clear
    assert decrypt(worker["phone_encrypted"]) == phone and phone not in str(worker)
    account = await Account.select().first()
    assert account["password_hash"].startswith("$argon2id$")
    assert account["phone_hash"] == worker["phone_hash"] != phone


async def test_an_employer_registers_pending_verification(gql):
    # given
    uscc = company_uscc()

    # when
    body = await gql(
        REGISTER,
        {
            "input": {
                "phone": next_phone(),
                "password": "a-good-password",
                "role": "EMPLOYER",
                "employer": {
                    "kind": "COMPANY",
                    "name": "杭州望江物流有限公司",
                    "uscc": uscc.lower(),
                    "contactName": "赵经理",
                    "regionCode": "330102",
                },
            }
        },
    )

    # then
    assert body["data"]["accountRegister"]["employer"] == {
        "name": "杭州望江物流有限公司",
        "kind": "COMPANY",
        "uscc": uscc,
        "verificationStatus": "PENDING",
        # the new token is not this request's viewer: contact data stays hidden here
        "contactName": None,
        "region": {"code": "330102"},
    }
    assert body["data"]["accountRegister"]["userErrors"] == []
    assert await Employer.count() == 1


async def test_every_problem_is_reported_at_once_and_nothing_is_stored(gql):
    # given
    before = await snapshot()

    # when
    body = await gql(
        REGISTER,
        {
            "input": {
                "phone": "12345",
                "password": "short",
                "role": "EMPLOYER",
                "worker": {"name": "张三"},
                "employer": {
                    "kind": "COMPANY",
                    "name": " ",
                    "uscc": "91330106MA2KXXXX0X",
                    "regionCode": "330100",
                },
            }
        },
    )

    # then
    assert body == {
        "data": {
            "accountRegister": {
                "token": None,
                "worker": None,
                "employer": None,
                "userErrors": [
                    {
                        "code": "INVALID_PHONE",
                        "field": ["phone"],
                        "message": "请填写 11 位大陆手机号",
                    },
                    {
                        "code": "WEAK_PASSWORD",
                        "field": ["password"],
                        "message": "密码长度须为 8 到 128 个字符",
                    },
                    {
                        "code": "PROFILE_MISMATCH",
                        "field": ["worker"],
                        "message": "用工主体账号不填写求职登记信息",
                    },
                    {
                        "code": "REQUIRED",
                        "field": ["employer", "name"],
                        "message": "请填写姓名或名称",
                    },
                    {
                        "code": "INVALID_USCC",
                        "field": ["employer", "uscc"],
                        "message": "统一社会信用代码无效（长度、字符或校验位不符）",
                    },
                    {
                        "code": "INVALID_REGION",
                        "field": ["employer", "regionCode"],
                        "message": "请填写浙江省县（市、区）六位区划代码",
                    },
                ],
            }
        }
    }
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("role", "profile", "expected"),
    [
        ("WORKER", {}, [{"code": "PROFILE_REQUIRED", "field": ["worker"]}]),
        ("EMPLOYER", {}, [{"code": "PROFILE_REQUIRED", "field": ["employer"]}]),
        (
            "EMPLOYER",
            {"employer": {"kind": "COMPANY", "name": "某公司"}},
            [{"code": "REQUIRED", "field": ["employer", "uscc"]}],
        ),
        (
            "EMPLOYER",
            {"employer": {"kind": "INDIVIDUAL", "name": "王五", "uscc": "x"}},
            [{"code": "USCC_NOT_ALLOWED", "field": ["employer", "uscc"]}],
        ),
        (
            "WORKER",
            {"worker": {"name": "张三", "occupationIds": ["bm90LWFuLWlk"]}},
            [{"code": "NOT_FOUND", "field": ["worker", "occupationIds"]}],
        ),
    ],
)
async def test_the_profile_must_fit_the_role(gql, role, profile, expected):
    # given
    before = await snapshot()
    query = REGISTER.replace("message", "")

    # when
    body = await gql(
        query,
        {"input": {"phone": next_phone(), "password": "a-good-password", "role": role, **profile}},
    )

    # then
    assert body["data"]["accountRegister"]["userErrors"] == expected
    assert await snapshot() == before


async def test_a_password_containing_the_phone_is_weak(gql):
    phone = next_phone()

    body = await gql(
        REGISTER.replace("message", ""),
        {"input": {**worker_input(phone), "password": f"pw{phone}"}},
    )

    assert body["data"]["accountRegister"]["userErrors"] == [
        {"code": "WEAK_PASSWORD", "field": ["password"]}
    ]


async def test_a_phone_or_credit_code_registers_once(gql):
    # given
    phone, uscc = next_phone(), company_uscc()
    employer = {"kind": "COMPANY", "name": "甲公司", "uscc": uscc}
    first = await gql(
        REGISTER,
        {
            "input": {
                "phone": phone,
                "password": "a-good-password",
                "role": "EMPLOYER",
                "employer": employer,
            }
        },
    )
    assert first["data"]["accountRegister"]["userErrors"] == []
    before = await snapshot()

    # when
    again = await gql(
        REGISTER.replace("message", ""),
        {
            "input": {
                "phone": phone,
                "password": "a-good-password",
                "role": "EMPLOYER",
                "employer": employer,
            }
        },
    )

    # then
    assert again["data"]["accountRegister"]["userErrors"] == [
        {"code": "PHONE_TAKEN", "field": ["phone"]},
        {"code": "USCC_TAKEN", "field": ["employer", "uscc"]},
    ]
    assert await snapshot() == before
