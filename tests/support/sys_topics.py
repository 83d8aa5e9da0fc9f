"""The broker's $SYS topics, in one place for every test that reads them."""

SYS_TOPICS = {
    "version": "$SYS/broker/version",
    "uptime": "$SYS/broker/uptime",
    "clients_connected": "$SYS/broker/clients/connected",
    "clients_total": "$SYS/broker/clients/total",
    "messages_received": "$SYS/broker/messages/received",
    "messages_sent": "$SYS/broker/messages/sent",
    "bytes_received": "$SYS/broker/bytes/received",
    "bytes_sent": "$SYS/broker/bytes/sent",
    "subscriptions": "$SYS/broker/subscriptions/count",
    "retained": "$SYS/broker/retained messages/count",
    "dropped": "$SYS/broker/messages/dropped",
}

# Every value except the version is a number, possibly followed by a unit ("12 seconds").
NUMERIC = [k for k in SYS_TOPICS if k != "version"]


def number(payload):
    """The leading integer of a $SYS payload."""
    return int(payload.decode("utf-8").split()[0])
