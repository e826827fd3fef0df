"""Federation between techbridge installations: the protocol rules, without Django.

ActivityStreams 2.0 objects and pages (`activity`), the feed's cursor and paging rules (`paging`)
and the signature policy (`signing`). The Django app `techbridge.federation` stores, signs and
sends; docs/federation.md describes the protocol.
"""
