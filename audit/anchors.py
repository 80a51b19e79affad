"""Anchors: the chain's head, signed with the chain key and written outside the database.

The keyed chain shows any record that was altered, but not records that were removed from
its end (or a restore of an older backup): a shorter chain is still consistent. An anchor
file holds one JSON line per anchor (sequence, hash, time, signing key id, HMAC); the
verifier checks that the chain still reaches every anchor with the same hash. The file is
only as good as its storage: an installation points AUDIT_ANCHOR_PATH at write-once storage
or copies the file off the machine after each anchor (docs/audit.md).
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from django.utils import timezone

from audit.chain import GENESIS_HASH, ChainReport, all_records_in_order, verify_records
from audit.keys import ChainKey, current_key, known_keys
from audit.models import ProcessingRecord

_KIND = "schakel.audit.anchor.v1"
_FETCH_CHUNK = 500


@dataclass(frozen=True)
class Anchor:
    sequence: int
    record_hash: str
    anchored_at: str
    key_id: str  # the chain key that signed this anchor
    signature: str = ""

    def _message(self) -> bytes:
        fields = {
            "kind": _KIND,
            "sequence": self.sequence,
            "record_hash": self.record_hash,
            "anchored_at": self.anchored_at,
            "key_id": self.key_id,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def signed(self, key: ChainKey) -> Anchor:
        return Anchor(
            self.sequence, self.record_hash, self.anchored_at, key.key_id, key.sign(self._message())
        )

    def signature_valid(self, key: ChainKey) -> bool:
        return hmac.compare_digest(key.sign(self._message()), self.signature)

    def as_line(self) -> str:
        fields = {
            "sequence": self.sequence,
            "record_hash": self.record_hash,
            "anchored_at": self.anchored_at,
            "key_id": self.key_id,
            "signature": self.signature,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_line(cls, line: str) -> Anchor | None:
        try:
            fields = json.loads(line)
            anchor = cls(
                sequence=fields["sequence"],
                record_hash=fields["record_hash"],
                anchored_at=fields["anchored_at"],
                key_id=fields["key_id"],
                signature=fields["signature"],
            )
        except (ValueError, TypeError, KeyError):
            return None
        texts = (anchor.record_hash, anchor.anchored_at, anchor.key_id, anchor.signature)
        if type(anchor.sequence) is not int or not all(isinstance(t, str) for t in texts):
            return None
        return anchor


def anchor_write(path: Path) -> Anchor:
    """Appends the signed head of the chain to the anchor file (created when missing)."""
    head = ProcessingRecord.objects.order_by("-sequence").values("sequence", "record_hash").first()
    sequence, record_hash = (head["sequence"], head["record_hash"]) if head else (0, GENESIS_HASH)
    moment = timezone.now().astimezone(UTC).isoformat(timespec="seconds")
    key = current_key()
    anchor = Anchor(sequence, record_hash, moment, key.key_id).signed(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Append only, and on disk before the command reports success.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, (anchor.as_line() + "\n").encode("utf-8"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return anchor


@dataclass(frozen=True)
class AnchorProblem:
    line: int
    # "unreadable" | "malformed" | "unknown_key" | "bad_signature" | "beyond_chain" | "mismatch"
    kind: str
    anchor: Anchor | None = None
    chain_length: int = 0

    def describe(self) -> str:
        anchor = self.anchor
        if anchor is None:
            if self.kind == "unreadable":
                return "the anchor file cannot be read"
            return f"anchor line {self.line} is not a valid anchor"
        messages = {
            "unknown_key": "anchor line {line} is signed with chain key {key}, which is "
            "neither AUDIT_CHAIN_KEY nor in AUDIT_CHAIN_KEY_RETIRED",
            "bad_signature": "anchor line {line} has a bad signature",
            "beyond_chain": "the chain ends at record #{length}, but anchor line {line} "
            "({time}) recorded record #{sequence}: newer records were removed or an older "
            "backup was restored",
            "mismatch": "record #{sequence} does not have the hash anchored on line {line} "
            "({time})",
        }
        return messages[self.kind].format(
            line=self.line,
            key=anchor.key_id,
            length=self.chain_length,
            time=anchor.anchored_at,
            sequence=anchor.sequence,
        )


@dataclass(frozen=True)
class AnchorReport:
    checked: int
    newest: Anchor | None
    problem: AnchorProblem | None


def _hashes_at(sequences: Sequence[int]) -> dict[int, str]:
    hashes = {0: GENESIS_HASH}
    wanted = sorted(set(sequences) - {0})
    for start in range(0, len(wanted), _FETCH_CHUNK):
        chunk = wanted[start : start + _FETCH_CHUNK]
        rows = ProcessingRecord.objects.filter(sequence__in=chunk).values_list(
            "sequence", "record_hash"
        )
        hashes.update(rows)
    return hashes


def _read(path: Path) -> list[tuple[int, Anchor | None]] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = enumerate(text.splitlines(), start=1)
    return [(number, Anchor.from_line(line)) for number, line in lines if line.strip()]


def verify_anchors(
    path: Path, *, chain_length: int, keys: Mapping[str, ChainKey] | None = None
) -> AnchorReport:
    """Checks every anchor in the file against a chain of ``chain_length`` intact records:
    its signature, and that the record it names still exists with the hash it recorded."""
    keys = known_keys() if keys is None else keys
    entries = _read(path)
    if entries is None:
        return AnchorReport(0, None, AnchorProblem(0, "unreadable"))
    reachable = [a.sequence for _, a in entries if a is not None and a.sequence <= chain_length]
    hashes = _hashes_at(reachable)
    newest: Anchor | None = None
    for index, (number, anchor) in enumerate(entries):
        problem = _problem_in(number, anchor, keys, chain_length, hashes)
        if problem is not None:
            return AnchorReport(index, newest, problem)
        if anchor is not None and (newest is None or anchor.sequence >= newest.sequence):
            newest = anchor
    return AnchorReport(len(entries), newest, None)


def _problem_in(
    number: int,
    anchor: Anchor | None,
    keys: Mapping[str, ChainKey],
    chain_length: int,
    hashes: Mapping[int, str],
) -> AnchorProblem | None:
    if anchor is None or anchor.sequence < 0:
        return AnchorProblem(number, "malformed")
    key = keys.get(anchor.key_id)
    if key is None:
        return AnchorProblem(number, "unknown_key", anchor)
    if not anchor.signature_valid(key):
        return AnchorProblem(number, "bad_signature", anchor)
    if anchor.sequence > chain_length:
        return AnchorProblem(number, "beyond_chain", anchor, chain_length)
    if hashes.get(anchor.sequence) != anchor.record_hash:
        return AnchorProblem(number, "mismatch", anchor)
    return None


@dataclass(frozen=True)
class Verification:
    chain: ChainReport
    anchors: AnchorReport | None  # None: no anchors were checked

    @property
    def intact(self) -> bool:
        anchors_hold = self.anchors is None or self.anchors.problem is None
        return self.chain.problem is None and anchors_hold


def log_verify(*, anchor_path: Path | None) -> Verification:
    """Verifies the chain and, when given an anchor file and the chain is intact, the anchors."""
    chain = verify_records(all_records_in_order())
    if anchor_path is None or chain.problem is not None:
        return Verification(chain, None)
    return Verification(chain, verify_anchors(anchor_path, chain_length=chain.checked))
