#!/usr/bin/python3
"""Reads Avro records from one of our topics with Confluent's own Python client.

confluent_kafka.avro.AvroConsumer resolves every record's schema id through the Schema
Registry (Confluent's CachedSchemaRegistryClient), so this proves our framing and our
embedded registry speak Confluent's protocol. Prints one JSON line per record.
"""
import argparse
import json
import sys
import time

from confluent_kafka import KafkaError
from confluent_kafka.avro import AvroConsumer


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--bootstrap-server", required=True)
    p.add_argument("--schema-registry-url", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--count", type=int, default=1, help="records to read before exiting")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for them")
    args = p.parse_args()

    consumer = AvroConsumer({
        "bootstrap.servers": args.bootstrap_server,
        "schema.registry.url": args.schema_registry_url,
        "group.id": "confluent-avro-check",
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
    })
    consumer.subscribe([args.topic])
    seen = 0
    deadline = time.time() + args.timeout
    try:
        while seen < args.count and time.time() < deadline:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                print("error: " + str(msg.error()), file=sys.stderr)
                return 1
            value = msg.value()  # a dict, decoded with the writer schema fetched by id
            summary = {k: v for k, v in value.items() if not isinstance(v, (bytes, list, dict))}
            print(json.dumps({"topic": msg.topic(), "key": msg.key(), "value": summary}, default=str))
            seen += 1
    finally:
        consumer.close()
    if seen < args.count:
        print("error: read %d of %d records from %s" % (seen, args.count, args.topic), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
