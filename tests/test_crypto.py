"""Sealing notes at rest: unreadable without the key, rotatable, tamper-evident."""

import pytest

from plugin.crypto import Sealer, SealError, new_key, parse_keys


def test_sealed_data_opens_only_with_a_configured_key():
    key = new_key()
    token = Sealer([key]).seal({"strengths": "Led the migration"})
    assert "migration" not in token
    assert Sealer([key]).open(token) == {"strengths": "Led the migration"}
    with pytest.raises(SealError, match="not in ENCRYPTION_KEYS"):
        Sealer([new_key()]).open(token)


def test_rotation_keeps_old_data_readable_and_reseals_with_the_new_key():
    old, new = new_key(), new_key()
    token = Sealer([old]).seal({"n": 1})
    both = Sealer([new, old])
    assert both.open(token) == {"n": 1}
    resealed = both.reseal(token)
    assert Sealer([new]).open(resealed) == {"n": 1}


def test_altered_data_is_refused():
    sealer = Sealer([new_key()])
    token = sealer.seal({"n": 1})
    with pytest.raises(SealError):
        sealer.open(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))


def test_key_parsing_names_the_bad_key_without_showing_it():
    good = new_key()
    assert parse_keys(f" {good} , ") == [good]
    with pytest.raises(ValueError, match="key 2 is not a Fernet key") as error:
        parse_keys(f"{good},not-a-key")
    assert "not-a-key" not in str(error.value)
