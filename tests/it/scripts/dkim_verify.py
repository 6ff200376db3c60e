"""Checks a message's DKIM signature as a receiving server would (dkimpy), with the public key
given on the command line standing in for the DNS record. Exit 0: valid; 1: invalid."""
import logging
import sys

import dkim

message_path, selector, domain, public_key = sys.argv[1:5]
record_name = f"{selector}._domainkey.{domain}.".encode()


def dns(name, timeout=5):
    if name == record_name:
        return b"v=DKIM1; k=rsa; p=" + public_key.encode()
    return None


with open(message_path, "rb") as f:
    message = f.read()
# Why a signature fails goes to standard error, for the test's message.
logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
checker = dkim.DKIM(message, logger=logging.getLogger("dkim"))
sys.exit(0 if checker.verify(dnsfunc=dns) else 1)
