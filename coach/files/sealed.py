"""Encryption with age (the pyrage package): the therapist's key, and sealing an export.

The therapist's identity is an age X25519 secret key in one file, 0600 and never printed;
its public half (`age1...`) goes into the programme file, so a patient's export can be
read by that therapist only. A patient without a therapist's key seals with a passphrase
(age's scrypt mode). Everything is done in memory: decrypted data never touches the disk.
pyrage is imported when a key is used, so no other command pays for loading it.
"""

from __future__ import annotations

import base64
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.files.durable import create
from coach.files.regular_files import present, read_file
from coach.i18n import _

# An age X25519 recipient: "age1" and 58 characters of bech32 (the checksum is checked too).
RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")

MAGIC = b"age-encryption.org/v1\n"
ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


def _pyrage() -> Any:
    import pyrage  # noqa: PLC0415 -- a compiled module: loaded only when a key is used

    return pyrage


def recipient_problem(text: str) -> str | None:
    """What is wrong with a public key given as a recipient, or None."""
    if not RECIPIENT.fullmatch(text):
        return _('expected an age public key: "age1" followed by 58 letters and digits')
    try:
        _pyrage().x25519.Recipient.from_str(text)
    except Exception:  # pyrage raises its own RecipientError
        return _(
            "not a valid age public key (its checksum is wrong); copy it again from "
            "coach practice keygen"
        )
    return None


def looks_sealed(data: bytes) -> bool:
    """An age file, binary or armored (the `age -a` text form)."""
    return data.startswith(MAGIC) or data.lstrip().startswith(ARMOR)


# -- the therapist's key ------------------------------------------------------------


def new_identity(path: Path, now: datetime) -> tuple[str, bool]:
    """Make the key in `path` (0600), or keep the one there; its public key, and whether it
    is new. An existing key is never replaced: exports sealed to it would become unreadable."""
    identity = _pyrage().x25519.Identity.generate()
    public = str(identity.to_public())
    text = f"# created: {now.isoformat(timespec='seconds')}\n# public key: {public}\n{identity}\n"
    if path.is_symlink() or not create(path, text.encode("ascii")):
        return public_key(path), False
    return public, True


def _identity(path: Path) -> Any:
    if not present(path) and not path.is_symlink():
        raise CoachError(
            _("{file}: there is no practice key yet").format(file=path),
            _("Make one with: coach practice keygen"),
        )
    if sys.platform != "win32":
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = 0  # read_file below says why it can't be read
        if mode & 0o077:
            raise CoachError(
                _("{file}: other users can read this key (mode {mode:o})").format(
                    file=path, mode=mode & 0o777
                ),
                _("Make it yours alone with: chmod 600 {file}").format(file=path),
            )
    text = read_file(path, 64 * 1024).decode("ascii", errors="replace")
    keys = [line.strip() for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-1")]
    try:
        if len(keys) != 1:
            raise ValueError
        return _pyrage().x25519.Identity.from_str(keys[0])
    except Exception:  # pyrage's IdentityError, or no key line
        raise CoachError(
            _("{file}: not an age key file (expected one AGE-SECRET-KEY-1... line)").format(
                file=path
            )
        ) from None


def public_key(path: Path) -> str:
    """The public key of the identity in `path`."""
    return str(_identity(path).to_public())


# -- sealing and opening ------------------------------------------------------------


def seal(data: bytes, recipient: str | None = None, passphrase: str | None = None) -> bytes:
    """`data` encrypted to `recipient`, or with `passphrase` (scrypt)."""
    pyrage = _pyrage()
    if passphrase is not None:
        return bytes(pyrage.passphrase.encrypt(data, passphrase))
    assert recipient is not None  # noqa: S101 -- the command checked one was given
    return bytes(pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(recipient)]))


# scrypt's cost doubles with each step of the work factor: 20 asks about 1 GiB of memory.
# age makes files at about one second of work (18 to 20 on today's laptops); a file asking
# for more would hold the import for minutes and gigabytes before any check.
MAX_WORK_FACTOR = 20


def binary(data: bytes, name: Path) -> bytes:
    """The age file as binary: the armored text form (`age -a`) decoded."""
    if not data.lstrip().startswith(ARMOR):
        return data
    lines = [line.strip() for line in data.decode("ascii", errors="replace").splitlines()]
    body = [line for line in lines if line and not line.startswith("-----")]  # BEGIN, END
    try:
        return base64.b64decode("".join(body), validate=True)
    except ValueError:
        raise CoachError(
            _("{file}: damaged or cut short; it cannot be decrypted").format(file=name)
        ) from None


def needs_passphrase(data: bytes, name: Path) -> bool:
    """Sealed with a passphrase (age's scrypt stanza) rather than to a key; one that asks
    for more work than MAX_WORK_FACTOR is refused here, before any is done."""
    header = data[:300]
    if not (data.startswith(MAGIC) and b"\n-> scrypt " in header):
        return False
    stanza = header.split(b"\n-> scrypt ", 1)[1].split(b"\n", 1)[0].split()
    factor = int(stanza[1]) if len(stanza) == 2 and stanza[1].isdigit() else None
    if factor is None or factor > MAX_WORK_FACTOR:
        raise CoachError(
            _(
                "{file}: its passphrase asks for more work to open than coach gives "
                "(scrypt work factor {found}; at most {most})"
            ).format(file=name, found=factor if factor is not None else "?", most=MAX_WORK_FACTOR)
        )
    return True


def unseal(data: bytes, name: Path, key: Path | None, passphrase: str | None = None) -> bytes:
    """The plain bytes of an age file, with the practice key in `key`, or a passphrase."""
    pyrage = _pyrage()
    try:
        if passphrase is not None:
            return bytes(pyrage.passphrase.decrypt(data, passphrase))
        assert key is not None  # noqa: S101
        identity = _identity(key)
        return bytes(pyrage.decrypt(data, [identity]))
    except CoachError:
        raise
    except Exception as exc:  # pyrage's DecryptError and friends
        reason = str(exc).lower()
        if passphrase is not None:
            message = _("{file}: cannot decrypt it with this passphrase")
        elif "no matching keys" in reason or "not a recipient" in reason:
            message = _("{file}: sealed for another key; this practice key cannot open it")
        else:
            message = _("{file}: damaged or cut short; it cannot be decrypted")
        raise CoachError(message.format(file=name)) from None
