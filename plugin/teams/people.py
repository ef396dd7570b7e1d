"""People as Teams describes them, from the stored references and rosters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from plugin.domain.handoff import Person
from plugin.teams import text
from plugin.teams.references import GUEST_ROLE, Reference, References


def is_bot_id(user_id: str) -> bool:
    return user_id.startswith("28:")


def person_from_member(member: Mapping, tenant_id: str, tz: str = "") -> Person | None:
    """A roster member as a Person keyed by AAD object ID; None for bots and anonymous members."""
    aad = str(member.get("aadObjectId") or "").lower()
    user_id = str(member.get("id") or "")
    if not aad or is_bot_id(user_id):
        return None
    member_tenant = str(member.get("tenantId") or "").lower()
    return Person(
        id=aad,
        name=str(member.get("name") or member.get("givenName") or aad),
        tz=tz or "UTC",
        email=str(member.get("email") or member.get("userPrincipalName") or ""),
        is_guest=member.get("userRole") == GUEST_ROLE
        or bool(member_tenant and tenant_id and member_tenant != tenant_id.lower()),
    )


def person_from_reference(reference: Reference) -> Person:
    return Person(
        id=reference.aad_object_id,
        name=reference.name or text.UNKNOWN_PERSON,
        tz=reference.tz or "UTC",
        email=reference.email,
        is_guest=reference.is_guest,
    )


class TeamsDirectory:
    """The Slack directory's counterpart: people by AAD object ID, for jobs and renderers."""

    def __init__(self, references: References):
        self.references = references

    def people(self, team_id: str, user_ids: Iterable[str]) -> dict[str, Person]:
        return {
            user_id: person_from_reference(reference)
            for user_id, reference in self.references.users(user_ids).items()
        }

    def person(self, team_id: str, user_id: str) -> Person | None:
        return self.people(team_id, [user_id]).get(user_id)

    def names(self, user_ids: Iterable[str]) -> dict[str, str]:
        """Display names; anyone unknown reads as 'a colleague'."""
        ids = [u for u in dict.fromkeys(user_ids) if u]
        found = self.references.users(ids)
        return {
            u: (found[u].name if u in found and found[u].name else text.UNKNOWN_PERSON) for u in ids
        }
