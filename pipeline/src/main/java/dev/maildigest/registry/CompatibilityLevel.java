package dev.maildigest.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Confluent's compatibility levels, decided with Avro's own {@link SchemaCompatibility}.
 * BACKWARD: the new schema reads data written with the earlier one; FORWARD: the other way round;
 * FULL: both. Transitive levels check every earlier version, the others only the latest.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** Level of a registry that was never configured, as Confluent's default. */
    static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The level named (any case), or null when there is none of that name. */
    static CompatibilityLevel forName(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Why {@code candidate} breaks this level against one earlier version. */
    record Problem(int version, String direction, Incompatibility incompatibility) {
        @Override
        public String toString() {
            return "{errorType:'" + incompatibility.getType() + "', description:'" + direction + " version " + version
                    + ": " + incompatibility.getMessage() + " at " + incompatibility.getLocation()
                    + "', additionalInfo:'" + incompatibility.getMessage() + "'}";
        }
    }

    /** A registered version, as far as compatibility goes. */
    record Earlier(int version, Schema schema) {
    }

    /**
     * The problems that keep {@code candidate} from being registered after {@code earlier}
     * (oldest first); empty when it may be.
     */
    List<Problem> problems(Schema candidate, List<Earlier> earlier) {
        List<Problem> problems = new ArrayList<>();
        List<Earlier> checked = transitive || earlier.isEmpty() ? earlier : earlier.subList(earlier.size() - 1, earlier.size());
        for (Earlier old : checked) {
            if (backward) {
                check(candidate, old.schema(), old.version(), "the new schema cannot read data written with", problems);
            }
            if (forward) {
                check(old.schema(), candidate, old.version(), "data written with the new schema cannot be read with", problems);
            }
        }
        return problems;
    }

    private static void check(Schema reader, Schema writer, int version, String direction, List<Problem> problems) {
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()
                .forEach(i -> problems.add(new Problem(version, direction, i)));
    }
}
