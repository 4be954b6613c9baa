package dev.maildigest.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serdes need. {@link RestSchemaRegistry}
 * speaks it over HTTP to a Confluent registry or to our embedded one.
 */
public interface SchemaRegistry {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema byId(int id);

    /** Subject naming of Confluent's TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
