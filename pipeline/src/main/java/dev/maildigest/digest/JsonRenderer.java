package dev.maildigest.digest;

import java.time.Instant;
import java.util.Collection;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.maildigest.avro.Digest;

/**
 * The whole digest as pretty JSON with plain values, for programs. The shape follows
 * schemas/Digest.avsc field by field (new schema fields appear by themselves):
 * <ul>
 *   <li>records are objects with the Avro field names, in schema order;</li>
 *   <li>optional fields are the value itself or {@code null} (no Avro union wrappers);</li>
 *   <li>enums are their symbol ({@code "PATCH"}); timestamps are ISO-8601 UTC strings
 *       ({@code "2025-04-23T08:10:00Z"});</li>
 *   <li>the rendered {@code text} is left out: it is the text document itself.</li>
 * </ul>
 * Example: {@code {"list": "kvm", "listName": "KVM", ..., "range": {"first": "26b7...", ...},
 * "topContributors": [{"author": {"name": "Marc Zyngier", "email": "maz@kernel.org"}, "count": 18}], ...}}
 */
public final class JsonRenderer implements DigestRenderer {
    private static final String LEFT_OUT = "text";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = pretty();

    @Override
    public String render(Digest digest) {
        ObjectNode root = record(digest);
        root.remove(LEFT_OUT);
        try {
            return JSON.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ObjectNode record(IndexedRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        } else if (v instanceof IndexedRecord r) {
            return record(r);
        } else if (v instanceof Collection<?> items) {
            ArrayNode array = f.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        } else if (v instanceof CharSequence s) {
            return f.textNode(s.toString());
        } else if (v instanceof Integer i) {
            return f.numberNode(i);
        } else if (v instanceof Long l) {
            return f.numberNode(l);
        } else if (v instanceof Double x) {
            return f.numberNode(x);
        } else if (v instanceof Float x) {
            return f.numberNode(x);
        } else if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof Instant t) {
            return f.textNode(t.toString());
        } else if (v instanceof Enum<?> e) {
            return f.textNode(e.name());
        } else if (v instanceof GenericEnumSymbol<?> e) {
            return f.textNode(e.toString());
        }
        // Bytes, maps: not in the digest schema today; stay readable if they come.
        return f.textNode(String.valueOf(v));
    }

    private static DefaultPrettyPrinter pretty() {
        DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""));
        printer.indentObjectsWith(twoSpaces);
        printer.indentArraysWith(twoSpaces);
        return printer;
    }
}
