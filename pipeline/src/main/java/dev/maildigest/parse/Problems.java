package dev.maildigest.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the parser had to work around while reading one message; each reason is kept once. */
final class Problems {
    /** A hostile message must not grow the record without bound. */
    private static final int MAX = 20;

    private final Set<String> reasons = new LinkedHashSet<>();

    void add(String reason) {
        if (reasons.size() < MAX) {
            reasons.add(reason);
        }
    }

    List<String> list() {
        return new ArrayList<>(reasons);
    }
}
